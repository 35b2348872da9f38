package org.modelworkbench.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.TestEngine;

/** Kernels against values worked out by hand (each comment shows the arithmetic). */
class PrimitiveKernelTest {
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

    /** Compiles {@code b} at the input size c×h×w (batch 1), lets {@code setUp} fill parameters, runs it. */
    private float[] run(DesignBuilder b, int c, int h, int w, float[] input, boolean training,
                        Consumer<CompiledDesign> setUp) throws Exception {
        CompiledDesign model = new DesignCompiler().compile(b.build(), Shape.of(1, c, h, w));
        model.initialize(manager);
        setUp.accept(model);
        NDArray x = manager.create(input, new ai.djl.ndarray.types.Shape(1, c, h, w));
        NDList out = model.block().forward(new ParameterStore(manager, false), new NDList(x), training);
        return out.singletonOrThrow().toFloatArray();
    }

    private float[] run(DesignBuilder b, int c, int h, int w, float[] input) throws Exception {
        return run(b, c, h, w, input, false, m -> { });
    }

    private static Parameter param(CompiledDesign model, String name) {
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    @Test
    void aTwoByTwoConvolutionWithAKnownKernelAddsEachPixelToItsLowerRightNeighbour() throws Exception {
        DesignBuilder b = new DesignBuilder("conv");
        String x = b.input("in", 1, 3, 3);
        b.add("conv", "conv.conv2d", Map.of("out_channels", 1, "kernel", 2, "bias", true), x); // auto padding: 0
        // input 1 2 3 / 4 5 6 / 7 8 9, kernel [[1, 0], [0, 1]], bias 0.5
        float[] y = run(b, 1, 3, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, false, m -> {
            param(m, "conv.weight").getArray().set(new float[] {1, 0, 0, 1});
            param(m, "conv.bias").getArray().set(new float[] {0.5f});
        });
        // 1+5, 2+6, 4+8, 5+9, each + 0.5
        assertThat(y).containsExactly(6.5f, 8.5f, 12.5f, 14.5f);
    }

    @Test
    void layerNormChannelsFirstAndChannelsLastBothNormaliseEachPositionOverItsChannels() throws Exception {
        // Channel 0 holds 1, 2 and channel 1 holds 3, 6 (a 1×2×1×2 map). Position 0 sees (1, 3), position 1
        // (2, 6): mean 2 and 4, biased variance 1 and 4, so both normalise to (−1, +1).
        float[] input = {1, 2, 3, 6};
        DesignBuilder first = new DesignBuilder("first");
        first.add("norm", "norm.layer_norm", Map.of("layout", "channels_first"), first.input("in", 2, 1, 2));
        DesignBuilder last = new DesignBuilder("last");
        String t = last.add("to_last", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)),
                last.input("in", 2, 1, 2));
        t = last.add("norm", "norm.layer_norm", Map.of(), t); // auto: channels_last on N×H×W×C
        last.add("to_first", "tensor.permute", Map.of("dims", java.util.List.of(0, 3, 1, 2)), t);

