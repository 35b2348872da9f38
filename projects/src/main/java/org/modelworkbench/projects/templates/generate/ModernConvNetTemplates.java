package org.modelworkbench.projects.templates.generate;

import java.util.List;
import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/**
 * Templates of ConvNeXt, PoolFormer (MetaFormer) and ViT/DeiT: the reference ImageNet models at 224×224 and
 * small Fashion-MNIST variants (1×28×28, 10 classes).
 */
public final class ModernConvNetTemplates {
    private ModernConvNetTemplates() {
    }

    public static List<TemplateSource> all() {
        return List.of(
                new TemplateSource("convnext-tiny.json", ModernConvNetTemplates::convnextTiny),
                new TemplateSource("poolformer-s12.json", ModernConvNetTemplates::poolformerS12),
                new TemplateSource("deit-tiny.json", ModernConvNetTemplates::deitTiny),
                new TemplateSource("convnext-fmnist.json", ModernConvNetTemplates::convnextFashionMnist),
                new TemplateSource("poolformer-fmnist.json", ModernConvNetTemplates::poolformerFashionMnist),
                new TemplateSource("vit-fmnist.json", ModernConvNetTemplates::vitFashionMnist));
    }

    // ------------------------------------------------------------------ ConvNeXt

    /** torchvision convnext_tiny / timm convnext_tiny. */
    public static Design convnextTiny() {
        DesignBuilder b = new DesignBuilder("ConvNeXt-T");
        b.description("ConvNeXt-Tiny (Liu et al., CVPR 2022) as torchvision convnext_tiny / timm convnext_tiny: "
                + "stem conv 4×4/4 + LayerNorm, depths [3, 3, 9, 3], dims [96, 192, 384, 768], depthwise 7×7, "
                + "MLP ratio 4, layer scale 1e-6, LayerNorm + conv 2×2/2 downsampling, head global pool → LayerNorm "
                + "→ Linear. 28,589,128 params, 4.456 GMACs at 224×224.");
        String x = b.input("input", 3, 224, 224);
        x = b.add("stem_conv", "conv.conv2d", Map.of("out_channels", 96, "kernel", 4, "stride", 4, "padding", 0,
                "bias", true), x);
        x = b.add("stem_norm", "norm.layer_norm", Map.of("layout", "channels_first", "eps", 1e-6), x);
        x = convnextStages(b, x, List.of(3, 3, 9, 3), List.of(96, 192, 384, 768));
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "channels_first", "norm", "after_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    /** A two-stage ConvNeXt for 28×28 grey images. */
    public static Design convnextFashionMnist() {
        DesignBuilder b = new DesignBuilder("ConvNeXt (Fashion-MNIST)");
        b.description("A small ConvNeXt for Fashion-MNIST (1×28×28, 10 classes): stem conv 2×2/2 + LayerNorm "
                + "(28 → 14), stages of depths [2, 3] and dims [48, 96] at 14×14 and 7×7 with ConvNeXt blocks "
                + "(depthwise 7×7, MLP ratio 4, layer scale), head global pool → LayerNorm → Linear. "
                + "300,442 params, 20.6 MMACs per image.");
        String x = b.input("input", 1, 28, 28);
        x = b.add("stem_conv", "conv.conv2d", Map.of("out_channels", 48, "kernel", 2, "stride", 2, "padding", 0,
                "bias", true), x);
        x = b.add("stem_norm", "norm.layer_norm", Map.of("layout", "channels_first", "eps", 1e-6), x);
        x = convnextStages(b, x, List.of(2, 3), List.of(48, 96));
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_first", "norm", "after_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    private static String convnextStages(DesignBuilder b, String x, List<Integer> depths, List<Integer> dims) {
        for (int s = 0; s < depths.size(); s++) {
            if (s > 0) {
                x = b.add("downsample" + (s + 1), "convnext.downsample", Map.of("out_channels", dims.get(s)), x);
            }
            for (int i = 1; i <= depths.get(s); i++) {
                x = b.add("stage" + (s + 1) + "_block" + i, "convnext.block",
                        Map.of("kernel", 7, "mlp_ratio", 4.0, "layer_scale_init", 1e-6), x);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------ PoolFormer

    /** timm poolformer_s12 (MetaFormer implementation). */
    public static Design poolformerS12() {
        DesignBuilder b = new DesignBuilder("PoolFormer-S12");
        b.description("PoolFormer-S12 (Yu et al., CVPR 2022) as timm poolformer_s12: stem conv 7×7/4 p2, depths "
                + "[2, 2, 6, 2], dims [64, 128, 320, 512], pooling 3×3 token mixer, GroupNorm(1), MLP ratio 4, layer "
                + "scale 1e-5, conv 3×3/2 p1 downsampling, head global pool → LayerNorm → Linear. "
                + "11,915,176 params, 1.812 GMACs at 224×224.");
        String x = b.input("input", 3, 224, 224);
        x = b.add("stem_conv", "conv.conv2d", Map.of("out_channels", 64, "kernel", 7, "stride", 4, "padding", 2,
                "bias", true), x);
        x = poolformerStages(b, x, List.of(2, 2, 6, 2), List.of(64, 128, 320, 512));
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "channels_first", "norm", "after_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    /** A two-stage PoolFormer for 28×28 grey images. */
    public static Design poolformerFashionMnist() {
        DesignBuilder b = new DesignBuilder("PoolFormer (Fashion-MNIST)");
        b.description("A small PoolFormer for Fashion-MNIST (1×28×28, 10 classes): stem conv 3×3/2 p1 (28 → 14), "
                + "stages of depths [2, 3] and dims [48, 96] at 14×14 and 7×7 with PoolFormer blocks (3×3 pooling "
                + "mixer, GroupNorm(1), MLP ratio 4, layer scale), conv 3×3/2 p1 downsampling, head global pool → "
                + "LayerNorm → Linear. 305,482 params, 20.2 MMACs per image.");
        String x = b.input("input", 1, 28, 28);
        x = b.add("stem_conv", "conv.conv2d", Map.of("out_channels", 48, "kernel", 3, "stride", 2, "padding", 1,
                "bias", true), x);
        x = poolformerStages(b, x, List.of(2, 3), List.of(48, 96));
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_first", "norm", "after_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    private static String poolformerStages(DesignBuilder b, String x, List<Integer> depths, List<Integer> dims) {
        for (int s = 0; s < depths.size(); s++) {
            if (s > 0) {
                x = b.add("downsample" + (s + 1), "conv.conv2d", Map.of("out_channels", dims.get(s), "kernel", 3,
                        "stride", 2, "padding", 1, "bias", true), x);
            }
            for (int i = 1; i <= depths.get(s); i++) {
                x = b.add("stage" + (s + 1) + "_block" + i, "poolformer.block",
                        Map.of("pool_size", 3, "mlp_ratio", 4.0, "layer_scale_init", 1e-5), x);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------ ViT / DeiT

    /** timm deit_tiny_patch16_224. */
    public static Design deitTiny() {
        DesignBuilder b = new DesignBuilder("DeiT-Tiny");
        b.description("DeiT-Tiny (Touvron et al., ICML 2021) as timm deit_tiny_patch16_224, a plain ViT: patch "
                + "embedding 16×16/16 → 196 tokens of width 192, class token, learned position embedding (197 "
                + "positions), 12 encoder blocks with 3 heads and MLP ratio 4, head LayerNorm → class token → Linear. "
                + "5,717,416 params, 1.254 GMACs at 224×224.");
        String x = b.input("input", 3, 224, 224);
        x = vitBody(b, x, 16, 192, 12, 3);
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "class_token", "norm", "before_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    /** A small ViT for 28×28 grey images: 4×4 patches give 7×7 tokens. */
    public static Design vitFashionMnist() {
        DesignBuilder b = new DesignBuilder("ViT (Fashion-MNIST)");
        b.description("A small Vision Transformer for Fashion-MNIST (1×28×28, 10 classes): patch embedding 4×4/4 → "
                + "49 tokens of width 64, class token, learned position embedding (50 positions), 6 encoder blocks "
                + "with 4 heads and MLP ratio 4, head LayerNorm → class token → Linear. "
                + "305,034 params, 16.7 MMACs per image.");
        String x = b.input("input", 1, 28, 28);
        x = vitBody(b, x, 4, 64, 6, 4);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "class_token", "norm", "before_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    private static String vitBody(DesignBuilder b, String x, int patch, int dim, int depth, int heads) {
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", patch, "embed_dim", dim, "norm", false,
                "output", "tokens"), x);
        x = b.add("cls_token", "embedding.class_token", Map.of(), x);
        x = b.add("pos_embed", "embedding.position_learned", Map.of(), x);
        for (int i = 1; i <= depth; i++) {
            x = b.add("block" + i, "vit.encoder_block", Map.of("heads", heads, "mlp_ratio", 4.0, "qkv_bias", true,
                    "eps", 1e-6), x);
        }
        return x;
    }
}
