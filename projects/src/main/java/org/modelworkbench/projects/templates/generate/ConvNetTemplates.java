package org.modelworkbench.projects.templates.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/**
 * Classic convolutional networks: ResNet-18/50 (basic and bottleneck blocks), MobileNetV2 (inverted
 * residuals) and EfficientNet-B0 (MBConv with SE), plus small Fashion-MNIST versions of ResNet and
 * MobileNetV2. Stems are drawn from primitives, each residual block is one node, heads are
 * {@code head.classifier}.
 */
public final class ConvNetTemplates {
    private ConvNetTemplates() {
    }

    public static List<TemplateSource> all() {
        return List.of(
                new TemplateSource("resnet18.json", ConvNetTemplates::resnet18),
                new TemplateSource("resnet50.json", ConvNetTemplates::resnet50),
                new TemplateSource("mobilenetv2.json", ConvNetTemplates::mobileNetV2),
                new TemplateSource("efficientnet-b0.json", ConvNetTemplates::efficientNetB0),
                new TemplateSource("resnet-fmnist.json", ConvNetTemplates::resnetFashionMnist),
                new TemplateSource("mobilenetv2-fmnist.json", ConvNetTemplates::mobileNetV2FashionMnist));
    }

    // ------------------------------------------------------------------------------------------ ResNet

    public static Design resnet18() {
        DesignBuilder b = new DesignBuilder("ResNet-18");
        b.description("ResNet-18 (He et al. 2016) at 224×224: 7×7/2 stem and max-pool, four stages of two basic blocks "
                + "(64, 128, 256, 512 channels; the first block of stages 2–4 strides by 2 with a projection "
                + "shortcut), global average pool and FC to 1000 classes. Reproduces torchvision resnet18 / timm "
                + "resnet18: 11,689,512 params, 1.814 GMACs (1,814,073,344).");
        String x = imageNetStem(b);
        x = resnetStages(b, x, "resnet.basic_block", new int[] {2, 2, 2, 2}, new int[] {64, 128, 256, 512});
        b.add("head", "head.classifier", Map.of("classes", 1000), x);
        return b.build();
    }

    public static Design resnet50() {
        DesignBuilder b = new DesignBuilder("ResNet-50");
        b.description("ResNet-50 v1.5 (He et al. 2016; stride on the 3×3 conv of the bottleneck) at 224×224: 7×7/2 "
                + "stem and max-pool, stages of 3, 4, 6, 3 bottlenecks (planes 64, 128, 256, 512; outputs 256 … 2048; "
                + "the first block of every stage has a projection shortcut), global average pool and FC to 1000 "
                + "classes. Reproduces torchvision resnet50 / timm resnet50: 25,557,032 params, 4.089 GMACs "
                + "(4,089,184,256). Set groups 32 / base_width 4 on the blocks for ResNeXt-50 32×4d, base_width 128 "
                + "for Wide ResNet-50-2.");
        String x = imageNetStem(b);
        x = resnetStages(b, x, "resnet.bottleneck", new int[] {3, 4, 6, 3}, new int[] {64, 128, 256, 512});
        b.add("head", "head.classifier", Map.of("classes", 1000), x);
        return b.build();
    }

    public static Design resnetFashionMnist() {
        DesignBuilder b = new DesignBuilder("ResNet (Fashion-MNIST)");
        b.description("A small ResNet for 1×28×28 Fashion-MNIST images and 10 classes, in the style of the CIFAR "
                + "ResNet-20 of He et al. 2016 (§4.2): a 3×3 stem conv (no 7×7/2, no max-pool), three stages of three "
                + "basic blocks with 16, 32, 64 channels at 28×28, 14×14 and 7×7 (projection shortcuts where the "
                + "stride or width changes, as torchvision), global average pool and FC to 10 classes. "
                + "272,186 params, 31.0 MMACs.");
        String x = b.input("input", 1, 28, 28);
        x = convBnAct(b, "stem", x, 16, 3, 1, "activation.relu");
        x = resnetStages(b, x, "resnet.basic_block", new int[] {3, 3, 3}, new int[] {16, 32, 64});
        b.add("head", "head.classifier", Map.of("classes", 10), x);
        return b.build();
    }

