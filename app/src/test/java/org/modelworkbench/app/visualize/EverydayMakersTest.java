package org.modelworkbench.app.visualize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.app.visualize.activations.NodeTensors;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;

/** The everyday makers on a tiny conv net: default targets, tensor names and shapes, refused options. */
class EverydayMakersTest {
    private static ProbeModel model;
    private static ProbeImages images;

    /** 1×12×12 → conv 3×3 (4) → ReLU → conv 3×3/2 (6) → ReLU → global pool → flatten → linear 3. */
    static Design tiny() {
        DesignBuilder b = new DesignBuilder("tiny");
        String x = b.input("input", 1, 12, 12);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "padding", 1), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 6, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("relu2", "activation.relu", Map.of(), x);
        x = b.add("pool", "pool.global_avg", Map.of(), x);
        x = b.add("flat", "tensor.flatten", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 3), x);
        return b.build();
    }

    @BeforeAll
    static void open() throws Exception {
        DjlRuntime.start(DataFolder.standard().djlCache());
        model = ProbeModel.untrained(tiny(), 5);
        float[] v = new float[3 * 144];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        images = ProbeImages.ofNormalised(v, 3, 1, 12, 12);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Bundle make(String kind, String node, Map<String, String> options) throws Exception {
        Bundle.Builder b = Bundle.builder(kind);
        BundleMakers.of(kind).make(model, images, new VisualizeRequest(kind, node, 0, 2, options), b);
        return b.build();
    }

    @Test
    void theDefaultFeatureMapIsTheLastSpatialOneNotThePooledOne() {
        NodeTensors last = NodeTensors.lastFeatureMap(NodeTensors.of(model), true);
        assertThat(last.node()).isEqualTo("relu2");
        assertThat(last.shape().dims()).containsExactly(1, 6, 6, 6);
    }

    @Test
    void activationsHoldEveryLayerInRunOrderAndDefaultToTheLastMap() throws Exception {
        Bundle b = make("activations", null, Map.of());
        assertThat(b.strings("layers")).containsExactly("conv1", "relu1", "conv2", "relu2", "pool");
        assertThat(b.string("node")).isEqualTo("relu2");
        assertThat(b.tensor("act.conv2").shape()).containsExactly(3, 6, 6, 6);
        assertThatThrownBy(() -> make("activations", "fc", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fc'");
    }

    @Test
    void gradcamScoresThePredictedClassUnlessOneIsAskedFor() throws Exception {
        Bundle b = make("gradcam", null, Map.of());
        assertThat(b.string("target")).isEqualTo("relu2");
        assertThat(b.tensor("activation").shape()).containsExactly(3, 6, 6, 6);
        assertThat(b.tensor("logits").shape()).containsExactly(3, 3);
        float[] logits = b.tensor("logits").values();
        for (int i = 0; i < 3; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = logits[i * 3 + c] > logits[i * 3 + best] ? c : best;
            }
            assertThat(b.tensor("classes").values()[i]).isEqualTo((float) best);
        }
        assertThatThrownBy(() -> make("gradcam", null, Map.of("class", "7"))).hasMessageContaining("'class'")
                .hasMessageContaining("0…2");
    }

    @Test
    void erfKeepsOnlyTheMeanGradientAndTheFieldOfTheTarget() throws Exception {
        Bundle b = make("erf", null, Map.of("method", "luo2016"));
        assertThat(b.tensor("meanGradient").shape()).containsExactly(12, 12);
        assertThat(b.integer("count")).isEqualTo(3);
        assertThat(b.integer("fieldSize")).isEqualTo(5); // 3×3 then 3×3/2: 1 + 2 + 2
        assertThat(b.integer("fieldJump")).isEqualTo(2);
        assertThat(b.integer("outputHeight")).isEqualTo(6);
        for (float g : b.tensor("meanGradient").values()) {
            assertThat(g).isGreaterThanOrEqualTo(0f);
        }
        assertThatThrownBy(() -> make("erf", null, Map.of("method", "grad"))).hasMessageContaining("'method'");
    }

    @Test
    void embeddingHoldsTheClassifiersInputFeatures() throws Exception {
        Bundle b = make("embedding", null, Map.of());
        assertThat(b.tensor("features").shape()).containsExactly(3, 6);
        assertThat(b.string("featureOp")).isEqualTo("fc");
        assertThat(b.tensor("predicted").dim(0)).isEqualTo(3);
    }
}
