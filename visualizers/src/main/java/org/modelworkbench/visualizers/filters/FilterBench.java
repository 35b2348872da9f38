package org.modelworkbench.visualizers.filters;

import java.util.Locale;
import java.util.SplittableRandom;
import org.modelworkbench.visualizers.filters.DogTemplates.Template;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Benchmark of the filter-cluster computations on a planted layer of 10,000 noisy 7×7 DoG-family
 * kernels (issue 13 target: k-means with k = 8 in under 1 s). Prints a table of median wall times
 * over a few runs after a warm-up. Run: {@code java -cp visualizers/target/classes
 * org.modelworkbench.visualizers.filters.FilterBench [kernels]}.
 */
public final class FilterBench {
    private FilterBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        FloatTensor units = Kernels.of(planted(n, 7)).analysedUnits();
        KernelNaming naming = new KernelNaming(7);
        FloatTensor flat = units.reshape(n, 49);
        System.out.printf(Locale.ROOT, "%-38s %10s%n", "step (" + n + " kernels 7×7)", "median ms");
        row("normalise (Kernels.of)", () -> Kernels.of(planted(n, 7)));
        row("k-means k=8 (3 restarts)", () -> new KMeans(8, 1).fit(units));
        row("k-means k=8 (1 restart)", () -> new KMeans(8, 1, KMeans.DEFAULT_MAX_ITERATIONS, 1).fit(units));
        row("silhouette prepare (sample 2000)", () -> Silhouette.of(units, 1));
        row("chooseK 2…10", () -> KMeans.chooseK(units, 2, 10, 1));
        row("naming (32 templates)", () -> naming.nameAll(units));
        row("PCA 2-D", () -> Pca.fit(flat, 2));
        row("duplicates |cos| ≥ 0.995", () -> Duplicates.find(units));
        row("FilterReport (all of the above)", () -> FilterReport.of(planted(n, 7)));
    }

    private static void row(String name, Runnable r) {
        r.run(); // warm-up
        long[] t = new long[3];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-38s %10.1f%n", name, t[1] / 1e6);
    }

    /** n depthwise kernels: the 8 templates at random σ and sign, random gain, 5 % pixel noise. */
    static FloatTensor planted(int n, int k) {
        DogTemplates bank = DogTemplates.of(k);
        Template[] all = Template.values();
        SplittableRandom rnd = new SplittableRandom(2024);
        float[] w = new float[n * k * k];
        for (int i = 0; i < n; i++) {
            float[] t = bank.template(all[rnd.nextInt(all.length)], rnd.nextInt(4)).values();
            double gain = (rnd.nextBoolean() ? 1 : -1) * (0.5 + rnd.nextDouble());
            for (int j = 0; j < k * k; j++) {
                w[i * k * k + j] = (float) (gain * (t[j] + 0.05 * (rnd.nextDouble() * 2 - 1) * Math.sqrt(3)));
            }
        }
        return FloatTensor.of(w, n, 1, k, k);
    }
}
