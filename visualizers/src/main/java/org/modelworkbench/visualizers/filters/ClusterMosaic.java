package org.modelworkbench.visualizers.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * What the kernel mosaic draws, without drawing: the unit kernels grouped by cluster, largest
 * cluster first, each with its mean (in the normalised space, not re-normalised: a short mean means
 * a loose cluster) and its members from nearest to farthest from the mean.
 *
 * @param kernelSize k of the k×k kernels
 * @param groups     one per non-empty cluster, by decreasing size (ties: lower cluster label first)
 */
public record ClusterMosaic(int kernelSize, List<Group> groups) {
    /**
     * One cluster.
     *
     * @param cluster   its k-means label
     * @param mean      the mean of its unit kernels, (k, k)
     * @param meanName  the DoG-family name of the mean (the paper-like way of naming a cluster)
     * @param members   row indices of its kernels (in the tensor given), nearest to the mean first
     * @param distances Euclidean distance of each member to the mean, ascending
     */
    public record Group(int cluster, FloatTensor mean, KernelName meanName, int[] members, float[] distances) {}

    public ClusterMosaic {
        groups = List.copyOf(groups);
    }

    /**
     * Groups unit kernels (n, k, k) by {@code labels} (n labels in 0…clusters−1) and names each mean
     * with {@code naming}.
     *
     * @throws IllegalArgumentException on a wrong shape, label count or label value
     */
    public static ClusterMosaic of(FloatTensor units, int[] labels, int clusters, KernelNaming naming) {
        if (units.rank() != 3 || units.dim(1) != units.dim(2)) {
            throw new IllegalArgumentException("expected unit kernels (n, k, k), got " + Arrays.toString(units.shape()));
        }
        int n = units.dim(0);
        int k = units.dim(1);
        int d = k * k;
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " kernels");
        }
        if (naming.templates().kernelSize() != k) {
            throw new IllegalArgumentException("naming is for " + naming.templates().kernelSize() + "×"
                    + naming.templates().kernelSize() + " kernels, got " + k + "×" + k);
        }
        float[] u = units.values();
        double[] sums = new double[clusters * d];
        int[] sizes = new int[clusters];
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l < 0 || l >= clusters) {
                throw new IllegalArgumentException("label " + l + " of kernel " + i + " outside 0…" + (clusters - 1));
            }
            sizes[l]++;
            for (int j = 0; j < d; j++) {
                sums[l * d + j] += u[i * d + j];
            }
        }
        List<Group> groups = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            float[] mean = new float[d];
            for (int j = 0; j < d; j++) {
                mean[j] = (float) (sums[c * d + j] / sizes[c]);
            }
            int[] members = new int[sizes[c]];
            double[] dist = new double[sizes[c]];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = u[i * d + j] - mean[j];
                        s += diff * diff;
                    }
                    members[m] = i;
                    dist[m++] = Math.sqrt(s);
                }
            }
            Integer[] order = new Integer[members.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
            int[] sortedMembers = new int[members.length];
            float[] sortedDist = new float[members.length];
            for (int i = 0; i < order.length; i++) {
                sortedMembers[i] = members[order[i]];
                sortedDist[i] = (float) dist[order[i]];
            }
            FloatTensor meanT = new FloatTensor(new int[] {k, k}, mean);
            double norm = 0;
            for (float v : mean) {
                norm += v * v;
            }
            KernelName name = Math.sqrt(norm) >= KernelNaming.MIN_NORM ? naming.name(meanT) : null;
            groups.add(new Group(c, meanT, name, sortedMembers, sortedDist));
        }
        groups.sort((a, b) -> a.members().length != b.members().length
                ? Integer.compare(b.members().length, a.members().length) : Integer.compare(a.cluster(), b.cluster()));
        return new ClusterMosaic(k, groups);
    }
}
