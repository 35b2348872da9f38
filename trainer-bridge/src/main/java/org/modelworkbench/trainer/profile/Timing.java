package org.modelworkbench.trainer.profile;

import java.util.Arrays;

/**
 * Repeated measurements of one duration: the median and the 10th and 90th percentiles (linear
 * interpolation between the sorted samples, as numpy's default), in milliseconds.
 */
public record Timing(double medianMs, double p10Ms, double p90Ms, int samples) {

    /** The summary of {@code ms} (at least one sample). */
    public static Timing of(double[] ms) {
        if (ms.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Timing(percentile(sorted, 0.5), percentile(sorted, 0.1), percentile(sorted, 0.9), sorted.length);
    }

    static double percentile(double[] sorted, double q) {
        double at = (sorted.length - 1) * q;
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }
}
