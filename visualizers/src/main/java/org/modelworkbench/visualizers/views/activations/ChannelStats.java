package org.modelworkbench.visualizers.views.activations;

import java.util.stream.IntStream;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Per-channel statistics of one image's layer output, over the positions of each channel.
 *
 * @param mean mean value
 * @param std  population standard deviation
 * @param max  largest value
 * @param dead share of values ≤ 0 (1 means the channel is dead on this image after a ReLU)
 */
record ChannelStats(double[] mean, double[] std, double[] max, double[] dead) {
    /** Statistics of (C, …): channel c's values are the c-th contiguous block. */
    static ChannelStats of(FloatTensor channels) {
        int c = channels.dim(0);
        int per = channels.size() / Math.max(1, c);
        float[] v = channels.values();
        double[] mean = new double[c];
        double[] std = new double[c];
        double[] max = new double[c];
        double[] dead = new double[c];
        for (int k = 0; k < c; k++) {
            double sum = 0;
            double hi = Double.NEGATIVE_INFINITY;
            int le = 0;
            for (int i = k * per; i < (k + 1) * per; i++) {
                sum += v[i];
                hi = Math.max(hi, v[i]);
                le += v[i] <= 0 ? 1 : 0;
            }
            double m = sum / per;
            double sq = 0;
            for (int i = k * per; i < (k + 1) * per; i++) {
                sq += (v[i] - m) * (v[i] - m);
            }
            mean[k] = m;
            std[k] = Math.sqrt(sq / per);
            max[k] = hi;
            dead[k] = (double) le / per;
        }
        return new ChannelStats(mean, std, max, dead);
    }

    /** Channel indices in index order, or by mean, largest first (ties by index). */
    int[] order(boolean strongestFirst) {
        IntStream all = IntStream.range(0, mean.length);
        if (!strongestFirst) {
            return all.toArray();
        }
        return all.boxed().sorted((a, b) -> {
            int byMean = Double.compare(mean[b], mean[a]);
            return byMean != 0 ? byMean : Integer.compare(a, b);
        }).mapToInt(Integer::intValue).toArray();
    }
}
