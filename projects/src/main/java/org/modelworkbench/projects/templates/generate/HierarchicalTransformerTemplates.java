package org.modelworkbench.projects.templates.generate;

import java.util.List;
import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/**
 * Templates of the hierarchical (four-stage, stride-4 pyramid) transformers: Swin Transformer and
 * FocalNet, the reference ImageNet models at 224×224 and small Fashion-MNIST variants (1×28×28, 10 classes).
 */
public final class HierarchicalTransformerTemplates {
    private HierarchicalTransformerTemplates() {
    }

    public static List<TemplateSource> all() {
        return List.of(
                new TemplateSource("swin-tiny.json", HierarchicalTransformerTemplates::swinTiny),
                new TemplateSource("focalnet-tiny-lrf.json", HierarchicalTransformerTemplates::focalnetTinyLrf),
                new TemplateSource("swin-fmnist.json", HierarchicalTransformerTemplates::swinFashionMnist),
                new TemplateSource("focalnet-fmnist.json", HierarchicalTransformerTemplates::focalnetFashionMnist));
    }

    // ------------------------------------------------------------------ Swin Transformer

    /** timm swin_tiny_patch4_window7_224 / torchvision swin_t. */
    public static Design swinTiny() {
        DesignBuilder b = new DesignBuilder("Swin-T");
        b.description("Swin Transformer Tiny (Liu et al., ICCV 2021) as timm swin_tiny_patch4_window7_224 / "
                + "torchvision swin_t: patch embedding conv 4×4/4 + LayerNorm on a channels-last 56×56 map, depths "
                + "[2, 2, 6, 2], dims [96, 192, 384, 768], heads [3, 6, 12, 24], window 7 with blocks alternating "
                + "regular and shifted windows (the shift is off at 7×7), MLP ratio 4, patch merging between "
                + "stages, head LayerNorm → global pool → Linear. 28,288,354 params, 4.491 GMACs at 224×224.");
        String x = b.input("input", 3, 224, 224);
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", 4, "embed_dim", 96, "norm", true,
                "output", "channels_last"), x);
        x = swinStages(b, x, List.of(2, 2, 6, 2), List.of(3, 6, 12, 24), 7);
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    /** A two-stage Swin for 28×28 grey images: 2×2 patches give a 14×14 map, two 7×7 windows a side. */
    public static Design swinFashionMnist() {
        DesignBuilder b = new DesignBuilder("Swin (Fashion-MNIST)");
        b.description("A small Swin Transformer for Fashion-MNIST (1×28×28, 10 classes): patch embedding 2×2/2 + "
                + "LayerNorm → a channels-last 14×14 map of width 48, stages of depths [2, 2], dims [48, 96] and "
                + "heads [3, 6] at 14×14 (2×2 windows of 7×7, the second block shifted) and 7×7 (one window), "
                + "MLP ratio 4, patch merging between the stages, head LayerNorm → global pool → Linear. "
                + "303,580 params, 25.4 MMACs per image.");
        String x = b.input("input", 1, 28, 28);
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 48, "norm", true,
                "output", "channels_last"), x);
        x = swinStages(b, x, List.of(2, 2), List.of(3, 6), 7);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    private static String swinStages(DesignBuilder b, String x, List<Integer> depths, List<Integer> heads, int window) {
        for (int s = 0; s < depths.size(); s++) {
            if (s > 0) {
                x = b.add("patch_merging" + (s + 1), "embedding.patch_merging", Map.of(), x);
            }
            for (int i = 1; i <= depths.get(s); i++) {
                x = b.add("stage" + (s + 1) + "_block" + i, "swin.block", Map.of("heads", heads.get(s),
                        "window", window, "shifted", i % 2 == 0, "mlp_ratio", 4.0), x);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------ FocalNet

    /** timm focalnet_tiny_lrf. */
    public static Design focalnetTinyLrf() {
        DesignBuilder b = new DesignBuilder("FocalNet-T (LRF)");
        b.description("FocalNet Tiny with large receptive field (Yang et al., NeurIPS 2022) as timm "
                + "focalnet_tiny_lrf: stem conv 4×4/4 + LayerNorm (channels-first), depths [2, 2, 6, 2], dims "
                + "[96, 192, 384, 768], focal modulation with 3 focal levels (depthwise kernels 3, 5, 7) plus the "
                + "global level, MLP ratio 4, no layer scale, conv 2×2/2 + LayerNorm downsampling, head "
                + "LayerNorm → global pool → Linear. 28,647,928 params, 4.475 GMACs at 224×224.");
        String x = b.input("input", 3, 224, 224);
        x = b.add("stem", "embedding.patch_embed", Map.of("patch", 4, "embed_dim", 96, "norm", true,
                "output", "channels_first"), x);
        x = focalStages(b, x, List.of(2, 2, 6, 2), List.of(96, 192, 384, 768), 3);
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "channels_first", "norm", "before_pool"), x);
        return b.build();
    }

    /** A two-stage FocalNet for 28×28 grey images. */
    public static Design focalnetFashionMnist() {
        DesignBuilder b = new DesignBuilder("FocalNet (Fashion-MNIST)");
        b.description("A small FocalNet for Fashion-MNIST (1×28×28, 10 classes): stem conv 2×2/2 + LayerNorm "
                + "(28 → 14), stages of depths [2, 2] and dims [48, 96] at 14×14 and 7×7 with 2 focal levels "
                + "(depthwise kernels 3, 5, as the SRF models) plus the global level, MLP ratio 4, conv 2×2/2 + "
                + "LayerNorm downsampling, head LayerNorm → global pool → Linear. "
                + "311,110 params, 23.7 MMACs per image.");
        String x = b.input("input", 1, 28, 28);
        x = b.add("stem", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 48, "norm", true,
                "output", "channels_first"), x);
        x = focalStages(b, x, List.of(2, 2), List.of(48, 96), 2);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_first", "norm", "before_pool"), x);
        return b.build();
    }

    private static String focalStages(DesignBuilder b, String x, List<Integer> depths, List<Integer> dims, int levels) {
        for (int s = 0; s < depths.size(); s++) {
            if (s > 0) {
                // FocalNet's downsampling is a 2×2 patch embedding: conv 2×2/2 (bias) + LayerNorm.
                x = b.add("downsample" + (s + 1), "embedding.patch_embed", Map.of("patch", 2, "embed_dim", dims.get(s),
                        "norm", true, "output", "channels_first"), x);
            }
            for (int i = 1; i <= depths.get(s); i++) {
                x = b.add("stage" + (s + 1) + "_block" + i, "focal.block", Map.of("focal_level", levels,
                        "focal_window", 3, "mlp_ratio", 4.0), x);
            }
        }
        return x;
    }
}
