package org.modelworkbench.trainer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.bench.ScanBenchmark;
import org.modelworkbench.trainer.compile.SelectiveScan;
import org.modelworkbench.trainer.engine.TestEngine;

/**
 * VMamba's SS2D and VSS block and Mamba's 1-D mixer against {@link MambaReference}, whose scan runs one
 * time step after the other in float64; and the product's scan ({@link SelectiveScan}) against the same
 * recurrence on long sequences, where a formulation with exp of cumulative sums would overflow.
 */
class MambaReferenceTest {
    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    @ParameterizedTest(name = "{0}×{1} map, C {2}, ssm_ratio {3}, d_state {4}, z gate {5}")
    @CsvSource({
            "8, 8, 16, 2.0, 4, false",   // 64 steps per direction: eight chunks of eight
            "6, 10, 16, 1.0, 16, false", // not square: the column-major direction reads l = w·H + h
            "7, 7, 32, 1.0, 1, false",   // a Fashion-MNIST stage: 49 steps, chunks of 7, VMamba v2's d_state 1
            "4, 6, 16, 1.5, 2, true"})   // the z gate of VMamba's forward types without _noz
    void ss2dMatchesALoopVersionOfVMambasForwardCore(int h, int w, int c, double ratio, int states, boolean gate)
            throws Exception {
        int batch = 2;
        int d = (int) (ratio * c);
        int rank = (c + 15) / 16;
        DesignBuilder b = new DesignBuilder("ss2d");
        String x = b.add("to_last", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), b.input("in", c, h, w));
        b.add("blk", "mamba.ss2d", Map.of("ssm_ratio", ratio, "d_state", states, "z_gate", gate), x);
        try (Compiled m = new Compiled(b.build(), org.modelworkbench.blocks.shape.Shape.of(batch, c, h, w), 31)) {
            float[] input = Compiled.randomInput(batch * c * h * w, 32);
            double[] expected = MambaReference.ss2d(Plain.toChannelsLast(Plain.toDouble(input), batch, c, h, w), batch,
                    h, w, c, d, rank, states, 3, gate, name -> m.weight("blk." + name));

            assertThat(Compiled.relativeError(m.forward(input, false), expected)).isLessThan(1e-4);
        }
    }

    @Test
    void theVssBlockMatchesALoopVersionOfVMambasBlock() throws Exception {
        int batch = 2, c = 16, h = 8, w = 8;
        DesignBuilder b = new DesignBuilder("vss");
        String x = b.add("to_last", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), b.input("in", c, h, w));
        b.add("blk", "mamba.vss_block", Map.of("ssm_ratio", 1.0, "d_state", 1), x);
        try (Compiled m = new Compiled(b.build(), org.modelworkbench.blocks.shape.Shape.of(batch, c, h, w), 41)) {
            float[] input = Compiled.randomInput(batch * c * h * w, 42);
            double[] expected = MambaReference.vssBlock(Plain.toChannelsLast(Plain.toDouble(input), batch, c, h, w),
                    batch, h, w, c, c, 1, 1, name -> m.weight("blk." + name));

            assertThat(Compiled.relativeError(m.forward(input, false), expected)).isLessThan(1e-4);
        }
    }

    @Test
    void theMambaMixerMatchesALoopVersionOfMambaSimple() throws Exception {
        int batch = 2, c = 16, len = 40, d = 32, states = 16, conv = 4;
        DesignBuilder b = new DesignBuilder("mamba");
        String t = b.add("flat", "tensor.flatten", Map.of("start_dim", 2), b.input("in", c, 5, 8));
        t = b.add("tokens", "tensor.permute", Map.of("dims", List.of(0, 2, 1)), t); // N×40×C
        b.add("blk", "mamba.mamba_block", Map.of("expand", 2.0, "d_state", states, "d_conv", conv), t);
        try (Compiled m = new Compiled(b.build(), org.modelworkbench.blocks.shape.Shape.of(batch, c, 5, 8), 51)) {
            float[] input = Compiled.randomInput(batch * c * len, 52);
            double[] tokens = new double[input.length]; // N×C×T → N×T×C
            for (int n = 0; n < batch; n++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < len; i++) {
                        tokens[(n * len + i) * c + ch] = input[(n * c + ch) * len + i];
                    }
                }
            }
            double[] expected = MambaReference.mixer(tokens, batch, len, c, d, 1, states, conv,
                    name -> m.weight("blk." + name));

            assertThat(Compiled.relativeError(m.forward(input, false), expected)).isLessThan(1e-4);
        }
    }

    /** The scan's inputs with Δ log-uniform in [lo, hi] and A = −(1 … N)·aScale. */
    static ScanBenchmark.Problem problem(int d, int n, int len, double lo, double hi, double aScale, long seed) {
        ScanBenchmark.Problem p = ScanBenchmark.Problem.random(1, 1, d, n, len, seed);
        Random r = new Random(seed + 1);
        float[] delta = p.delta();
        for (int i = 0; i < delta.length; i++) {
            delta[i] = (float) Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
        }
        float[] a = p.a();
        for (int i = 0; i < a.length; i++) {
            a[i] *= (float) aScale;
        }
        return p;
    }

    /** A plain float64 loop over the problem, written here rather than taken from the benchmark. */
    static double[] loop(ScanBenchmark.Problem p) {
        int d = p.d(), n = p.n(), len = p.len();
        double[] y = new double[d * len];
        for (int ch = 0; ch < d; ch++) {
            double[] h = new double[n];
            for (int t = 0; t < len; t++) {
                double dt = p.delta()[ch * len + t];
                double u = p.u()[ch * len + t];
                double out = p.skip()[ch] * u;
                for (int s = 0; s < n; s++) {
                    h[s] = Math.exp(dt * p.a()[ch * n + s]) * h[s] + dt * p.b()[s * len + t] * u;
                    out += p.c()[s * len + t] * h[s];
                }
                y[ch * len + t] = out;
            }
        }
        return y;
    }

    static float[] scan(ScanBenchmark.Problem p, int chunk) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = p.arrays(m);
            NDArray y = chunk > 0
                    ? SelectiveScan.scan(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), chunk)
                    : SelectiveScan.scan(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5));
            return y.toFloatArray();
        }
    }

    @ParameterizedTest(name = "Δ in [{0}, {1}], A up to −16×{2}")
    @CsvSource({
            "0.001, 0.1, 1",  // Mamba's Δ initialisation: the sum of Δ·A over 3,136 steps reaches about −5,000
            "0.1, 10, 1",     // a trained model's larger steps: the state forgets within a step or two
            "0.0001, 0.001, 0.0625"}) // almost no decay: the state keeps 3,136 steps of input
    void theScanStaysWithinOneInTenThousandOfTheStepByStepLoopOverThreeThousandStepsAt56By56(double lo, double hi,
                                                                                            double aScale) {
        ScanBenchmark.Problem p = problem(8, 16, 3136, lo, hi, aScale, 61);
        float[] y = scan(p, 0);

        assertThat(y).doesNotContain(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertThat(Compiled.relativeError(y, loop(p))).isLessThan(1e-4);
    }

    @ParameterizedTest(name = "chunk {0}")
    @CsvSource({"1", "5", "16", "37", "100"})
    void everyChunkSizeGivesTheSameScanIncludingOnesThatDoNotDivideTheLength(int chunk) {
        ScanBenchmark.Problem p = problem(4, 3, 100, 0.01, 1, 1, 71);
        assertThat(Compiled.relativeError(scan(p, chunk), loop(p))).isLessThan(1e-5);
    }

    @ParameterizedTest(name = "chunk {0}, d_state {1}")
    @CsvSource({
            "8, 4",  // 6 chunks carried step by step
            "2, 4",  // 23 chunks carried in padded chunks of 5
            "5, 1"}) // one state: the read-out is a product, not a matrix product
    void theScansGradientsEqualThoseOfThePerTimestepLoop(int chunk, int states) {
        ScanBenchmark.Problem p = problem(6, states, 45, 0.01, 1, 1, 81);
        float[][] chunked = gradients(p, in -> SelectiveScan.scan(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
                in.get(5), chunk));
        float[][] perStep = gradients(p, ScanBenchmark::perStep);
        for (int i = 0; i < chunked.length; i++) {
            assertThat(Compiled.relativeError(chunked[i], Plain.toDouble(perStep[i])))
                    .as("gradient of input %d (u, Δ, A, B, C, D)", i).isLessThan(1e-4);
        }
    }

    private static float[][] gradients(ScanBenchmark.Problem p, java.util.function.Function<NDList, NDArray> scan) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = p.arrays(m);
            for (NDArray x : in) {
                x.setRequiresGradient(true);
            }
            NDArray weights = m.create(Compiled.randomInput(p.d() * p.len(), 82), new Shape(1, 1, p.d(), p.len()));
            try (GradientCollector g = m.getEngine().newGradientCollector()) {
                g.backward(scan.apply(in).mul(weights).sum());
            }
            float[][] out = new float[in.size()][];
            for (int i = 0; i < in.size(); i++) {
                out[i] = in.get(i).getGradient().toFloatArray();
            }
            return out;
        }
    }
}
