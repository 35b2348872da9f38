package org.modelworkbench.visualizers.filters;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * k-means on the rows of an (n, d) tensor (or (n, k, k) kernels, flattened): k-means++ seeding
 * (Arthur &amp; Vassilvitskii 2007) from a given seed, then Lloyd iterations until no label changes
 * or {@code maxIterations}; the best of {@code restarts} seeded runs (lowest inertia) is kept.
 * Deterministic for a given seed. An emptied cluster is re-seeded with the point farthest from its
 * centroid. Distances are squared Euclidean; on unit kernels that is 2 − 2·cos.
 */
public final class KMeans {
    public static final int DEFAULT_MAX_ITERATIONS = 300;
    public static final int DEFAULT_RESTARTS = 3;

    private final int k;
    private final long seed;
    private final int maxIterations;
    private final int restarts;

    /** k clusters, seeded, with the default iterations and restarts. */
    public KMeans(int k, long seed) {
        this(k, seed, DEFAULT_MAX_ITERATIONS, DEFAULT_RESTARTS);
    }

    /**
     * @throws IllegalArgumentException if k, maxIterations or restarts is below 1
     */
    public KMeans(int k, long seed, int maxIterations, int restarts) {
        if (k < 1) {
            throw new IllegalArgumentException("k-means needs k ≥ 1, got " + k);
        }
        if (maxIterations < 1 || restarts < 1) {
            throw new IllegalArgumentException("max iterations and restarts must be ≥ 1, got " + maxIterations + " and "
                    + restarts);
        }
        this.k = k;
        this.seed = seed;
        this.maxIterations = maxIterations;
        this.restarts = restarts;
    }

    /**
     * Clusters the rows of {@code points} (n, …); every dimension after the first is flattened.
     *
     * @throws IllegalArgumentException if there are fewer points than clusters or a value is not finite
     */
    public Clustering fit(FloatTensor points) {
        if (points.rank() < 2) {
            throw new IllegalArgumentException("k-means takes points as (n, d), got " + Arrays.toString(points.shape()));
        }
        int n = points.dim(0);
        if (n < k) {
            throw new IllegalArgumentException("k-means with k = " + k + " needs at least " + k + " points, got " + n);
        }
        int d = n == 0 ? 0 : points.size() / n;
        float[] x = points.values();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("point " + i / d + " has a non-finite value in dimension " + i % d);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Clustering best = null;
        for (int r = 0; r < restarts; r++) {
            Clustering c = run(x, n, d, rnd.split());
            if (best == null || c.inertia() < best.inertia()) {
                best = c;
            }
        }
        return best;
    }

