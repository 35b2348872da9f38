package org.modelworkbench.app.visualize.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.app.visualize.BundleMakers;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.attention.AttentionBundle;
import org.modelworkbench.visualizers.views.attention.AttentionView;

/** The attention maker on tiny designs of each family, and the view drawing what it made. */
class AttentionMakerTest {
    final AttentionMaker maker = new AttentionMaker();
    final AttentionView view = new AttentionView();

    @BeforeAll
    static void engine() {
        DjlRuntime.start(DataFolder.standard().djlCache());
    }

    static ProbeImages noise(ProbeModel model, int count) {
        Random r = new Random(7);
        float[] v = new float[count * model.channels() * model.height() * model.width()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return ProbeImages.ofNormalised(v, count, model.channels(), model.height(), model.width());
    }

    static Bundle make(Design design, String node) throws ProbeException {
        try (ProbeModel model = ProbeModel.untrained(design, 3)) {
            ProbeImages images = noise(model, 2);
            // CommonData.add is left out: it needs images read from a dataset (indices, raw pixels), and the
            // view draws without an image under its maps.
            Bundle.Builder b = Bundle.builder(AttentionBundle.KIND);
            new AttentionMaker().make(model, images, new VisualizeRequest("attention", node, 2, 8, Map.of()), b);
            return b.build();
        }
    }

    /** 1×8×8 → 2×2 patches of 16 → class token → positions → 2 encoder blocks (2 heads) → 10. */
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

    /** 1×16×16 → 2×2 patches, channels-last 8×8 → Swin blocks with 4×4 windows, unshifted then shifted → 10. */
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

    /** 1×8×8 → 2×2 patches, channels-first 4×4 → one FocalNet block with 2 levels (kernels 3, 5) → 10. */
    static Design focal() {
        DesignBuilder b = new DesignBuilder("tiny focalnet");
        String x = b.input("input", 1, 8, 8);
        x = b.add("stem", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 8, "norm", true,
                "output", "channels_first"), x);
        x = b.add("block1", "focal.block", Map.of("focal_level", 2, "focal_window", 3, "focal_factor", 2), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_first", "norm", "before_pool"), x);
        return b.build();
    }

    /** 1×8×8 → conv 3×3/2 → channels-last 4×4 → one VSS block (4 directions, d_state 2) → 10. */
    static Design vmamba() {
        DesignBuilder b = new DesignBuilder("tiny vmamba");
        String x = b.input("input", 1, 8, 8);
        x = b.add("stem", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("to_channels_last", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), x);
        x = b.add("block1", "mamba.vss_block", Map.of("d_state", 2, "ssm_ratio", 1.0), x);
        b.add("head", "head.classifier", Map.of("classes", 10, "layout", "channels_last", "norm", "before_pool"), x);
        return b.build();
    }

    @Test
    void theMakerIsRegisteredForAttentionWithFourImages() {
        assertThat(BundleMakers.of("attention")).isInstanceOf(AttentionMaker.class);
        assertThat(maker.defaultImages()).isEqualTo(4);
    }

    @Test
    void aVitKeepsEveryLayersAttentionWithItsTokenLayoutAndTheViewDrawsIt() throws Exception {
        Bundle b = make(vit(), null);

        assertThat(b.strings(AttentionBundle.LAYERS)).containsExactly("block1", "block2");
        assertThat(b.strings(AttentionBundle.LAYER_FAMILIES)).containsExactly("vit", "vit");
        assertThat(b.strings(AttentionBundle.LAYER_OPS)).containsExactly("block1.attn.attention", "block2.attn.attention");
        assertThat(b.string(CommonData.NODE)).isEqualTo("block2");
        assertThat(b.tensor("layer1.attention").shape()).containsExactly(2, 2, 17, 17);
        assertThat(b.integer("layer0.prefixTokens")).isEqualTo(1);
        assertThat(b.integer("layer0.gridHeight")).isEqualTo(4);
        assertThat(b.integer("layer0.patchSize")).isEqualTo(2);
        assertThat(view.render(b, ViewOptions.defaults().withImage(1))).extracting(Panel::name)
                .containsExactly("query", "rollout", "distance", "entropy");
        assertThat(view.heads(b, ViewOptions.defaults())).isEqualTo(2);
    }

    @Test
    void aSwinKeepsEachBlocksWindowsWithTheirShift() throws Exception {
        Bundle b = make(swin(), "block1");

        assertThat(b.strings(AttentionBundle.LAYER_FAMILIES)).containsExactly("swin", "swin");
        assertThat(b.tensor("layer0.attention").shape()).containsExactly(2, 4, 2, 16, 16);
        assertThat(b.integer("layer0.shiftRows")).isZero();
        assertThat(b.integer("layer1.shiftRows")).isEqualTo(2);
        assertThat(b.integer("layer1.window")).isEqualTo(4);
        assertThat(b.integer("layer1.height")).isEqualTo(8);
        assertThat(b.string(CommonData.NODE)).isEqualTo("block1");
        assertThat(view.render(b, ViewOptions.defaults().withLayer("block2").withQuery(0, 0))).extracting(Panel::name)
                .containsExactly("query");
    }

    @Test
    void aFocalNetKeepsTheModulatorNormTheRawGatesAndTheMeanKernels() throws Exception {
        Bundle b = make(focal(), null);
        assertThat(b.strings(AttentionBundle.LAYER_FAMILIES)).containsExactly("focal");
        assertThat(b.tensor("layer0.modulator").shape()).containsExactly(2, 4, 4);
        assertThat(b.tensor("layer0.gates").shape()).containsExactly(2, 3, 4, 4);
        assertThat(b.tensor("layer0.kernel0").shape()).containsExactly(3, 3);
        assertThat(b.tensor("layer0.kernel1").shape()).containsExactly(5, 5);
        assertThat(b.integer("layer0.levels")).isEqualTo(2);

        // ‖M‖₂ over channels and the gates as the probe captured them, image 1 at (2, 3)
        try (ProbeModel model = ProbeModel.untrained(focal(), 3)) {
            var f = model.focal(noise(model, 2), "block1");
            CapturedTensor m = f.modulator();
            double sum = 0;
            for (int c = 0; c < m.dim(1); c++) {
                sum += m.get(1, c, 2, 3) * m.get(1, c, 2, 3);
            }
            assertThat(b.tensor("layer0.modulator").get(1, 2, 3)).isCloseTo((float) Math.sqrt(sum), within(1e-5f));
            assertThat(b.tensor("layer0.gates").get(1, 2, 2, 3)).isEqualTo(f.gates().get(2).get(1, 0, 2, 3));
        }
        assertThat(view.render(b, ViewOptions.defaults())).extracting(Panel::name).containsExactly("modulator", "gates", "kernels");
    }

    @Test
    void aVMambaKeepsDeltaABCOfItsScanAndTheViewDrawsTheHiddenAttention() throws Exception {
        Bundle b = make(vmamba(), "block1");

        assertThat(b.strings(AttentionBundle.LAYER_FAMILIES)).containsExactly("mamba");
        assertThat(b.strings(AttentionBundle.LAYER_OPS)).containsExactly("block1.op.selective_scan");
        FloatTensor delta = b.tensor("layer0.delta");
        assertThat(delta.dim(0)).isEqualTo(2);
        assertThat(delta.dim(1)).isEqualTo(4);
        assertThat(delta.dim(3)).isEqualTo(16);
        assertThat(b.tensor("layer0.A").shape()).containsExactly(4, delta.dim(2), 2);
        assertThat(b.tensor("layer0.B").shape()).containsExactly(2, 4, 2, 16);
        assertThat(b.integer("layer0.directions")).isEqualTo(4);
        assertThat(b.integer("layer0.height")).isEqualTo(4);
        for (String d : List.of("0", "3", "all", "nall")) {
            assertThat(view.render(b, ViewOptions.defaults().with("direction", d).with("mode", "cwbw")))
                    .extracting(Panel::name).containsExactly("hidden", "matrix");
        }
        assertThat(view.heads(b, ViewOptions.defaults())).isEqualTo(delta.dim(2));
    }

    @Test
    void aOneDimensionalMambaOverPatchTokensIsLaidOnThePatchGrid() throws Exception {
        DesignBuilder d = new DesignBuilder("tiny mamba");
        String x = d.input("input", 1, 8, 8);
        x = d.add("patch_embed", "embedding.patch_embed", Map.of("patch", 2, "embed_dim", 8, "output", "tokens"), x);
        x = d.add("mixer", "mamba.mamba_block", Map.of("d_state", 4), x);
        d.add("head", "head.classifier", Map.of("classes", 10, "layout", "tokens"), x);
        Bundle b = make(d.build(), null);

        assertThat(b.strings(AttentionBundle.LAYERS)).containsExactly("mixer");
        assertThat(b.integer("layer0.directions")).isEqualTo(1);
        assertThat(b.integer("layer0.height")).isEqualTo(4);
        assertThat(b.integer("layer0.width")).isEqualTo(4);
        assertThat(view.render(b, ViewOptions.defaults().with("direction", "0").withQuery(3, 3))).extracting(Panel::name)
                .containsExactly("hidden", "matrix");
    }

    @Test
    void aDesignWithoutTokenMixingIsRefusedByNameAndAnUnknownNodeListsTheLayers() {
        DesignBuilder d = new DesignBuilder("plain cnn");
        String x = d.input("input", 1, 8, 8);
        x = d.add("conv", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), x);
        x = d.add("flat", "tensor.flatten", Map.of(), x);
        d.add("fc", "linear.linear", Map.of("out_features", 10), x);

        assertThatThrownBy(() -> make(d.build(), null)).isInstanceOf(ProbeException.class)
                .hasMessage("'plain cnn' has no attention, window attention, focal modulation or selective scan");
        assertThatThrownBy(() -> make(vit(), "head")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'head'").hasMessageContaining("block1, block2");
    }
}
