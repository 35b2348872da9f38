package org.modelworkbench.visualizers.spectra;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Ideal low- and high-pass filtering of images (B, C, H, W), for the "accuracy on frequency-
 * filtered test images" check (Park &amp; Kim 2022 discuss ViTs as low-pass and CNNs as high-pass
 * filters). Each channel is transformed, multiplied by a 0/1 radial mask and transformed back;
 * the result is real because the mask is symmetric in ±(u, v).
 *
 * <p><b>Cut-off convention (workbench definition).</b> A bin (u, v) has signed frequencies
 * f_y = u'/(H/2), f_x = v'/(W/2) in units of Nyquist (u' = u for u ≤ H/2, else u − H), and radial
 * frequency ρ = √(f_y² + f_x²) / √2, i.e. as a fraction of the highest radial frequency the grid
 * holds (the corner, √2 × Nyquist). Low-pass keeps ρ ≤ cut-off, high-pass keeps ρ > cut-off, so
 * the two always sum to the image, low-pass at cut-off 1 is the identity and high-pass at any
 * cut-off ≥ 0 removes the mean (DC). A cut-off of 1/√2 ≈ 0.707 is the disc of radius Nyquist.
 */
public final class InputFilter {
    /** Which side of the cut-off is kept. */
    public enum Pass { LOW, HIGH }

    private InputFilter() {
    }

    /** Keeps frequencies with ρ ≤ cutoff (see the class comment), cut-off in 0…1. */
    public static FloatTensor lowPass(FloatTensor images, double cutoff) {
        return filter(images, cutoff, Pass.LOW);
    }

    /** Keeps frequencies with ρ > cutoff (see the class comment), cut-off in 0…1. */
    public static FloatTensor highPass(FloatTensor images, double cutoff) {
        return filter(images, cutoff, Pass.HIGH);
    }

    /** The filtered images, same shape as {@code images}. */
    public static FloatTensor filter(FloatTensor images, double cutoff, Pass pass) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("images must be (B, C, H, W), got shape " + Arrays.toString(images.shape()));
        }
        if (!(cutoff >= 0 && cutoff <= 1)) {
            throw new IllegalArgumentException("cut-off must be a fraction in 0…1, got " + cutoff);
        }
        int h = images.dim(2);
        int w = images.dim(3);
        int area = h * w;
        int planes = images.dim(0) * images.dim(1);
        boolean[] keep = mask(h, w, cutoff, pass);
        Fft2d fft = new Fft2d(Math.max(h, 1), Math.max(w, 1));
        float[] in = images.values();
        float[] out = new float[in.length];
        if (area == 0) {
            return FloatTensor.of(out, images.shape());
        }
        int pairs = (planes + 1) / 2;
        // Two real planes per complex transform: the symmetric mask keeps them separable.
        IntStream.range(0, pairs).parallel().forEach(new java.util.function.IntConsumer() {
            private final ThreadLocal<double[][]> buffers = ThreadLocal.withInitial(() -> new double[][] {
                new double[area], new double[area]});
            private final ThreadLocal<Fft2d.Work> works = ThreadLocal.withInitial(fft::newWork);

            @Override
            public void accept(int pair) {
                double[] re = buffers.get()[0];
                double[] im = buffers.get()[1];
                int a = 2 * pair * area;
                boolean two = 2 * pair + 1 < planes;
                for (int k = 0; k < area; k++) {
                    re[k] = in[a + k];
                    im[k] = two ? in[a + area + k] : 0;
                }
                Fft2d.Work work = works.get();
                fft.transform(re, im, work);
                for (int k = 0; k < area; k++) {
                    if (!keep[k]) {
                        re[k] = 0;
                        im[k] = 0;
                    }
                }
                fft.inverse(re, im, work);
                for (int k = 0; k < area; k++) {
                    out[a + k] = (float) re[k];
                    if (two) {
                        out[a + area + k] = (float) im[k];
                    }
                }
            }
        });
        return FloatTensor.of(out, images.shape());
    }

    /** The 0/1 mask over unshifted bins (u, v), row-major. */
    static boolean[] mask(int h, int w, double cutoff, Pass pass) {
        boolean[] keep = new boolean[h * w];
        double limit = cutoff * cutoff + 1e-12;
        for (int u = 0; u < h; u++) {
            double fy = (u <= h / 2 ? u : u - h) / (h / 2.0);
            for (int v = 0; v < w; v++) {
                double fx = (v <= w / 2 ? v : v - w) / (w / 2.0);
                boolean low = (fy * fy + fx * fx) / 2 <= limit;
                keep[u * w + v] = pass == Pass.LOW ? low : !low;
            }
        }
        return keep;
    }
}
