package org.modelworkbench.visualizers.filters;

import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Everything the filter-cluster view shows for one convolution layer, from its weight in one call:
 * the unit kernels, their DoG-family names and the layer's shape table (views-exact.md §5, a
 * workbench definition after Babaiee et al., ICLR 2024), a k-means clustering (k given or chosen by
 * silhouette), a 2-D PCA of the kernels, the mosaic data, and dead and duplicate flags.
 *
 * <p>Index spaces: {@code names}, {@code clustering.labels()}, {@code pca2d} rows, mosaic members and
 * duplicate pairs index the <em>analysed</em> kernels (norm ≥ 1e-8), position j being kernel
 * {@code kernels.analysedIndices()[j]} of {@link Kernels} (whose {@code origin} gives (out, in)).
 * Dead flags index all kernels ({@code kernels.deadIndices()}).
 *
 * @param kernels     the layer's kernels
 * @param names       one name per analysed kernel
 * @param shares      the layer's shape table
 * @param clustering  k-means of the analysed unit kernels
 * @param kMin        the first k tried when k was chosen
 * @param silhouettes silhouette per k tried (index k − kMin), empty when k was given
 * @param silhouette  mean silhouette of the clustering (NaN when fewer than 3 kernels or k = 1)
 * @param pca2d       the analysed unit kernels on their first two principal axes, (m, 2)
 * @param explained   variance ratio of those two axes
 * @param mosaic      kernels grouped by cluster with the cluster means
 * @param duplicates  duplicate pairs and groups among the analysed kernels
 */
public record FilterReport(Kernels kernels, List<KernelName> names, ShapeShares shares, Clustering clustering,
        int kMin, double[] silhouettes, double silhouette, FloatTensor pca2d, double[] explained, ClusterMosaic mosaic,
        Duplicates duplicates) {

    /**
     * The settings of a report.
     *
     * @param k          clusters; 0 chooses k in kMin…kMax by silhouette
     * @param kMin       smallest k tried (≥ 2)
     * @param kMax       largest k tried (capped at the number of kernels − 1)
     * @param seed       the seed of k-means and of the silhouette sample
     * @param tau        the naming threshold τ
     * @param deadRatio  dead below this fraction of the median norm
     * @param duplicateCos duplicates from this |cos|
     */
    public record Options(int k, int kMin, int kMax, long seed, double tau, double deadRatio, double duplicateCos) {
        /** k chosen in 2…10, seed 0, τ 0.85, dead ratio 0.01, duplicates at |cos| ≥ 0.995. */
        public static Options defaults() {
            return new Options(0, 2, 10, 0, KernelNaming.DEFAULT_TAU, Kernels.DEFAULT_DEAD_RATIO,
                    Duplicates.DEFAULT_MIN_ABS_COS);
        }

        public Options withK(int newK) {
            return new Options(newK, kMin, kMax, seed, tau, deadRatio, duplicateCos);
        }

        public Options withSeed(long newSeed) {
            return new Options(k, kMin, kMax, newSeed, tau, deadRatio, duplicateCos);
        }
    }

    /** The report of a conv weight (O, I/groups, k, k) with default options. */
    public static FilterReport of(FloatTensor weight) {
        return of(weight, Options.defaults());
    }

    /**
     * The report of a conv weight (O, I/groups, k, k).
     *
     * @throws IllegalArgumentException on a malformed weight or options, or fewer than 2 analysed kernels
     */
    public static FilterReport of(FloatTensor weight, Options o) {
        if (o.k() < 0 || o.kMin() < 2 || o.kMax() < o.kMin()) {
            throw new IllegalArgumentException("need k ≥ 0 (0: choose) and 2 ≤ kMin ≤ kMax, got k " + o.k() + ", "
                    + o.kMin() + "…" + o.kMax());
        }
        Kernels kernels = Kernels.of(weight, o.deadRatio());
        FloatTensor units = kernels.analysedUnits();
        int m = units.dim(0);
        if (m < 2) {
            throw new IllegalArgumentException("a filter report needs at least 2 non-zero kernels, the weight "
                    + java.util.Arrays.toString(weight.shape()) + " has " + m);
        }
        KernelNaming naming = new KernelNaming(kernels.kernelSize(), o.tau());
        List<KernelName> names = naming.nameAll(units);
        ShapeShares shares = ShapeShares.of(names);
        Clustering clustering;
        double[] silhouettes;
        double silhouette;
        int kMin = o.kMin();
        if (o.k() > 0) {
            if (o.k() > m) {
                throw new IllegalArgumentException(o.k() + " clusters for " + m + " non-zero kernels");
            }
            clustering = new KMeans(o.k(), o.seed()).fit(units);
            silhouettes = new double[0];
            silhouette = o.k() >= 2 && o.k() < m ? Silhouette.of(units, o.seed()).score(clustering.labels(), o.k())
                    : Double.NaN;
        } else if (m < 3) {
            clustering = new KMeans(1, o.seed()).fit(units);
            silhouettes = new double[0];
            silhouette = Double.NaN;
        } else {
            KMeans.ChosenK chosen = KMeans.chooseK(units, o.kMin() <= m - 1 ? o.kMin() : 2, Math.min(o.kMax(), m - 1),
                    o.seed());
            clustering = chosen.clustering();
            silhouettes = chosen.silhouettes();
            silhouette = chosen.silhouette();
            kMin = chosen.kMin();
        }
        FloatTensor flat = units.reshape(m, kernels.kernelSize() * kernels.kernelSize());
        Pca pca = Pca.fit(flat, Math.min(2, Math.min(m, flat.dim(1))));
        ClusterMosaic mosaic = ClusterMosaic.of(units, clustering.labels(), clustering.k(), naming);
        Duplicates duplicates = Duplicates.find(units, o.duplicateCos());
        return new FilterReport(kernels, names, shares, clustering, kMin, silhouettes, silhouette, pca.scores(),
                pca.explainedVarianceRatio(), mosaic, duplicates);
    }
}
