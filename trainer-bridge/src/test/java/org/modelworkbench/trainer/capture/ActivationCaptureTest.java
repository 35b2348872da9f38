package org.modelworkbench.trainer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.compile.OpObserver;
import org.modelworkbench.trainer.compile.WindowGeometry;
import org.modelworkbench.trainer.engine.TestEngine;

class ActivationCaptureTest {
    private NDManager manager;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private CompiledDesign template(String id) throws Exception {
        CompiledDesign model = new DesignCompiler().compile(Templates.load(id), Shape.of(2, 1, 28, 28));
        model.initialize(manager);
        return model;
    }

    private NDArray images() {
        return manager.randomNormal(new ai.djl.ndarray.types.Shape(2, 1, 28, 28));
    }

    private static float[] forward(CompiledDesign model, NDArray x, OpObserver observer) {
        model.block().setObserver(observer);
        try {
            return model.block().forward(new ParameterStore(x.getManager(), false), new NDList(x), false).head()
                    .toFloatArray();
        } finally {
            model.block().setObserver(null);
        }
    }

    @Test
    void aSwinTemplateGivesItsBlockOutputsAndOneWindowedAttentionMapPerBlockWithItsGeometry() throws Exception {
        CompiledDesign model = template("swin-fmnist"); // 28 → 14×14 tokens of 48, window 7; stage 2 at 7×7, 96
        ActivationCapture capture = ActivationCapture.of(model.program(), List.of("stage1_block2", "stage2_block1"),
                List.of("stage1_block1", "stage1_block2", "stage2_block1", "stage2_block2"));
        forward(model, images(), capture);

        assertThat(capture.activations()).extracting(Activation::target)
                .containsExactly("stage1_block2", "stage2_block1");
        assertThat(capture.activations().get(0).op()).isEqualTo("stage1_block2.add2"); // the block's last residual add
        assertThat(capture.activations().get(0).tensor().shape()).containsExactly(2, 14, 14, 48);
        assertThat(capture.activations().get(1).tensor().shape()).containsExactly(2, 7, 7, 96);

        List<AttentionMap> maps = capture.attention();
        assertThat(maps).extracting(AttentionMap::op).containsExactly("stage1_block1.attention.attention",
                "stage1_block2.attention.attention", "stage2_block1.attention.attention", "stage2_block2.attention.attention");
        assertThat(maps.get(0).probabilities().shape()).containsExactly(2, 4, 3, 49, 49);
        assertThat(maps.get(2).probabilities().shape()).containsExactly(2, 1, 6, 49, 49);
        assertThat(maps.get(0).windows()).isEqualTo(new WindowGeometry(14, 14, 7, 0, 0));
        assertThat(maps.get(1).windows()).isEqualTo(new WindowGeometry(14, 14, 7, 3, 3));
        // a 7×7 map is one window: the shifted block of stage 2 is not shifted, as in timm
        assertThat(maps.get(3).windows()).isEqualTo(new WindowGeometry(7, 7, 7, 0, 0));
        assertThat(maps.get(1).heads()).isEqualTo(3);
        for (AttentionMap map : maps) {
            assertRowsSumToOne(map.probabilities());
        }
    }

    @Test
    void inTheShiftedWindowsTokensOfDifferentRegionsGetNoAttention() throws Exception {
        CompiledDesign model = template("swin-fmnist");
        ActivationCapture capture = ActivationCapture.of(model.program(), List.of(), List.of("stage1_block2"));
        forward(model, images(), capture);
        AttentionMap map = capture.attention().get(0);
        WindowGeometry g = map.windows();
        CapturedTensor p = map.probabilities();

        // Regions of the rolled map as timm labels them: [0, H−W), [H−W, H−s), [H−s, H) on each axis.
        int masked = 0;
        for (int w = 0; w < g.windows(); w++) {
            for (int i = 0; i < g.tokens(); i++) {
                for (int j = 0; j < g.tokens(); j++) {
                    if (region(g, w, i) != region(g, w, j)) {
                        masked++;
                        for (int b = 0; b < 2; b++) {
                            for (int h = 0; h < 3; h++) {
                                assertThat(p.get(b, w, h, i, j)).isLessThan(1e-20f);
                            }
                        }
                    }
                }
            }
        }
        // 14×14, window 7, shift 3: window 0 is one region; 1 and 2 split 4 + 3 rows or columns; 3 splits both ways
        int oneSplit = 49 * 49 - (28 * 28 + 21 * 21);
        int twoSplits = 49 * 49 - (16 * 16 + 12 * 12 + 12 * 12 + 9 * 9);
        assertThat(masked).isEqualTo(2 * oneSplit + twoSplits);
    }

