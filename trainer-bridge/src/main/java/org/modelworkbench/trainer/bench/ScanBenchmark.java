package org.modelworkbench.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.modelworkbench.trainer.compile.SelectiveScan;

/**
 * The selective scan as the product runs it ({@link SelectiveScan}, at several chunk sizes) against a
 * per-timestep loop of small NDArray ops, forward and forward + backward, on random inputs in the
 * ranges of an initialised Mamba: u, B, C ~ N(0, 1), Δ log-uniform in [0.001, 0.1] (Mamba's dt
 * init), A = −(1 … N) (A_log = log n), D = 1. Each variant's output is compared with a plain float64
 * Java loop. The per-timestep loop lives here, not in the product: it is what the scan replaces.
 */
public final class ScanBenchmark {
    /** The problem and the measuring; a chunk size 0 means the scan's default (SelectiveScan.chunkFor). */
    public record Config(int length, int channels, int states, int directions, int batch, int warmup, int rounds,
                         int[] chunks, boolean previous) {
        public Config(int length, int channels, int states, int directions, int batch, int warmup, int rounds,
                      int[] chunks) {
            this(length, channels, states, directions, batch, warmup, rounds, chunks, false);
        }

        public Config {
            chunks = chunks.clone();
            if (length < 1 || channels < 1 || states < 1 || directions < 1 || batch < 1 || warmup < 0 || rounds < 1) {
                throw new IllegalArgumentException("scan benchmark: every size must be ≥ 1 (warm-up ≥ 0), got " + this);
            }
        }

        @Override
        public int[] chunks() {
            return chunks.clone();
        }

        @Override
        public String toString() {
            return "L=" + length + " D=" + channels + " N=" + states + " K=" + directions + " B=" + batch
                    + " chunks=" + Arrays.toString(chunks) + (previous ? " with the previous kernel" : "");
        }
    }

    /**
     * One measured variant and pass, in milliseconds.
     *
     * @param relativeError max |y − y64| / max |y64| against the float64 loop (the same for both passes)
     */
    public record Row(String variant, String pass, double medianMs, double bestMs, double relativeError) {
    }

    private final Config config;

    public ScanBenchmark(Config config) {
        this.config = config;
    }