    /** conv7×7/2 3→64 (no bias), BN, ReLU, max-pool 3×3/2: 224 → 56. */
    private static String imageNetStem(DesignBuilder b) {
        String x = b.input("input", 3, 224, 224);
        x = b.add("stem_conv", "conv.conv2d",
                Map.of("out_channels", 64, "kernel", 7, "stride", 2, "padding", 3, "bias", false), x);
        x = b.add("stem_bn", "norm.batch_norm", Map.of(), x);
        x = b.add("stem_relu", "activation.relu", Map.of(), x);
        return b.add("stem_pool", "pool.max2d", Map.of("kernel", 3, "stride", 2, "padding", 1), x);
    }

    /**
     * Stages of basic blocks (width = out_channels) or bottlenecks (width = planes); the first block of every
     * stage but the first strides by 2.
     */
    private static String resnetStages(DesignBuilder b, String x, String blockType, int[] depths, int[] widths) {
        String widthParam = blockType.equals("resnet.bottleneck") ? "planes" : "out_channels";
        for (int stage = 0; stage < depths.length; stage++) {
            for (int block = 0; block < depths[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = b.add("stage" + (stage + 1) + "_block" + (block + 1), blockType,
                        Map.of(widthParam, widths[stage], "stride", stride), x);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------------------------------ MobileNetV2

    /** MobileNetV2's inverted-residual settings: expansion t, channels c, repeats n, first stride s. */
    private static final int[][] MOBILENET_V2_TABLE = {
            {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};

    /**
     * torchvision's {@code _make_divisible(v, 8)}: the nearest multiple of 8 (at least 8), plus 8 when that
     * rounds down by more than 10 %.
     */
    static int makeDivisible(double v) {
        int rounded = Math.max(8, (int) ((v + 4) / 8) * 8);
        if (rounded < 0.9 * v) {
            rounded += 8;
        }
        return rounded;
    }

    public static Design mobileNetV2() {
        return mobileNetV2(1.0);
    }

    /** MobileNetV2 at width multiplier {@code width} (every channel count rounded with {@link #makeDivisible}). */
    static Design mobileNetV2(double width) {
        if (width != 1.0) {
            DesignBuilder b = new DesignBuilder("MobileNetV2 " + width);
            b.description("MobileNetV2 (Sandler et al. 2018) at width " + width + ", every channel count rounded to a "
                    + "multiple of 8 as torchvision mobilenet_v2(width_mult=" + width + ").");
            return mobileNetV2(b, width);
        }
        DesignBuilder b = new DesignBuilder("MobileNetV2 1.0");
        b.description("MobileNetV2 (Sandler et al. 2018), width 1.0, at 224×224: 3×3/2 stem conv to 32 channels with "
                + "BN and ReLU6, 17 inverted residuals (t, c, n, s) = (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2) "
                + "(6,96,3,1) (6,160,3,2) (6,320,1,1), a 1×1 conv to 1280 with BN and ReLU6, global average pool, "
                + "dropout 0.2 and FC to 1000 classes. Reproduces torchvision mobilenet_v2 / timm mobilenetv2_100: "
                + "3,504,872 params, 0.301 GMACs (300,774,272).");
        return mobileNetV2(b, 1.0);
    }

    private static Design mobileNetV2(DesignBuilder b, double width) {
        String x = b.input("input", 3, 224, 224);
        x = convBnAct(b, "stem", x, makeDivisible(32 * width), 3, 2, "activation.relu6");
        x = invertedResidualStages(b, x, width, "relu6");
        x = convBnAct(b, "head", x, makeDivisible(1280 * Math.max(1.0, width)), 1, 1, "activation.relu6");
        b.add("head", "head.classifier", Map.of("classes", 1000, "dropout", 0.2), x);
        return b.build();
    }

    public static Design mobileNetV2FashionMnist() {
        DesignBuilder b = new DesignBuilder("MobileNetV2 (Fashion-MNIST)");
        b.description("A small MobileNetV2 for 1×28×28 Fashion-MNIST images and 10 classes: a 3×3 stem conv to 16 "
                + "channels at stride 1 (BN, ReLU6), inverted residuals (t, c, n, s) = (1,16,1,1) (6,24,2,2) "
                + "(6,32,3,2) (6,64,3,1) (6,96,2,1) running at 28, 14 and 7 pixels, a 1×1 conv to 512 with BN and "
                + "ReLU6, global average pool, dropout 0.2 and FC to 10 classes. Blocks as torchvision mobilenet_v2. "
                + "424,106 params, 23.6 MMACs.");
        String x = b.input("input", 1, 28, 28);
        x = convBnAct(b, "stem", x, 16, 3, 1, "activation.relu6");
        int[][] table = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 3, 1}, {6, 96, 2, 1}};
        for (int stage = 0; stage < table.length; stage++) {
            int[] row = table[stage];
            for (int block = 0; block < row[2]; block++) {
                x = b.add("stage" + (stage + 1) + "_block" + (block + 1), "mbconv.inverted_residual",
                        Map.of("out_channels", row[1], "expand_ratio", row[0], "stride", block == 0 ? row[3] : 1), x);
            }
        }
        x = convBnAct(b, "head", x, 512, 1, 1, "activation.relu6");
        b.add("head", "head.classifier", Map.of("classes", 10, "dropout", 0.2), x);
        return b.build();
    }

    private static String invertedResidualStages(DesignBuilder b, String x, double width, String activation) {
        for (int stage = 0; stage < MOBILENET_V2_TABLE.length; stage++) {
            int[] row = MOBILENET_V2_TABLE[stage];
            int channels = makeDivisible(row[1] * width);
            for (int block = 0; block < row[2]; block++) {
                x = b.add("stage" + (stage + 1) + "_block" + (block + 1), "mbconv.inverted_residual",
                        Map.of("out_channels", channels, "expand_ratio", row[0], "stride", block == 0 ? row[3] : 1,
                                "activation", activation), x);
            }
        }
        return x;
    }

    // ------------------------------------------------------------------------------------------ EfficientNet

    /** EfficientNet-B0 stages: expansion e, kernel k, first stride s, channels c, repeats n. */
    private static final int[][] EFFICIENTNET_B0_TABLE = {
            {1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3}, {6, 5, 1, 112, 3},
            {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};

    /** Stochastic-depth rate of the last block (torchvision: 0.2, raised linearly from 0 over the blocks). */
    private static final double EFFICIENTNET_DROP_PATH = 0.2;

    public static Design efficientNetB0() {
        DesignBuilder b = new DesignBuilder("EfficientNet-B0");
        b.description("EfficientNet-B0 (Tan & Le 2019) at 224×224: 3×3/2 stem conv to 32 channels with BN and SiLU, "
                + "16 MBConv blocks with squeeze-excitation (SE width ⌊Cin/4⌋ from each block's input) in stages "
                + "(e, k, s, c, n) = (1,3,1,16,1) (6,3,2,24,2) (6,5,2,40,2) (6,3,2,80,3) (6,5,1,112,3) (6,5,2,192,4) "
                + "(6,3,1,320,1) (the first is the depthwise-separable block), a 1×1 conv to 1280 with BN and SiLU, "
                + "global average pool, dropout 0.2 and FC to 1000 classes; drop-path rising linearly from 0 to 0.2 "
                + "as torchvision (no cost). Reproduces timm efficientnet_b0 / torchvision efficientnet_b0: "
                + "5,288,548 params, 0.386 GMACs (385,814,752).");
        String x = b.input("input", 3, 224, 224);
        x = convBnAct(b, "stem", x, 32, 3, 2, "activation.silu");
        int total = 0;
        for (int[] row : EFFICIENTNET_B0_TABLE) {
            total += row[4];
        }
        int index = 0;
        for (int stage = 0; stage < EFFICIENTNET_B0_TABLE.length; stage++) {
            int[] row = EFFICIENTNET_B0_TABLE[stage];
            for (int block = 0; block < row[4]; block++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("out_channels", row[3]);
                p.put("expand_ratio", row[0]);
                p.put("kernel", row[1]);
                p.put("stride", block == 0 ? row[2] : 1);
                p.put("se_ratio", 0.25);
                p.put("activation", "silu");
                p.put("drop_path", EFFICIENTNET_DROP_PATH * index / total);
                x = b.add("stage" + (stage + 1) + "_block" + (block + 1), "mbconv.mbconv", p, x);
                index++;
            }
        }
        x = convBnAct(b, "head", x, 1280, 1, 1, "activation.silu");
        b.add("head", "head.classifier", Map.of("classes", 1000, "dropout", 0.2), x);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ shared

    /** conv k×k/s (padding k//2, no bias) → BN → activation, as nodes {prefix}_conv, {prefix}_bn, {prefix}_{act}. */
    private static String convBnAct(DesignBuilder b, String prefix, String x, int out, int kernel, int stride,
                                    String activation) {
        x = b.add(prefix + "_conv", "conv.conv2d", Map.of("out_channels", out, "kernel", kernel, "stride", stride,
                "padding", kernel / 2, "bias", false), x);
        x = b.add(prefix + "_bn", "norm.batch_norm", Map.of(), x);
        return b.add(prefix + "_" + activation.substring(activation.indexOf('.') + 1), activation, Map.of(), x);
    }
}
