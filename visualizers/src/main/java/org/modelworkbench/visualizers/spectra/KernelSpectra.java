package org.modelworkbench.visualizers.spectra;

import java.util.Arrays;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The amplitude spectrum of convolution kernels: each k×k kernel of a weight tensor (…, kH, kW),
 * e.g. (C_out, C_in, k, k) or depthwise (C, 1, k, k), is zero-padded at its top-left to size×size,
 * transformed, and |FFT| is averaged over all kernels, then centred like {@link Spectrum} (roll by
 * (⌊size/2⌋, ⌊size/2⌋), DC at the centre). Padding only samples the kernel's continuous spectrum
 * more finely; the amplitude does not depend on where in the padded grid the kernel sits.
 * A workbench view (no reference code): a large-kernel or smooth filter bank shows a narrow
 * low-pass blob, an edge detector bank energy away from DC.
 */
public final class KernelSpectra {
    private KernelSpectra() {
    }

    /**
     * The mean amplitude spectrum, shape [size, size], DC at (⌊size/2⌋, ⌊size/2⌋).
     *
     * @param weights rank ≥ 2; the last two axes are the kernel
     * @param size    the padded transform size, at least the kernel's height and width
     */
    public static FloatTensor meanAmplitude(FloatTensor weights, int size) {
        if (weights.rank() < 2) {
            throw new IllegalArgumentException("kernel weights need at least two axes, got shape "
                    + Arrays.toString(weights.shape()));
        }
        int kh = weights.dim(-2);
        int kw = weights.dim(-1);
        if (size < kh || size < kw || size < 1) {
            throw new IllegalArgumentException("padded size " + size + " is smaller than the " + kh + "×" + kw + " kernel");
        }
        int kernels = kh * kw == 0 ? 0 : weights.size() / (kh * kw);
        if (kernels == 0) {
            throw new IllegalArgumentException("no kernels in weights of shape " + Arrays.toString(weights.shape()));
        }
        Fft2d fft = new Fft2d(size, size);
        Fft2d.Work work = fft.newWork();
        double[] re = new double[size * size];
        double[] im = new double[size * size];
        double[] sum = new double[size * size];
        float[] w = weights.values();
        for (int k = 0; k < kernels; k++) {
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            int base = k * kh * kw;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    re[r * size + c] = w[base + r * kw + c];
                }
            }
            fft.transform(re, im, work);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += Math.sqrt(re[i] * re[i] + im[i] * im[i]);
            }
        }
        float[] out = new float[size * size];
        int shift = size / 2;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                out[((r + shift) % size) * size + (c + shift) % size] = (float) (sum[r * size + c] / kernels);
            }
        }
        return FloatTensor.of(out, size, size);
    }
}