    private Clustering run(float[] x, int n, int d, SplittableRandom rnd) {
        float[] c = seedPlusPlus(x, n, d, rnd);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        float[] dist = new float[n];
        double[] sums = new double[k * d];
        int[] sizes = new int[k];
        float[] cNorm = new float[k];
        float[] xNorm = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * x[i * d + j];
            }
            xNorm[i] = (float) s;
        }
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            it++;
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += c[a * d + j] * c[a * d + j];
                }
                cNorm[a] = (float) s;
            }
            // Assignment: ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², the ‖x‖² term shared by all centroids.
            int changed = 0;
            for (int i = 0; i < n; i++) {
                int o = i * d;
                int arg = 0;
                float bestD = Float.POSITIVE_INFINITY;
                for (int a = 0; a < k; a++) {
                    int co = a * d;
                    float dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += x[o + j] * c[co + j];
                    }
                    float dd = cNorm[a] - 2 * dot;
                    if (dd < bestD) {
                        bestD = dd;
                        arg = a;
                    }
                }
                dist[i] = Math.max(0, xNorm[i] + bestD);
                if (labels[i] != arg) {
                    labels[i] = arg;
                    changed++;
                }
            }
            if (changed == 0) {
                converged = true;
                break;
            }
            Arrays.fill(sums, 0);
            Arrays.fill(sizes, 0);
            for (int i = 0; i < n; i++) {
                int a = labels[i];
                sizes[a]++;
                int o = i * d;
                int co = a * d;
                for (int j = 0; j < d; j++) {
                    sums[co + j] += x[o + j];
                }
            }
            for (int a = 0; a < k; a++) {
                if (sizes[a] == 0) {
                    // Re-seed an emptied cluster with the worst-served point, and take it from its cluster.
                    int far = 0;
                    for (int i = 1; i < n; i++) {
                        if (dist[i] > dist[far]) {
                            far = i;
                        }
                    }
                    int from = labels[far];
                    sizes[from]--;
                    for (int j = 0; j < d; j++) {
                        sums[from * d + j] -= x[far * d + j];
                        sums[a * d + j] = x[far * d + j];
                    }
                    sizes[a] = 1;
                    labels[far] = a;
                    dist[far] = 0;
                }
            }
            for (int a = 0; a < k; a++) {
                if (sizes[a] > 0) {
                    for (int j = 0; j < d; j++) {
                        c[a * d + j] = (float) (sums[a * d + j] / sizes[a]);
                    }
                }
            }
        }
        Arrays.fill(sizes, 0);
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            sizes[labels[i]]++;
            int o = i * d;
            int co = labels[i] * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[o + j] - c[co + j];
                s += diff * diff;
            }
            inertia += s;
        }
        return new Clustering(k, labels, new FloatTensor(new int[] {k, d}, c), sizes, inertia, it, converged);
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance. */
    private float[] seedPlusPlus(float[] x, int n, int d, SplittableRandom rnd) {
        float[] c = new float[k * d];
        int first = rnd.nextInt(n);
        System.arraycopy(x, first * d, c, 0, d);
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int a = 1; a <= k; a++) {
            int co = (a - 1) * d;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    double diff = x[o + j] - c[co + j];
                    s += diff * diff;
                }
                if (s < d2[i]) {
                    d2[i] = s;
                }
                total += d2[i];
            }
            if (a == k) {
                break;
            }
            int pick;
            if (total <= 0) {
                pick = rnd.nextInt(n); // all points coincide with a centre
            } else {
                double target = rnd.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (acc > target) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(x, pick * d, c, a * d, d);
        }
        return c;
    }

    /**
     * Runs k-means for every k in kMin…kMax and keeps the k with the highest mean silhouette
     * (the smaller k on a tie). Silhouettes use {@link Silhouette#of(FloatTensor, long)}: exact up to
     * {@value Silhouette#EXACT_LIMIT} points, a seeded sample beyond.
     *
     * @throws IllegalArgumentException unless 2 ≤ kMin ≤ kMax ≤ n − 1
     */
    public static ChosenK chooseK(FloatTensor points, int kMin, int kMax, long seed) {
        int n = points.rank() < 2 ? 0 : points.dim(0);
        if (kMin < 2 || kMax < kMin || kMax > n - 1) {
            throw new IllegalArgumentException("choosing k needs 2 ≤ kMin ≤ kMax ≤ n − 1 (n = " + n + "), got "
                    + kMin + "…" + kMax);
        }
        Silhouette sil = Silhouette.of(points, seed);
        double[] scores = new double[kMax - kMin + 1];
        Clustering best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = kMin; k <= kMax; k++) {
            Clustering c = new KMeans(k, seed).fit(points);
            double s = sil.score(c.labels(), k);
            scores[k - kMin] = s;
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return new ChosenK(best.k(), bestScore, kMin, scores, best);
    }

    /**
     * The outcome of {@link #chooseK}.
     *
     * @param k           the chosen number of clusters
     * @param silhouette  its mean silhouette, in [−1, 1]
     * @param kMin        the first k tried
     * @param silhouettes the mean silhouette of each k tried, index k − kMin
     * @param clustering  the clustering at the chosen k
     */
    public record ChosenK(int k, double silhouette, int kMin, double[] silhouettes, Clustering clustering) {}
}
