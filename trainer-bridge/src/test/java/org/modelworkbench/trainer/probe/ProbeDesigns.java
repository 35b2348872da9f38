package org.modelworkbench.trainer.probe;

import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** Tiny designs, one per family a view probes, that compile and run in milliseconds. */
final class ProbeDesigns {
    private ProbeDesigns() {
    }

    /** 1×28×28 → conv 3×3/2 (4) → BN → ReLU → conv 3×3/2 (8) → ReLU → flatten → linear 10. */
    static Design convNet() {
        return convNet(4);
    }

    /** The conv net with {@code width} channels in its first convolution. */
    static Design convNet(int width) {
        DesignBuilder b = new DesignBuilder("probe conv net");
        String x = b.input("input", 1, 28, 28);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", width, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("bn1", "norm.batch_norm", Map.of(), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("relu2", "activation.relu", Map.of(), x);
        x = b.add("flat", "tensor.flatten", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        return b.build();
    }

    /** 1×15×15 → three 3×3 convolutions with padding 1 (1 → 4 → 4 → 3 channels): a 7×7 theoretical field. */
    static Design convStack() {
        DesignBuilder b = new DesignBuilder("3×3 stack");
        String x = b.input("input", 1, 15, 15);
        x = b.add("c1", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), x);
        x = b.add("c2", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), x);
        b.add("c3", "conv.conv2d", Map.of("out_channels", 3, "kernel", 3, "padding", 1), x);
        return b.build();
    }

    /** 1×9×9 → one 3×3 convolution (1 → 2 channels, padding 1). */
    static Design oneConv() {
        DesignBuilder b = new DesignBuilder("one conv");
        String x = b.input("input", 1, 9, 9);
        b.add("c", "conv.conv2d", Map.of("out_channels", 2, "kernel", 3, "padding", 1), x);
        return b.build();
    }

    /** 1×8×8 → 2×2 patches of 16 → class token → learned positions → 2 encoder blocks (2 heads) → class token → 10. */
    static Design vit() {
        DesignBuilder b = new DesignBuilder("tiny vit");
        String x = b.input("input", 1, 8, 8);
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 16, "output", "tokens"), x);
        x = b.add("cls_token", "embedding.class_token", Map.of(), x);
        x = b.add("pos_embed", "embedding.position_learned", Map.of(), x);
        x = b.add("block1", "vit.encoder_block", Map.of("heads", 2), x);
        x = b.add("block2", "vit.encoder_block", Map.of("heads", 2), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "class_token", "norm", "before_pool"), x);
        return b.build();
    }

    /** 1×16×16 → 2×2 patches of 12, channels-last 8×8 → Swin blocks with 4×4 windows, unshifted then shifted → 10. */
    static Design swin() {
        DesignBuilder b = new DesignBuilder("tiny swin");
        String x = b.input("input", 1, 16, 16);
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 12, "norm", true,
                "output", "channels_last"), x);
        x = b.add("block1", "swin.block", Map.of("heads", 2, "window", 4, "shifted", false), x);
        x = b.add("block2", "swin.block", Map.of("heads", 2, "window", 4, "shifted", true), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    /** 1×8×8 → 2×2 patches of 8, channels-first 4×4 → one FocalNet block with 2 levels (kernels 3, 5) → 10. */
    static Design focal() {
        DesignBuilder b = new DesignBuilder("tiny focalnet");
        String x = b.input("input", 1, 8, 8);
        x = b.add("stem", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 8, "norm", true,
                "output", "channels_first"), x);
        x = b.add("block1", "focal.block", Map.of("focal_level", 2, "focal_window", 3, "focal_factor", 2), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_first", "norm", "before_pool"), x);
        return b.build();
    }

    /** 1×8×8 → conv 3×3/2 (8) → channels-last 4×4 → one VSS block (SS2D, 4 directions, d_state 2) → 10. */
    static Design vmamba() {
        DesignBuilder b = new DesignBuilder("tiny vmamba");
        String x = b.input("input", 1, 8, 8);
        x = b.add("stem", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("to_channels_last", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)), x);
        x = b.add("block1", "mamba.vss_block", Map.of("d_state", 2, "ssm_ratio", 1.0), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    /** 1×8×8 → 2×2 patches as 16 tokens of 8 → one Mamba mixer (D = 16, d_state 4) → mean of tokens → 10. */
    static Design mamba() {
        DesignBuilder b = new DesignBuilder("tiny mamba");
        String x = b.input("input", 1, 8, 8);
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 8, "output", "tokens"), x);
        x = b.add("mixer", "mamba.mamba_block", Map.of("d_state", 4), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "tokens"), x);
        return b.build();
    }
}
