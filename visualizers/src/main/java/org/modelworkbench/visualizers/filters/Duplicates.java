package org.modelworkbench.visualizers.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Duplicate kernels: pairs of unit kernels with {@code |cos| ≥ threshold} (default
 * {@value #DEFAULT_MIN_ABS_COS}; a negated copy counts as a duplicate, it carries the same shape),
 * and the groups these pairs join (connected components, so a chain of near-copies is one group).
 *
 * <p>Exact, without the all-pairs scan where the data allow: for unit vectors, |cos(u, v)| ≥ c
 * means ‖u − t·v‖ ≤ r = √(2(1−c)) for t = ±1, hence every projection differs by at most r. The
 * kernels are sorted by |projection| on the first principal axis and only pairs within r of each
 * other there, and within r on the next two axes (with a common sign t), get a full dot product.
 * Worst case (all kernels crowded in one spot) stays O(n²·d).
 *
 * @param pairs     the duplicate pairs, {@code a < b} (indices of the rows given), at most
 *                  {@value #MAX_LISTED_PAIRS} of them, ordered by a then b
 * @param pairCount all duplicate pairs found (may exceed the listed ones)
 * @param groups    each group of two or more mutually linked kernels, members ascending, groups by
 *                  first member
 */
public record Duplicates(List<Pair> pairs, long pairCount, List<List<Integer>> groups) {
    public static final double DEFAULT_MIN_ABS_COS = 0.995;
    /** Pairs listed at most (a layer of identical kernels has n²/2 pairs; the groups say it all). */
    public static final int MAX_LISTED_PAIRS = 100_000;
    private static final int AXES = 3;

    /** Two duplicate kernels and their cosine (negative for a negated copy). */
    public record Pair(int a, int b, double cos) {}

    public Duplicates {
        pairs = List.copyOf(pairs);
        groups = List.copyOf(groups);
    }

    /** Duplicates among the rows of {@code units} (n, k, k) or (n, d), each row of unit L2 norm. */
    public static Duplicates find(FloatTensor units) {
        return find(units, DEFAULT_MIN_ABS_COS);
    }

    /**
     * Duplicates among the rows of {@code units} (n, …), each row of unit L2 norm.
     *
     * @param minAbsCos the |cos| from which two kernels count as duplicates, in (0, 1]
     * @throws IllegalArgumentException if the threshold is outside (0, 1] or units has rank &lt; 2
     */
    public static Duplicates find(FloatTensor units, double minAbsCos) {
        if (!(minAbsCos > 0 && minAbsCos <= 1)) {
            throw new IllegalArgumentException("duplicate threshold |cos| must lie in (0, 1], got " + minAbsCos);
        }
        if (units.rank() < 2) {
            throw new IllegalArgumentException("expected unit kernels as (n, …), got " + Arrays.toString(units.shape()));
        }
        int n = units.dim(0);
        if (n < 2) {
            return new Duplicates(List.of(), 0, List.of());
        }
        int d = units.size() / n;
        float[] u = units.values();
        // Slack for float rounding of the unit vectors and projections.
        double r = Math.sqrt(2 * (1 - minAbsCos)) + 1e-5;
        int axes = Math.min(AXES, Math.min(d, n));
        double[] proj = project(units, n, d, axes);
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            key[i] = Math.abs(proj[i * axes]);
        }
        int[] order = IntStream.range(0, n).boxed().sorted((x, y) -> Double.compare(key[x], key[y]))
                .mapToInt(Integer::intValue).toArray();
        List<Pair> pairs = new ArrayList<>();
        long count = 0;
        int[] parent = IntStream.range(0, n).toArray();
        for (int a = 0; a < n; a++) {
            int i = order[a];
            for (int b = a + 1; b < n && key[order[b]] - key[i] <= r; b++) {
                int j = order[b];
                if (!nearOnAxes(proj, axes, i, j, r, 1) && !nearOnAxes(proj, axes, i, j, r, -1)) {
                    continue;
                }
                double dot = 0;
                int oi = i * d;
                int oj = j * d;
                for (int q = 0; q < d; q++) {
                    dot += u[oi + q] * u[oj + q];
                }
                if (Math.abs(dot) >= minAbsCos) {
                    count++;
                    if (pairs.size() < MAX_LISTED_PAIRS) {
                        pairs.add(new Pair(Math.min(i, j), Math.max(i, j), dot));
                    }
                    union(parent, i, j);
                }
            }
        }
        pairs.sort((p, q) -> p.a() != q.a() ? Integer.compare(p.a(), q.a()) : Integer.compare(p.b(), q.b()));
        Map<Integer, List<Integer>> byRoot = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            byRoot.computeIfAbsent(root, x -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> g : byRoot.values()) {
            if (g.size() > 1) {
                groups.add(List.copyOf(g));
            }
        }
        groups.sort((g, h) -> Integer.compare(g.get(0), h.get(0)));
        return new Duplicates(pairs, count, groups);
    }

    /** Whether this kernel (row index) is in some duplicate group. */
    public boolean isDuplicate(int index) {
        for (List<Integer> g : groups) {
            if (g.contains(index)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nearOnAxes(double[] proj, int axes, int i, int j, double r, int t) {
        for (int q = 0; q < axes; q++) {
            if (Math.abs(proj[i * axes + q] - t * proj[j * axes + q]) > r) {
                return false;
            }
        }
        return true;
    }

    /** Projections on the top principal axes; any unit axes would keep the search exact, these prune best. */
    private static double[] project(FloatTensor units, int n, int d, int axes) {
        Pca pca = Pca.fit(new FloatTensor(new int[] {n, d}, units.values()), axes);
        float[] u = units.values();
        double[] proj = new double[n * axes];
        for (int q = 0; q < axes; q++) {
            double[] c = pca.component(q);
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += u[i * d + j] * c[j];
                }
                proj[i * axes + q] = dot;
            }
        }
        return proj;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int i, int j) {
        int a = find(parent, i);
        int b = find(parent, j);
        if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
        }
    }
}