    /** The inputs of one problem, as float arrays (row-major in the shapes of {@link SelectiveScan#scan}). */
    public record Problem(int batch, int k, int d, int n, int len, float[] u, float[] delta, float[] a, float[] b,
                          float[] c, float[] skip) {
        public static Problem random(int batch, int k, int d, int n, int len, long seed) {
            Random r = new Random(seed);
            float[] u = gaussian(r, batch * k * d * len);
            float[] delta = new float[u.length];
            double lo = Math.log(0.001), hi = Math.log(0.1);
            for (int i = 0; i < delta.length; i++) {
                delta[i] = (float) Math.exp(lo + (hi - lo) * r.nextDouble());
            }
            float[] a = new float[k * d * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = -(i % n + 1);
            }
            float[] skip = new float[k * d];
            Arrays.fill(skip, 1f);
            return new Problem(batch, k, d, n, len, u, delta, a, gaussian(r, batch * k * n * len),
                    gaussian(r, batch * k * n * len), skip);
        }

        private static float[] gaussian(Random r, int size) {
            float[] v = new float[size];
            for (int i = 0; i < size; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return v;
        }

        /** The recurrence step by step in float64: the reference every variant is compared with. */
        public double[] reference() {
            double[] y = new double[batch * k * d * len];
            double[] h = new double[n];
            for (int bi = 0; bi < batch; bi++) {
                for (int ki = 0; ki < k; ki++) {
                    int bc = (bi * k + ki) * n * len; // B and C: B×K×N×L
                    for (int di = 0; di < d; di++) {
                        Arrays.fill(h, 0);
                        int row = ((bi * k + ki) * d + di) * len;
                        for (int t = 0; t < len; t++) {
                            double dt = delta[row + t];
                            double ut = u[row + t];
                            double out = skip[ki * d + di] * ut;
                            for (int s = 0; s < n; s++) {
                                h[s] = Math.exp(dt * a[(ki * d + di) * n + s]) * h[s] + dt * b[bc + s * len + t] * ut;
                                out += c[bc + s * len + t] * h[s];
                            }
                            y[row + t] = out;
                        }
                    }
                }
            }
            return y;
        }

        /** The inputs as arrays of {@code m}: u, Δ, A, B, C, D. */
        public NDList arrays(NDManager m) {
            return new NDList(m.create(u, new Shape(batch, k, d, len)), m.create(delta, new Shape(batch, k, d, len)),
                    m.create(a, new Shape(k, d, n)), m.create(b, new Shape(batch, k, n, len)),
                    m.create(c, new Shape(batch, k, n, len)), m.create(skip, new Shape(k, d)));
        }
    }

    /** The per-timestep loop: the decays and inputs at once, then h and y one step at a time (4 ops a step). */
    public static NDArray perStep(NDList in) {
        NDArray u = in.get(0), delta = in.get(1), a = in.get(2), b = in.get(3), c = in.get(4), d = in.get(5);
        long[] dims = u.getShape().getShape();
        long k = dims[1], ch = dims[2], len = dims[3];
        long n = a.getShape().get(2);
        NDArray decay = delta.expandDims(4).mul(a.reshape(1, k, ch, 1, n)).exp(); // B×K×D×L×N
        NDArray x = delta.mul(u).expandDims(4).mul(b.transpose(0, 1, 3, 2).expandDims(2));
        NDList decays = decay.split(len, 3);
        NDList xs = x.split(len, 3);
        NDList cs = c.transpose(0, 1, 3, 2).expandDims(2).split(len, 3);
        NDList ys = new NDList((int) len);
        NDArray h = xs.get(0);
        ys.add(h.mul(cs.get(0)).sum(new int[] {4}));
        for (int t = 1; t < len; t++) {
            h = h.mul(decays.get(t)).add(xs.get(t));
            ys.add(h.mul(cs.get(t)).sum(new int[] {4}));
        }
        return NDArrays.concat(ys, 3).add(u.mul(d.reshape(1, k, ch, 1)));
    }

    /**
     * The trainer's first scan, kept here for comparison: all decays and inputs at once, then chunks of
     * 16 steps one after the other, each an l×l weighting exp(S_t − S_s) of its inputs (S the cumulative
     * Δ·A inside the chunk) plus the carried state.
     */
    public static NDArray quadraticChunks(NDList in) {
        NDArray u = in.get(0), delta = in.get(1), a = in.get(2), b = in.get(3), c = in.get(4), d = in.get(5);
        long[] dims = u.getShape().getShape();
        long k = dims[1], ch = dims[2], len = dims[3];
        long n = a.getShape().get(2);
        NDArray logDecay = delta.expandDims(4).mul(a.reshape(1, k, ch, 1, n)); // B×K×D×L×N
        NDArray x = delta.mul(u).expandDims(4).mul(b.transpose(0, 1, 3, 2).expandDims(2));
        NDList states = new NDList();
        NDArray carry = null;
        for (long start = 0; start < len; start += 16) {
            long end = Math.min(len, start + 16);
            int l = (int) (end - start);
            NDArray s = logDecay.get(new NDIndex().addAllDim(3).addSliceDim(start, end)).cumSum(3);
            NDArray xs = x.get(new NDIndex().addAllDim(3).addSliceDim(start, end));
            float[] lower = new float[l * l];
            for (int t = 0; t < l; t++) {
                for (int j = 0; j <= t; j++) {
                    lower[t * l + j] = 1;
                }
            }
            NDArray mask = s.getManager().create(lower, new Shape(l, l, 1));
            NDArray weights = s.expandDims(4).sub(s.expandDims(3)).minimum(0).exp().mul(mask);
            NDArray h = weights.mul(xs.expandDims(3)).sum(new int[] {4});
            if (carry != null) {
                h = h.add(s.exp().mul(carry.expandDims(3)));
            }
            states.add(h);
            carry = h.get(new NDIndex().addAllDim(3).addIndices(l - 1));
        }
        NDArray h = states.size() == 1 ? states.head() : NDArrays.concat(states, 3);
        NDArray y = h.mul(c.transpose(0, 1, 3, 2).expandDims(2)).sum(new int[] {4});
        return y.add(u.mul(d.reshape(1, k, ch, 1)));
    }

    /**
     * Runs every variant; the first two rows are the per-timestep loop, the next two the previous kernel when
     * the config asks for it. The variants take turns within
     * each round (interleaved), so that a change of load on the machine hits them alike.
     */
    public List<Row> run(NDManager manager) {
        Problem p = Problem.random(config.batch(), config.directions(), config.channels(), config.states(),
                config.length(), 42);
        double[] reference = p.reference();
        List<String> names = new ArrayList<>();
        List<Function<NDList, NDArray>> variants = new ArrayList<>();
        names.add("per-timestep loop");
        variants.add(ScanBenchmark::perStep);
        if (config.previous()) {
            names.add("previous kernel: l×l weights in 16-step chunks");
            variants.add(ScanBenchmark::quadraticChunks);
        }
        for (int chunk : config.chunks()) {
            int l = chunk > 0 ? chunk : SelectiveScan.chunkFor(config.length());
            names.add("two-pass scan, chunk " + l + (chunk > 0 ? "" : " (default)"));
            variants.add(in -> SelectiveScan.scan(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), l));
        }
        int n = variants.size();
        double[] error = new double[n];
        List<Runnable> forward = new ArrayList<>();
        List<Runnable> both = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            Function<NDList, NDArray> variant = variants.get(v);
            try (NDManager m = manager.newSubManager()) {
                error[v] = relativeError(variant.apply(p.arrays(m)).toFloatArray(), reference);
            }
            forward.add(() -> {
                try (NDManager m = manager.newSubManager()) {
                    variant.apply(p.arrays(m)).toFloatArray();
                }
            });
            both.add(() -> {
                try (NDManager m = manager.newSubManager()) {
                    NDList in = p.arrays(m);
                    for (NDArray x : in) {
                        x.setRequiresGradient(true);
                    }
                    try (GradientCollector g = m.getEngine().newGradientCollector()) {
                        NDArray y = variant.apply(in);
                        g.backward(y.mul(y.onesLike().mul(0.5)).sum());
                    }
                    in.get(1).getGradient().toFloatArray(); // wait for the backward pass
                }
            });
        }
        double[][] forwardMs = interleaved(forward);
        double[][] bothMs = interleaved(both);
        List<Row> rows = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            rows.add(new Row(names.get(v), "forward", median(forwardMs[v]), best(forwardMs[v]), error[v]));
            rows.add(new Row(names.get(v), "forward+backward", median(bothMs[v]), best(bothMs[v]), error[v]));
        }
        return rows;
    }

    /** ms[variant][round]: the warm-up rounds first, then each round runs every variant once. */
    private double[][] interleaved(List<Runnable> variants) {
        for (int i = 0; i < config.warmup(); i++) {
            variants.forEach(Runnable::run);
        }
        double[][] ms = new double[variants.size()][config.rounds()];
        for (int r = 0; r < config.rounds(); r++) {
            for (int v = 0; v < variants.size(); v++) {
                long t0 = System.nanoTime();
                variants.get(v).run();
                ms[v][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    /** max |y − ref| / max |ref| (max(…, 1e-6)): a norm-relative error that a near-zero element cannot blow up. */
    public static double relativeError(float[] y, double[] reference) {
        if (y.length != reference.length) {
            throw new IllegalArgumentException("sizes differ: " + y.length + " vs " + reference.length);
        }
        double diff = 0, scale = 0;
        for (int i = 0; i < y.length; i++) {
            diff = Math.max(diff, Math.abs(y[i] - reference[i]));
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return Double.isNaN(diff) ? Double.NaN : diff / Math.max(scale, 1e-6);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double best(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
