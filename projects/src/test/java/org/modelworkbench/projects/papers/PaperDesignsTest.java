package org.modelworkbench.projects.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/**
 * Networks a researcher would build by hand from the papers' configuration tables, with the same
 * blocks the palette offers and independently of the shipped templates, checked like the templates:
 * parameters equal to the reference implementation, MACs within 2% of the published figure.
 * References: torchvision model documentation (params, GFLOPS column = GMACs) and timm.
 */
class PaperDesignsTest {

    private static void assertMatches(Design d, long params, double gmacs) {
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).as(d.name()).isEmpty();
        assertThat(a.totals().params()).as(d.name() + " params").isEqualTo(params);
        assertThat(a.totals().macs() / 1e9).as(d.name() + " GMACs").isCloseTo(gmacs, within(gmacs * 0.02));
    }

    private static String resnetStem(DesignBuilder b) {
        String x = b.input("image", 3, 224, 224);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 64, "kernel", 7, "stride", 2, "padding", 3, "bias", false), x);
        x = b.add("bn1", "norm.batch_norm", Map.of(), x);
        x = b.add("relu", "activation.relu", Map.of(), x);
        return b.add("maxpool", "pool.max2d", Map.of("kernel", 3, "stride", 2, "padding", 1), x);
    }

    /** He et al. 2016, Table 1, with the bottleneck's width set by groups and width per group (ResNeXt, WRN). */
    private static Design resnet(String name, String block, int[] depths, int groups, int baseWidth) {
        DesignBuilder b = new DesignBuilder(name);
        String x = resnetStem(b);
        int[] planes = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < depths[s]; i++) {
                int stride = i == 0 && s > 0 ? 2 : 1;
                Map<String, Object> p = block.equals("resnet.basic_block")
                        ? Map.of("out_channels", planes[s], "stride", stride)
                        : Map.of("planes", planes[s], "stride", stride, "groups", groups, "base_width", baseWidth);
                x = b.add("layer" + (s + 1) + "_" + i, block, p, x);
            }
        }
        b.add("fc", "head.classifier", Map.of("classes", 1000), x);
        return b.build();
    }

    @Test
    void resNet34FromThePaperMatchesTorchvision() {
        assertMatches(resnet("ResNet-34", "resnet.basic_block", new int[] {3, 4, 6, 3}, 1, 64), 21_797_672, 3.66);
    }

    @Test
    void resNet101FromThePaperMatchesTorchvision() {
        assertMatches(resnet("ResNet-101", "resnet.bottleneck", new int[] {3, 4, 23, 3}, 1, 64), 44_549_160, 7.80);
    }

    @Test
    void resNeXt50With32GroupsOf4ChannelsMatchesTorchvision() {
        assertMatches(resnet("ResNeXt-50 32x4d", "resnet.bottleneck", new int[] {3, 4, 6, 3}, 32, 4), 25_028_904, 4.23);
    }

    @Test
    void wideResNet50WithDoubleWidthBottlenecksMatchesTorchvision() {
        assertMatches(resnet("Wide ResNet-50-2", "resnet.bottleneck", new int[] {3, 4, 6, 3}, 1, 128), 68_883_240, 11.40);
    }

    @Test
    void convNeXtSmallFromThePaperMatchesTorchvision() {
        DesignBuilder b = new DesignBuilder("ConvNeXt-S");
        String x = b.input("image", 3, 224, 224);
        x = b.add("stem", "conv.conv2d", Map.of("out_channels", 96, "kernel", 4, "stride", 4, "padding", 0, "bias", true), x);
        x = b.add("stem_ln", "norm.layer_norm", Map.of("layout", "channels_first", "eps", 1e-6), x);
        int[] depths = {3, 3, 27, 3};
        int[] dims = {96, 192, 384, 768};
        for (int s = 0; s < 4; s++) {
            if (s > 0) {
                x = b.add("down" + s, "convnext.downsample", Map.of("out_channels", dims[s]), x);
            }
            for (int i = 0; i < depths[s]; i++) {
                x = b.add("s" + s + "_" + i, "convnext.block", Map.of(), x);
            }
        }
        b.add("head", "head.classifier", Map.of("classes", 1000, "norm", "after_pool", "norm_eps", 1e-6), x);
        assertMatches(b.build(), 50_223_688, 8.68);
    }

    @Test
    void swinSmallFromThePaperMatchesTorchvision() {
        DesignBuilder b = new DesignBuilder("Swin-S");
        String x = b.input("image", 3, 224, 224);
        x = b.add("patch_embed", "embedding.patch_embed",
                Map.of("patch", 4, "embed_dim", 96, "norm", true, "output", "channels_last"), x);
        int[] depths = {2, 2, 18, 2};
        int[] heads = {3, 6, 12, 24};
        for (int s = 0; s < 4; s++) {
            if (s > 0) {
                x = b.add("merge" + s, "embedding.patch_merging", Map.of(), x);
            }
            for (int i = 0; i < depths[s]; i++) {
                x = b.add("s" + s + "_" + i, "swin.block", Map.of("heads", heads[s], "window", 7, "shifted", i % 2 == 1), x);
            }
        }
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "channels_last", "norm", "before_pool"), x);
        assertMatches(b.build(), 49_606_258, 8.74);
    }

    private static Design vit(String name, int dim, int depth, int heads) {
        DesignBuilder b = new DesignBuilder(name);
        String x = b.input("image", 3, 224, 224);
        x = b.add("patch_embed", "embedding.patch_embed", Map.of("patch", 16, "embed_dim", dim, "output", "tokens"), x);
        x = b.add("cls", "embedding.class_token", Map.of(), x);
        x = b.add("pos", "embedding.position_learned", Map.of(), x);
        for (int i = 0; i < depth; i++) {
            x = b.add("block" + i, "vit.encoder_block", Map.of("heads", heads), x);
        }
        b.add("head", "head.classifier", Map.of("classes", 1000, "layout", "class_token", "norm", "before_pool",
                "norm_eps", 1e-6), x);
        return b.build();
    }

    @Test
    void vitBase16FromThePaperMatchesTorchvision() {
        assertMatches(vit("ViT-B/16", 768, 12, 12), 86_567_656, 17.56);
    }

    @Test
    void deitSmallFromThePaperMatchesTimm() {
        assertMatches(vit("DeiT-S", 384, 12, 6), 22_050_664, 4.61);
    }

    @Test
    void aPaperDesignSurvivesSavingAndReloading() throws Exception {
        Design d = vit("DeiT-S", 384, 12, 6);
        String json = org.modelworkbench.projects.files.DesignWriter.toJson(d);
        Design back = new org.modelworkbench.projects.files.DesignReader().read(json, "deit-s.json");
        assertThat(DesignAnalyzer.analyze(back).totals()).isEqualTo(DesignAnalyzer.analyze(d).totals());
        assertThat(List.copyOf(back.nodes())).hasSameSizeAs(List.copyOf(d.nodes()));
    }
}
