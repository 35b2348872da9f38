package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.engine.TestEngine;

/** The queries on the Fashion-MNIST templates a user starts from, one image each. */
class TemplateProbeTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @Test
    void theVitTemplatesAttentionHasOneClassTokenAndA7x7GridOf4PixelPatches() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(Templates.load("vit-fmnist"), 1)) {
            List<AttentionLayer> layers = model.attention(RandomImages.of(model, 1, 1));
            assertThat(layers).hasSize(6).allSatisfy(l -> {
                assertThat(l.prefixTokens()).isEqualTo(1);
                assertThat(new int[] {l.gridHeight(), l.gridWidth(), l.patchSize()}).containsExactly(7, 7, 4);
            });
            assertThat(model.predict(RandomImages.of(model, 2, 1), 2).featureOp()).isEqualTo("head.fc");
        }
    }

    @Test
    void theSwinTemplatesSecondStageAttendsOverA7x7MapOf4PixelPatches() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(Templates.load("swin-fmnist"), 1)) {
            List<AttentionLayer> layers = model.attention(RandomImages.of(model, 1, 1));
            assertThat(layers).extracting(AttentionLayer::patchSize).containsExactly(2, 2, 4, 4);
            assertThat(layers).extracting(AttentionLayer::gridHeight).containsExactly(14, 14, 7, 7);
        }
    }

    @Test
    void theFocalNetAndVmambaTemplatesListTheirModulationsAndScans() throws Exception {
        try (ProbeModel focal = ProbeModel.untrained(Templates.load("focalnet-fmnist"), 1)) {
            assertThat(focal.focalModulations()).containsExactly("stage1_block1.modulation", "stage1_block2.modulation",
                    "stage2_block1.modulation", "stage2_block2.modulation");
            FocalModulation last = focal.focal(RandomImages.of(focal, 1, 1), "stage2_block2");
            assertThat(last.gates()).hasSize(last.levels() + 1);
            assertThat(focal.convolutions()).filteredOn(Convolution::depthwise).extracting(Convolution::op)
                    .contains("stage1_block1.modulation.focal0_dwconv");
        }
        try (ProbeModel vmamba = ProbeModel.untrained(Templates.load("vmamba-fmnist"), 1)) {
            assertThat(vmamba.scans()).hasSize(4);
            ScanParameters s = vmamba.scan(RandomImages.of(vmamba, 1, 1), "stage2_block1");
            assertThat(s.length()).isEqualTo((int) s.delta().dim(3));
            assertThat(s.height()).isEqualTo(s.width());
        }
    }

    @Test
    void everyLayerOfTheResNetTemplateRunsAndItsLastStageHasAnErf() throws Exception {
        try (ProbeModel model = ProbeModel.untrained(Templates.load("resnet-fmnist"), 1)) {
            ProbeImages images = RandomImages.of(model, 3, 1);
            List<LayerOutput> layers = model.everyLayerOutput(images, 2);
            assertThat(layers).extracting(LayerOutput::node).containsExactly("stem_conv", "stem_bn", "stem_relu",
                    "stage1_block1", "stage1_block2", "stage1_block3", "stage2_block1", "stage2_block2", "stage2_block3",
                    "stage3_block1", "stage3_block2", "stage3_block3");
            assertThat(layers).allSatisfy(l -> assertThat(l.tensor().dim(0)).isEqualTo(3));
            InputGradient g = model.inputGradient(images, "stage3_block3", ErfMode.REPLKNET);
            assertThat(g.gradient().shape()).containsExactly(3, 1, 28, 28);
        }
    }
}
