package org.modelworkbench.visualizers.filters;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Mean silhouette (Rousseeuw 1987) of labellings of a fixed point set, Euclidean distances:
 * {@code s(i) = (b − a)/max(a, b)} with a the mean distance to the other members of i's cluster and
 * b the smallest mean distance to another cluster; s(i) = 0 for a point alone in its cluster.
 *
 * <p>Up to {@value #EXACT_LIMIT} points the score is exact. Beyond, it is the silhouette of a
 * seeded uniform sample of {@value #EXACT_LIMIT} points computed among themselves (as
 * scikit-learn's {@code sample_size}), an estimate whose standard error is about 0.01 for
 * typical spreads. The pairwise distances of the (sampled) points are computed once, so scoring
 * many labellings (choosing k) costs O(m²) each.
 */
public final class Silhouette {
    public static final int EXACT_LIMIT = 2000;

    private final int m;
    private final int n;
    private final int[] sample;
    /** Packed upper triangle of the m×m distance matrix. */
    private final float[] dist;

    private Silhouette(int n, int[] sample, float[] dist) {
        this.n = n;
        this.m = sample.length;
        this.sample = sample;
        this.dist = dist;
    }

    /** Prepares scoring for the rows of {@code points} (n, …); the seed chooses the sample when n is large. */
    public static Silhouette of(FloatTensor points, long seed) {
        if (points.rank() < 2) {
            throw new IllegalArgumentException("silhouette takes points as (n, d), got " + Arrays.toString(points.shape()));
        }
        int n = points.dim(0);
        int d = n == 0 ? 0 : points.size() / n;
        int[] sample;
        if (n <= EXACT_LIMIT) {
            sample = java.util.stream.IntStream.range(0, n).toArray();
        } else {
            // Partial Fisher–Yates: a uniform sample without replacement, sorted for locality.
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < EXACT_LIMIT; i++) {
                int j = i + rnd.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            sample = Arrays.copyOf(all, EXACT_LIMIT);
            Arrays.sort(sample);
        }
        int m = sample.length;
        float[] x = points.values();
        float[] dist = new float[(int) ((long) m * (m - 1) / 2)];
        int p = 0;
        for (int a = 0; a < m; a++) {
            int oa = sample[a] * d;
            for (int b = a + 1; b < m; b++) {
                int ob = sample[b] * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[oa + j] - x[ob + j];
                    s += diff * diff;
                }
                dist[p++] = (float) Math.sqrt(s);
            }
        }
        return new Silhouette(n, sample, dist);
    }

    /** Exact (or sampled beyond {@value #EXACT_LIMIT} points) mean silhouette of one labelling. */
    public static double score(FloatTensor points, int[] labels, int k) {
        return of(points, 0).score(labels, k);
    }

    /** Whether the score is computed on a sample rather than all points. */
    public boolean sampled() {
        return m < n;
    }

    /**
     * The mean silhouette of {@code labels} (one per point of the prepared set, in 0…k−1).
     *
     * @throws IllegalArgumentException if a label is out of range, fewer than 2 clusters are used
     *                                  among the scored points, or the label count is wrong
     */
    public double score(int[] labels, int k) {
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " points");
        }
        int[] lab = new int[m];
        for (int a = 0; a < m; a++) {
            int l = labels[sample[a]];
            if (l < 0 || l >= k) {
                throw new IllegalArgumentException("label " + l + " of point " + sample[a] + " outside 0…" + (k - 1));
            }
            lab[a] = l;
        }
        int[] sizes = new int[k];
        for (int l : lab) {
            sizes[l]++;
        }
        if (Arrays.stream(sizes).filter(s -> s > 0).count() < 2) {
            throw new IllegalArgumentException("a silhouette needs at least 2 non-empty clusters");
        }
        // sums[a*k + c] = Σ distance from point a to the points of cluster c
        double[] sums = new double[m * k];
        int p = 0;
        for (int a = 0; a < m; a++) {
            int la = lab[a];
            for (int b = a + 1; b < m; b++) {
                double dd = dist[p++];
                sums[a * k + lab[b]] += dd;
                sums[b * k + la] += dd;
            }
        }
        double total = 0;
        for (int a = 0; a < m; a++) {
            int own = lab[a];
            if (sizes[own] <= 1) {
                continue; // s = 0
            }
            double in = sums[a * k + own] / (sizes[own] - 1);
            double out = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    out = Math.min(out, sums[a * k + c] / sizes[c]);
                }
            }
            double denom = Math.max(in, out);
            total += denom > 0 ? (out - in) / denom : 0;
        }
        return total / m;
    }
}