    private static int region(WindowGeometry g, int window, int token) {
        int row = window / g.windowsAcross() * g.window() + token / g.window();
        int col = window % g.windowsAcross() * g.window() + token % g.window();
        return 3 * band(row, g.height(), g.window(), g.shiftH()) + band(col, g.width(), g.window(), g.shiftW());
    }

    private static int band(int at, int size, int window, int shift) {
        return at < size - window ? 0 : at < size - shift ? 1 : 2;
    }

    private static void assertRowsSumToOne(CapturedTensor p) {
        long[] s = p.shape();
        int row = (int) s[s.length - 1];
        float[] v = p.values();
        for (int r = 0; r < v.length / row; r++) {
            double sum = 0;
            for (int j = 0; j < row; j++) {
                sum += v[r * row + j];
            }
            assertThat(sum).as("row %d", r).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aVitTemplateHandsOutGlobalAttentionOverTheClassTokenAndThePatches() throws Exception {
        CompiledDesign model = template("vit-fmnist");
        ActivationCapture capture = ActivationCapture.everyAttention(model.program());
        forward(model, images(), capture);

        List<AttentionMap> maps = capture.attention();
        assertThat(maps).hasSize(6);
        for (AttentionMap map : maps) {
            assertThat(map.windowed()).isFalse();
            long[] s = map.probabilities().shape();
            assertThat(s[0]).isEqualTo(2);
            assertThat(s[2]).isEqualTo(s[3]);
            assertThat((long) Math.sqrt(s[2] - 1) * (long) Math.sqrt(s[2] - 1)).isEqualTo(s[2] - 1); // 1 + g² tokens
            assertRowsSumToOne(map.probabilities());
        }
    }

    @Test
    void focalModulationsModulatorAndGatesAreTheOutputsOfTheirOps() throws Exception {
        CompiledDesign model = template("focalnet-fmnist");
        ActivationCapture capture = ActivationCapture.outputs(model.program(), "stage1_block1.modulation.h",
                "stage1_block1.modulation.split_gates");
        forward(model, images(), capture);

        List<Activation> a = capture.activations(); // in the order the ops ran: the gates first
        Activation h = a.get(a.size() - 1);
        List<Activation> gates = a.subList(0, a.size() - 1);
        long[] modulator = h.tensor().shape();
        assertThat(h.op()).isEqualTo("stage1_block1.modulation.h");
        assertThat(modulator).hasSize(4);
        assertThat(modulator[0]).isEqualTo(2);
        assertThat(gates).hasSizeGreaterThan(1); // L + 1 gates, each N×1×H×W at the modulator's map size
        for (Activation gate : gates) {
            assertThat(gate.op()).isEqualTo("stage1_block1.modulation.split_gates");
            assertThat(gate.tensor().shape()).containsExactly(2, 1, modulator[2], modulator[3]);
        }
        assertThat(gates).extracting(Activation::output).containsExactly(
                java.util.stream.IntStream.range(0, gates.size()).boxed().toArray(Integer[]::new));
    }

    @Test
    void theSelectiveScanHandsOutDeltaBAndCOfEveryDirection() throws Exception {
        CompiledDesign model = template("vmamba-fmnist");
        ActivationCapture capture = ActivationCapture.of(model.program(), List.of(), List.of("stage1_block1"));
        forward(model, images(), capture);

        List<Internal> internals = capture.internals();
        assertThat(internals).extracting(Internal::name).containsExactly("delta", "B", "C", "A", "u");
        long[] delta = internals.get(0).tensor().shape();
        assertThat(delta[0]).isEqualTo(2);
        assertThat(delta[1]).isEqualTo(4); // four directions
        assertThat(internals.get(1).tensor().dim(3)).isEqualTo(delta[3]);
        for (float v : internals.get(0).tensor().values()) {
            assertThat(v).isPositive(); // Δ is after softplus
        }
    }

    @Test
    void aPermutedOutputIsCopiedInTheLayoutItsShapeSays() throws Exception {
        CompiledDesign model = template("vmamba-fmnist"); // stem_conv2 N×C×H×W, then to_channels_last N×H×W×C
        ActivationCapture capture = ActivationCapture.outputs(model.program(), "stem_conv2", "to_channels_last");
        forward(model, images(), capture);
        CapturedTensor first = capture.activations().get(0).tensor();
        CapturedTensor last = capture.activations().get(1).tensor();
        long[] s = first.shape();
        assertThat(last.shape()).containsExactly(s[0], s[2], s[3], s[1]);
        for (long c = 0; c < s[1]; c += 7) {
            for (long y = 0; y < s[2]; y += 3) {
                assertThat(last.get(1, y, 2, c)).isEqualTo(first.get(1, c, y, 2));
            }
        }
    }

    @Test
    void captureOffLeavesTheForwardBitIdenticalAndCaptureOnChangesNothingEither() throws Exception {
        for (String id : List.of("swin-fmnist", "vmamba-fmnist")) {
            CompiledDesign model = template(id);
            NDArray x = images();
            float[] before = forward(model, x, null);
            ActivationCapture capture = ActivationCapture.of(model.program(), List.of("stage1_block1", "stage2_block2"),
                    List.of("stage1_block1", "stage2_block2"));
            float[] during = forward(model, x, capture);
            float[] after = forward(model, x, null);

            assertThat(during).as(id).containsExactly(before);
            assertThat(after).as(id).containsExactly(before);
            assertThat(capture.activations()).isNotEmpty();
            assertThat(capture.attention().size() + capture.internals().size()).isPositive();
        }
    }

    @Test
    void everyForwardAddsToTheRecordUntilItIsCleared() throws Exception {
        DesignBuilder b = new DesignBuilder("relu");
        b.add("act", "activation.relu", Map.of(), b.input("in", 1, 1, 2));
        CompiledDesign model = new DesignCompiler().compile(b.build(), Shape.of(1, 1, 1, 2));
        model.initialize(manager);
        ActivationCapture capture = ActivationCapture.outputs(model.program(), "act");
        forward(model, manager.create(new float[] {-1, 2}, new ai.djl.ndarray.types.Shape(1, 1, 1, 2)), capture);
        forward(model, manager.create(new float[] {3, -4}, new ai.djl.ndarray.types.Shape(1, 1, 1, 2)), capture);

        assertThat(capture.activations()).extracting(a -> a.tensor().values())
                .containsExactly(new float[] {0, 2}, new float[] {3, 0});
        capture.clear();
        assertThat(capture.activations()).isEmpty();
    }

    @Test
    void anUnknownTargetIsRefusedWithTheNodesThatExist() throws Exception {
        CompiledDesign model = template("resnet-fmnist");
        assertThatThrownBy(() -> ActivationCapture.outputs(model.program(), "stage9_block1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'stage9_block1' is no node or block path")
                .hasMessageContaining("stem_conv");
    }

    @Test
    void windowGeometryPutsTokensBackWhereTheRollTookThemFrom() {
        // views-exact §2, H = W = 8, M = 4, s = 2: window 0 token 0 → (2, 2); window 3 token 15 → (1, 1)
        WindowGeometry g = new WindowGeometry(8, 8, 4, 2, 2);
        assertThat(g.pixel(0, 0)).containsExactly(2, 2);
        assertThat(g.pixel(3, 15)).containsExactly(1, 1);
        assertThat(new WindowGeometry(8, 8, 4, 0, 0).pixel(3, 15)).containsExactly(7, 7);
    }
}