        float[] expected = {-1, -1, 1, 1};
        assertThat(run(first, 2, 1, 2, input)).containsExactly(expected, within(1e-4f));
        assertThat(run(last, 2, 1, 2, input)).containsExactly(expected, within(1e-4f));
    }

    @Test
    void rollShiftsCyclicallyEitherWay() throws Exception {
        float[] input = {1, 2, 3, 4};
        DesignBuilder right = new DesignBuilder("right");
        right.add("roll", "tensor.roll", Map.of("shifts", java.util.List.of(1), "dims", java.util.List.of(3)),
                right.input("in", 1, 1, 4));
        DesignBuilder left = new DesignBuilder("left");
        left.add("roll", "tensor.roll", Map.of("shifts", java.util.List.of(-1), "dims", java.util.List.of(-1)),
                left.input("in", 1, 1, 4));

        assertThat(run(right, 1, 1, 4, input)).containsExactly(4, 1, 2, 3);
        assertThat(run(left, 1, 1, 4, input)).containsExactly(2, 3, 4, 1);
    }

    @Test
    void reflectPaddingMirrorsWithoutTheEdgeAndReplicatePaddingRepeatsIt() throws Exception {
        float[] input = {1, 2, 3, 4};
        DesignBuilder reflect = new DesignBuilder("reflect");
        reflect.add("pad", "tensor.pad", Map.of("left", 2, "right", 1, "mode", "reflect"), reflect.input("in", 1, 1, 4));
        DesignBuilder replicate = new DesignBuilder("replicate");
        replicate.add("pad", "tensor.pad", Map.of("left", 1, "right", 2, "mode", "replicate"),
                replicate.input("in", 1, 1, 4));
        DesignBuilder zero = new DesignBuilder("zero");
        zero.add("pad", "tensor.pad", Map.of("top", 1, "left", 1), zero.input("in", 1, 1, 4));

        assertThat(run(reflect, 1, 1, 4, input)).containsExactly(3, 2, 1, 2, 3, 4, 3);
        assertThat(run(replicate, 1, 1, 4, input)).containsExactly(1, 1, 2, 3, 4, 4, 4);
        assertThat(run(zero, 1, 1, 4, input)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2, 3, 4);
    }

    @Test
    void spaceToDepthChannelsLastTakesSwinsOrderTopLeftBottomLeftTopRightBottomRight() throws Exception {
        DesignBuilder b = new DesignBuilder("s2d");
        String t = b.add("to_last", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)), b.input("in", 1, 2, 2));
        b.add("gather", "tensor.space_to_depth", Map.of("block", 2, "layout", "channels_last"), t);
        // the 2×2 map 1 2 / 3 4: (0,0) = 1, (1,0) = 3, (0,1) = 2, (1,1) = 4
        assertThat(run(b, 1, 2, 2, new float[] {1, 2, 3, 4})).containsExactly(1, 3, 2, 4);
    }

    @Test
    void geluIsTheErfFormAndHardswishAndSiluFollowTheirFormulas() throws Exception {
        for (String[] c : new String[][] {{"activation.gelu", "0.8413447"}, {"activation.hardswish", "0.6666667"},
                {"activation.silu", "0.7310586"}, {"activation.hardsigmoid", "0.6666667"}}) {
            DesignBuilder b = new DesignBuilder("act");
            b.add("act", c[0], Map.of(), b.input("in", 1, 1, 1));
            // gelu(1) = Φ(1) = 0.8413447 (the tanh form gives 0.8411920); hardswish(1) = 1·4/6; silu(1) = σ(1)
            assertThat(run(b, 1, 1, 1, new float[] {1})[0]).as(c[0]).isCloseTo(Float.parseFloat(c[1]), within(1e-6f));
        }
    }

    @Test
    void batchNormInTrainingMovesItsRunningStatisticsByPytorchsMomentum() throws Exception {
        DesignBuilder b = new DesignBuilder("bn");
        b.add("bn", "norm.batch_norm", Map.of("momentum", 0.1), b.input("in", 1, 1, 2));
        CompiledDesign[] model = new CompiledDesign[1];
        float[] y = run(b, 1, 1, 2, new float[] {2, 4}, true, m -> model[0] = m);
        // batch mean 3, biased variance 1: output ±1/√(1+1e-5); running mean 0.9·0 + 0.1·3,
        // running variance 0.9·1 + 0.1·2 (the unbiased variance of 2 and 4 is 2)
        assertThat(y).containsExactly(new float[] {-1, 1}, within(1e-4f));
        assertThat(param(model[0], "bn.running_mean").getArray().toFloatArray()[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(param(model[0], "bn.running_var").getArray().toFloatArray()[0]).isCloseTo(1.1f, within(1e-6f));
    }

    @Test
    void attentionOverASingleTokenReturnsItsValue() throws Exception {
        DesignBuilder b = new DesignBuilder("sdpa");
        String t = b.add("flat", "tensor.flatten", Map.of("start_dim", 2), b.input("in", 6, 1, 1)); // 1×6×1
        t = b.add("tokens", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 1)), t); // 1×1×6
        b.add("attention", "attention.sdpa", Map.of("heads", 2), t);
        // q = (1, 2), k = (3, 4), v = (5, 6): one token, so the softmax is 1 and each head returns its v
        assertThat(run(b, 6, 1, 1, new float[] {1, 2, 3, 4, 5, 6})).containsExactly(5, 6);
    }

    @Test
    void theSelectiveScanFollowsItsRecurrenceStepByStep() throws Exception {
        DesignBuilder b = new DesignBuilder("scan");
        String t = b.add("scan_in", "mamba.cross_scan", Map.of("directions", 1), b.input("in", 1, 1, 2)); // 1×1×1×2
        b.add("scan", "mamba.selective_scan", Map.of("d_state", 1, "dt_rank", 1), t);
        float[] y = run(b, 1, 1, 2, new float[] {1, 2}, false, m -> {
            param(m, "scan.x_proj_weight").getArray().set(new float[] {0, 1, 1}); // Δ_raw = 0, B = u, C = u
            param(m, "scan.dt_projs_weight").getArray().set(new float[] {0});
            param(m, "scan.dt_projs_bias").getArray().set(new float[] {(float) Math.log(Math.E - 1)}); // Δ = 1
            param(m, "scan.A_logs").getArray().set(new float[] {0}); // A = −1
            param(m, "scan.Ds").getArray().set(new float[] {0.5f});
        });
        // h1 = 1·1·1 = 1, y1 = 1·h1 + 0.5·1 = 1.5; h2 = e⁻¹·1 + 1·2·2, y2 = 2·h2 + 0.5·2
        double h2 = Math.exp(-1) + 4;
        assertThat(y).containsExactly(new float[] {1.5f, (float) (2 * h2 + 1)}, within(1e-5f));
    }

    @Test
    void theShiftMaskSeparatesTheRegionsThatTheRollBroughtTogether() {
        // A 4×4 map, 2×2 windows, shift 1: rows and columns 0-1 are region 0, 2 region 1, 3 region 2.
        float[] mask = AttentionKernels.shiftMask(4, 4, 2, 1, true, true);
        int perWindow = 16;
        // window (0, 0): one region, nothing masked
        for (int i = 0; i < perWindow; i++) {
            assertThat(mask[i]).isZero();
        }
        // window (1, 1): its four tokens (2,2), (2,3), (3,2), (3,3) lie in four regions
        int base = 3 * perWindow;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(mask[base + i * 4 + j]).isEqualTo(i == j ? 0f : -100f);
            }
        }
    }

    @Test
    void theRelativePositionIndexPointsEqualOffsetsAtTheSameRowOfTheTable() {
        // window 2, one head: table rows (Δr + 1)·3 + (Δc + 1); token 0 = (0,0) … token 3 = (1,1)
        long[] index = AttentionKernels.biasIndex(2, 1);
        assertThat(index[0]).isEqualTo(4);          // (0,0) to itself: Δ = (0, 0) → row 4
        assertThat(index[3]).isEqualTo(0);          // (0,0) to (1,1): Δ = (−1, −1) → row 0
        assertThat(index[3 * 4]).isEqualTo(8);      // (1,1) to (0,0): Δ = (1, 1) → row 8
        assertThat(index[1 * 4 + 2]).isEqualTo(2);  // (0,1) to (1,0): Δ = (−1, 1) → row 2
    }

    @Test
    void windowAttentionWithOneWindowOverTheWholeMapAndAZeroBiasIsGlobalAttention() throws Exception {
        // A 2×2 map of packed q, k, v (3C = 6, C = 2, two heads): one 2×2 window holds all four tokens, so
        // with the bias table zeroed the core must equal attention.sdpa over the same tokens in row-major order.
        float[] input = new float[24];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(1.7 * i); // no symmetry that could hide a token mix-up
        }
        DesignBuilder window = new DesignBuilder("window");
        String t = window.add("to_last", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)),
                window.input("in", 6, 2, 2));
        window.add("core", "swin.window_attention_core", Map.of("heads", 2, "window", 2), t); // 1×2×2×2
        DesignBuilder global = new DesignBuilder("global");
        String g = global.add("flat", "tensor.flatten", Map.of("start_dim", 2), global.input("in", 6, 2, 2));
        g = global.add("tokens", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 1)), g); // 1×4×6
        global.add("attention", "attention.sdpa", Map.of("heads", 2), g); // 1×4×2, row-major tokens

        float[] windowed = run(window, 6, 2, 2, input, false,
                m -> param(m, "core.relative_position_bias_table").getArray().set(new float[9 * 2]));
        float[] reference = run(global, 6, 2, 2, input);
        assertThat(windowed).containsExactly(reference, within(1e-6f));
    }

    @Test
    void windowAttentionKeepsEachWindowToItself() throws Exception {
        // 1×1 windows: each token attends only to itself and returns its own v (channels 4-5 of 3C = 6).
        float[] input = new float[6 * 2 * 2];
        for (int i = 0; i < input.length; i++) {
            input[i] = i;
        }
        DesignBuilder b = new DesignBuilder("window");
        String t = b.add("to_last", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)), b.input("in", 6, 2, 2));
        b.add("core", "swin.window_attention_core", Map.of("heads", 1, "window", 1), t);
        // NCHW input: channel c at pixel p is c·4 + p; the output N×H×W×C lists (pixel, v channel 4 or 5)
        assertThat(run(b, 6, 2, 2, input)).containsExactly(16, 20, 17, 21, 18, 22, 19, 23);
    }

    @Test
    void dropPathInTrainingDropsOrScalesWholeSamplesAndIsTheIdentityInEvaluation() throws Exception {
        DesignBuilder b = new DesignBuilder("drop");
        b.add("drop", "regularization.drop_path", Map.of("p", 0.5), b.input("in", 1, 2, 2));
        CompiledDesign model = new DesignCompiler().compile(b.build(), Shape.of(64, 1, 2, 2));
        model.initialize(manager);
        NDArray x = manager.ones(new ai.djl.ndarray.types.Shape(64, 1, 2, 2));

        float[] eval = model.block().forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow().toFloatArray();
        float[] train = model.block().forward(new ParameterStore(manager, false), new NDList(x), true)
                .singletonOrThrow().toFloatArray();

        assertThat(eval).containsOnly(1f);
        assertThat(train).containsOnly(0f, 2f).contains(0f, 2f); // 64 samples: both happen
        for (int n = 0; n < 64; n++) { // one decision per sample: its four values agree
            assertThat(java.util.Arrays.copyOfRange(train, 4 * n, 4 * n + 4)).containsOnly(train[4 * n]);
        }
    }

    @Test
    void theSelectiveScanMatchesAPlainJavaRecurrenceOnRandomValues() throws Exception {
        int d = 3, t = 37, n = 4, r = 2, k = 2; // T on purpose no multiple of anything
        java.util.Random random = new java.util.Random(7);
        float[] map = new float[d * t];
        float[] xProj = new float[k * (r + 2 * n) * d];
        float[] dtW = new float[k * d * r];
        float[] dtB = new float[k * d];
        float[] aLogs = new float[k * d * n];
        float[] ds = new float[k * d];
        for (float[] a : new float[][] {map, xProj, dtW, dtB, aLogs, ds}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian() * 0.7f;
            }
        }
        DesignBuilder b = new DesignBuilder("scan");
        String s = b.add("scan_in", "mamba.cross_scan", Map.of("directions", 2), b.input("in", d, 1, t));
        b.add("scan", "mamba.selective_scan", Map.of("d_state", n, "dt_rank", r), s);
        float[] y = run(b, d, 1, t, map, false, m -> {
            param(m, "scan.x_proj_weight").getArray().set(xProj);
            param(m, "scan.dt_projs_weight").getArray().set(dtW);
            param(m, "scan.dt_projs_bias").getArray().set(dtB);
            param(m, "scan.A_logs").getArray().set(aLogs);
            param(m, "scan.Ds").getArray().set(ds);
        });

        // The recurrence of selective_scan_ref, one direction, channel and step at a time, in double.
        double[] expected = new double[k * d * t];
        for (int dir = 0; dir < k; dir++) {
            double[][] u = new double[d][t];
            for (int c = 0; c < d; c++) {
                for (int i = 0; i < t; i++) {
                    u[c][i] = map[c * t + (dir == 0 ? i : t - 1 - i)]; // direction 1 runs backwards
                }
            }
            double[][] proj = new double[r + 2 * n][t]; // Δ_raw, B, C
            for (int row = 0; row < r + 2 * n; row++) {
                for (int i = 0; i < t; i++) {
                    for (int c = 0; c < d; c++) {
                        proj[row][i] += xProj[(dir * (r + 2 * n) + row) * d + c] * u[c][i];
                    }
                }
            }
            for (int c = 0; c < d; c++) {
                double[] h = new double[n];
                for (int i = 0; i < t; i++) {
                    double z = dtB[dir * d + c];
                    for (int q = 0; q < r; q++) {
                        z += dtW[(dir * d + c) * r + q] * proj[q][i];
                    }
                    double delta = Math.log1p(Math.exp(z));
                    double out = ds[dir * d + c] * u[c][i];
                    for (int q = 0; q < n; q++) {
                        double a = -Math.exp(aLogs[(dir * d + c) * n + q]);
                        h[q] = Math.exp(delta * a) * h[q] + delta * proj[r + q][i] * u[c][i];
                        out += proj[r + n + q][i] * h[q];
                    }
                    expected[(dir * d + c) * t + i] = out;
                }
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) y[i]).as("element %d", i).isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
        }
    }

    @Test
    void sinCosPositionsAddSineOnEvenAndCosineOnOddChannels() throws Exception {
        DesignBuilder b = new DesignBuilder("sincos");
        String t = b.add("flat", "tensor.flatten", Map.of("start_dim", 2), b.input("in", 2, 1, 2));
        t = b.add("tokens", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 1)), t); // 1×2 tokens×2
        b.add("pos", "embedding.position_sincos", Map.of(), t);
        // D = 2: position 0 gets (sin 0, cos 0), position 1 gets (sin 1, cos 1)
        assertThat(run(b, 2, 1, 2, new float[4]))
                .containsExactly(new float[] {0, 1, (float) Math.sin(1), (float) Math.cos(1)}, within(1e-6f));
    }

    @Test
    void groupNormWithOneGroupNormalisesOverChannelsAndPixelsTogether() throws Exception {
        DesignBuilder b = new DesignBuilder("gn");
        b.add("gn", "norm.group_norm", Map.of("groups", 1), b.input("in", 2, 1, 2));
        // 1, 2, 3, 4: mean 2.5, biased variance 1.25
        float s = (float) Math.sqrt(1.25 + 1e-5);
        assertThat(run(b, 2, 1, 2, new float[] {1, 2, 3, 4}))
                .containsExactly(new float[] {-1.5f / s, -0.5f / s, 0.5f / s, 1.5f / s}, within(1e-5f));
    }

    @Test
    void globalAveragePoolingAveragesEachChannelOverItsPixelsWithOrWithoutKeptDimensions() throws Exception {
        float[] input = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60};
        DesignBuilder flat = new DesignBuilder("flat");
        flat.add("pool", "pool.global_avg", Map.of(), flat.input("in", 2, 2, 3));
        DesignBuilder kept = new DesignBuilder("kept");
        kept.add("pool", "pool.global_avg", Map.of("keep_dims", true), kept.input("in", 2, 2, 3));

        assertThat(run(flat, 2, 2, 3, input)).containsExactly(new float[] {3.5f, 35f}, within(1e-5f));
        assertThat(run(kept, 2, 2, 3, input)).containsExactly(new float[] {3.5f, 35f}, within(1e-5f));
    }

    @Test
    void averagePoolingLeavesPaddingOutOfTheCountWhenAskedTo() throws Exception {
        float[] input = {1, 2, 3, 4};
        DesignBuilder without = new DesignBuilder("without");
        without.add("pool", "pool.avg2d", Map.of("kernel", 3, "stride", 1, "padding", 1, "count_include_pad", false),
                without.input("in", 1, 2, 2));
        DesignBuilder with = new DesignBuilder("with");
        with.add("pool", "pool.avg2d", Map.of("kernel", 3, "stride", 1, "padding", 1), with.input("in", 1, 2, 2));
        // every 3×3 window covers all four pixels: 10 / 4 without the padding, 10 / 9 with it
        assertThat(run(without, 1, 2, 2, input)).containsOnly(2.5f);
        assertThat(run(with, 1, 2, 2, input)).containsExactly(new float[] {10f / 9, 10f / 9, 10f / 9, 10f / 9},
                within(1e-6f));
    }

    @Test
    void windowAttentionAddsTheRelativePositionBiasOfEachTokenPair() throws Exception {
        // One 2×2 window, one head, C = 4: q = k = 0, so the logits are the bias alone; token j's v is the
        // one-hot e_j, so token i's output is the softmax over j of table[(Δr + 1)·3 + (Δc + 1)].
        float[] table = {0.1f, -0.4f, 0.9f, 0.3f, 1.2f, -0.8f, 0.5f, 0f, -1.1f};
        float[] input = new float[12 * 4]; // NCHW: channel c at pixel p is c·4 + p
        for (int j = 0; j < 4; j++) {
            input[(8 + j) * 4 + j] = 1;
        }
        DesignBuilder b = new DesignBuilder("bias");
        String t = b.add("to_last", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)), b.input("in", 12, 2, 2));
        b.add("core", "swin.window_attention_core", Map.of("heads", 1, "window", 2), t);
        float[] y = run(b, 12, 2, 2, input, false, m -> param(m, "core.relative_position_bias_table").getArray().set(table));

        for (int i = 0; i < 4; i++) {
            double[] logits = new double[4];
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                int row = (i / 2 - j / 2 + 1) * 3 + (i % 2 - j % 2 + 1);
                logits[j] = Math.exp(table[row]);
                sum += logits[j];
            }
            for (int j = 0; j < 4; j++) {
                assertThat((double) y[i * 4 + j]).as("token %d, weight of %d", i, j).isCloseTo(logits[j] / sum, within(1e-6));
            }
        }
    }

    @Test
    void maxPoolingInCeilModeKeepsThePartialWindowsAtTheEdge() throws Exception {
        DesignBuilder b = new DesignBuilder("max");
        b.add("pool", "pool.max2d", Map.of("kernel", 2, "stride", 2, "ceil_mode", true), b.input("in", 1, 3, 3));
        // 1 2 3 / 4 5 6 / 7 8 9 in 2×2 windows, the last row and column alone
        assertThat(run(b, 1, 3, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9})).containsExactly(5, 6, 8, 9);
    }

    @Test
    void crossMergeUndoesCrossScanSoEachPixelGetsOneCopyPerDirection() throws Exception {
        // A 2-channel 2×3 map (not square, so rows and columns cannot be confused)
        float[] input = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        for (int k : new int[] {1, 2, 4}) {
            DesignBuilder b = new DesignBuilder("merge");
            String x = b.input("in", 2, 2, 3);
            String s = b.add("scan", "mamba.cross_scan", Map.of("directions", k), x);
            b.add("merge", "mamba.cross_merge", Map.of(), s, x);
            float[] y = run(b, 2, 2, 3, input);
            // N×H×W×C: pixel (h, w), channel c is k · input[c·6 + h·3 + w]
            float[] expected = new float[12];
            for (int pixel = 0; pixel < 6; pixel++) {
                for (int c = 0; c < 2; c++) {
                    expected[pixel * 2 + c] = k * input[c * 6 + pixel];
                }
            }
            assertThat(y).as("%d directions", k).containsExactly(expected);
        }
    }

    @Test
    void crossScanReadsRowsColumnsAndBothBackwards() throws Exception {
        DesignBuilder b = new DesignBuilder("scan");
        b.add("scan", "mamba.cross_scan", Map.of("directions", 4), b.input("in", 1, 2, 3));
        // the map 1 2 3 / 4 5 6: rows, columns, rows reversed, columns reversed
        assertThat(run(b, 1, 2, 3, new float[] {1, 2, 3, 4, 5, 6}))
                .containsExactly(1, 2, 3, 4, 5, 6, 1, 4, 2, 5, 3, 6, 6, 5, 4, 3, 2, 1, 6, 3, 5, 2, 4, 1);
    }

    @Test
    void spaceToDepthChannelsFirstIsPixelUnshuffle() throws Exception {
        DesignBuilder b = new DesignBuilder("unshuffle");
        b.add("s2d", "tensor.space_to_depth", Map.of("block", 2, "layout", "channels_first"), b.input("in", 2, 2, 4));
        // channel c's 2×4 map a b c d / e f g h: output channel c·4 + i·2 + j holds x[c, i::2, j::2]
        float[] input = {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18};
        assertThat(run(b, 2, 2, 4, input))
                .containsExactly(1, 3, 2, 4, 5, 7, 6, 8, 11, 13, 12, 14, 15, 17, 16, 18);
    }
}
