package org.modelworkbench.visualizers.filters;

import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * A k-means result.
 *
 * @param k          number of clusters
 * @param labels     cluster of each point, 0…k−1 (array shared: read only)
 * @param centroids  the cluster means, (k, d), in the space of the points given
 * @param sizes      points per cluster (array shared: read only)
 * @param inertia    sum of squared Euclidean distances of points to their centroid
 * @param iterations Lloyd iterations of the kept run
 * @param converged  whether the kept run stopped because no label changed
 */
public record Clustering(int k, int[] labels, FloatTensor centroids, int[] sizes, double inertia, int iterations,
        boolean converged) {}
