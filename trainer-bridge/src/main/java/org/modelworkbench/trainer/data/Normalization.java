package org.modelworkbench.trainer.data;

import java.util.Arrays;

/**
 * Per-channel normalisation of images in [0, 1]: x ↦ (x − mean[c]) / std[c]. Either computed from the
 * training split ({@link #of}: population mean and standard deviation over every pixel of each
 * channel) or the published constants ({@link #FASHION_MNIST}, {@link #CIFAR10}). Apply it after the
 * augmentations, as torchvision's ToTensor → RandomCrop → Normalize order does.
 */
public record Normalization(float[] mean, float[] std) {
    /** Fashion-MNIST's training-set mean and std. */
    public static final Normalization FASHION_MNIST = new Normalization(new float[] {0.2860f}, new float[] {0.3530f});
    /** CIFAR-10's training-set per-channel mean and std (R, G, B). */
    public static final Normalization CIFAR10 = new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f},
            new float[] {0.2470f, 0.2435f, 0.2616f});

    public Normalization {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("one mean and one std per channel: " + mean.length + " / " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
    }

    /** The per-channel mean and standard deviation of {@code train}'s pixels scaled to [0, 1]. */
    public static Normalization of(ImageDataset train) {
        int c = train.channels();
        int plane = train.height() * train.width();
        long[] sum = new long[c];
        long[] sumSq = new long[c];
        for (int i = 0; i < train.size(); i++) {
            byte[] px = train.pixels(i);
            for (int ch = 0; ch < c; ch++) {
                for (int k = ch * plane; k < (ch + 1) * plane; k++) {
                    int v = px[k] & 0xFF;
                    sum[ch] += v;
                    sumSq[ch] += v * v;
                }
            }
        }
        double n = (double) train.size() * plane;
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n;
            double var = Math.max(0, sumSq[ch] / n - m * m);
            mean[ch] = (float) (m / 255);
            std[ch] = (float) Math.max(Math.sqrt(var) / 255, 1e-6);
        }
        return new Normalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    /** Normalises one C×H×W image in place and returns it. */
    public float[] apply(float[] chw) {
        int plane = chw.length / mean.length;
        if (plane * mean.length != chw.length) {
            throw new IllegalArgumentException(chw.length + " values are not " + mean.length + " whole channels");
        }
        for (int ch = 0; ch < mean.length; ch++) {
            float m = mean[ch];
            float inv = 1f / std[ch];
            for (int k = ch * plane; k < (ch + 1) * plane; k++) {
                chw[k] = (chw[k] - m) * inv;
            }
        }
        return chw;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
