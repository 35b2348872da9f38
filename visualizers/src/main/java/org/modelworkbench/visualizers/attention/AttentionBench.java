package org.modelworkbench.visualizers.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.modelworkbench.visualizers.mamba.HiddenAttention;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Times the attention views at the sizes of real networks and prints a table: rollout over a
 * DeiT-Tiny-sized stack (12 layers × 3 heads × 197 tokens) and the channel-mean hidden attention of
 * a VMamba/Vim-sized scan (D = 192, N = 16, L = 3136 = 56²). Inputs are random but shaped like the
 * real ones (softmax rows; softplus Δ, S4D-real A). Run: {@code java … AttentionBench [repeats]}.
 */
public final class AttentionBench {
    private AttentionBench() {
    }

    /** One measured case: the median and fastest wall time over the repeats, in milliseconds. */
    public record Row(String name, String size, double medianMs, double bestMs, int repeats) {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        print(run(repeats));
    }

    /** Runs every case {@code repeats} times after one warm-up run. */
    public static List<Row> run(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be ≥ 1, got " + repeats);
        }
        Random rnd = new Random(42);
        List<FloatTensor> vit = new ArrayList<>();
        for (int l = 0; l < 12; l++) {
            vit.add(softmaxRows(rnd, 1, 3, 197));
        }
        String vitSize = "12 layers × 3 heads × 197 tokens";
        List<Row> rows = new ArrayList<>();
        rows.add(time("rollout map (mean, paper)", vitSize, repeats,
                () -> AttentionRollout.compute(vit, 0, AttentionRollout.Options.paper()).map()));
        rows.add(time("rollout map (max, discard 0.9)", vitSize, repeats,
                () -> AttentionRollout.compute(vit, 0, AttentionRollout.Options.vitExplainCli()).map()));
        Rollout r = AttentionRollout.compute(vit, 0, AttentionRollout.Options.paper());
        rows.add(time("rollout query map", vitSize, repeats, () -> r.queryMap(7, 7)));
        rows.add(time("rollout full matrix R", vitSize, repeats, r::matrix));
        AttentionDistance mad = new AttentionDistance(16, 1);
        rows.add(time("mean attention distance", vitSize, repeats, () -> mad.perLayerHead(vit)));

        HiddenAttention h = randomScan(rnd, 192, 16, 3136);
        String scanSize = "D=192, N=16, L=3136";
        rows.add(time("hidden attention query row (mean)", scanSize, repeats, () -> h.queryRow(0, 3135)));
        rows.add(time("hidden attention one channel", scanSize, repeats, () -> h.channel(0, 0)));
        rows.add(time("hidden attention channel mean L×L", scanSize, repeats, () -> h.channelMean(0)));
        return rows;
    }

    public static void print(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%-36s %-34s %12s %12s%n", "case", "size", "median ms", "best ms");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%-36s %-34s %12.1f %12.1f%n", row.name(), row.size(), row.medianMs(),
                    row.bestMs());
        }
        System.out.printf(Locale.ROOT, "(%d repeats after one warm-up; %d processors available)%n",
                rows.isEmpty() ? 0 : rows.get(0).repeats(), Runtime.getRuntime().availableProcessors());
    }

    private static Row time(String name, String size, int repeats, Supplier<?> work) {
        Object sink = work.get(); // warm-up: JIT and caches
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            sink = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException(name + " produced nothing");
        }
        Arrays.sort(ms);
        return new Row(name, size, ms[repeats / 2], ms[0], repeats);
    }

    private static FloatTensor softmaxRows(Random rnd, int batch, int heads, int n) {
        float[] v = new float[batch * heads * n * n];
        double[] e = new double[n];
        for (int r = 0; r < batch * heads * n; r++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                e[j] = Math.exp(2 * rnd.nextGaussian());
                s += e[j];
            }
            for (int j = 0; j < n; j++) {
                v[r * n + j] = (float) (e[j] / s);
            }
        }
        return FloatTensor.of(v, batch, heads, n, n);
    }

    private static HiddenAttention randomScan(Random rnd, int d, int n, int len) {
        float[] delta = new float[d * len];
        for (int i = 0; i < delta.length; i++) {
            double x = rnd.nextGaussian() - 3; // dt_bias is initialised to softplus⁻¹ of 0.001…0.1
            delta[i] = (float) (x > 20 ? x : Math.log1p(Math.exp(x)));
        }
        float[] a = new float[d * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = -(1 + i % n); // S4D-real initialisation A_log = log(1..N)
        }
        float[] b = new float[n * len];
        float[] c = new float[n * len];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
            c[i] = (float) rnd.nextGaussian();
        }
        return HiddenAttention.of(FloatTensor.of(delta, 1, d, len), FloatTensor.of(a, d, n), FloatTensor.of(b, 1, n, len),
                FloatTensor.of(c, 1, n, len));
    }
}
