package org.modelworkbench.visualizers.spectra;

import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The Fourier picture of one layer (views-exact.md §6, Park &amp; Kim 2022, Figs. 2a and 8): the
 * centred mean log-amplitude image and the curves read from it. Amplitudes are natural logs of
 * |FFT| + 1e-6, averaged over batch and channels <em>after</em> the log; the image is centred by
 * rolling (⌊H/2⌋, ⌊W/2⌋), so DC sits at row ⌊H/2⌋, column ⌊W/2⌋.
 */
public final class Spectrum {
    private final int height;
    private final int width;
    private final long planes;
    private final double[] centred;

    Spectrum(int height, int width, long planes, double[] centred) {
        this.height = height;
        this.width = width;
        this.planes = planes;
        this.centred = centred;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** How many (image, channel) maps were averaged. */
    public long planes() {
        return planes;
    }

    /** The centred mean of ln(|FFT2| + 1e-6), shape [H, W], DC at (⌊H/2⌋, ⌊W/2⌋). */
    public FloatTensor meanLogAmplitude() {
        float[] v = new float[centred.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) centred[k];
        }
        return FloatTensor.of(v, height, width);
    }

    /** One value of the centred mean log amplitude, in double precision. */
    public double meanLogAmplitude(int row, int column) {
        if (row < 0 || row >= height || column < 0 || column >= width) {
            throw new IllegalArgumentException("cell (" + row + ", " + column + ") outside " + height + "×" + width);
        }
        return centred[row * width + column];
    }

    /**
     * The half-diagonal Δ log amplitude: the centred image at (⌊H/2⌋+k, ⌊W/2⌋+k) minus its DC value,
     * k = 0 … ⌈H/2⌉−1, i.e. the frequencies (k, k). For square maps this is exactly the reference's
     * {@code diag()[H//2:] − diag()[H//2]}; for non-square maps it stays on the centred diagonal and
     * has min(⌈H/2⌉, ⌈W/2⌉) points. For even H it never reaches Nyquist (π).
     */
    public FloatTensor deltaLogAmplitude() {
        double[] d = deltaValues();
        float[] v = new float[d.length];
        for (int k = 0; k < d.length; k++) {
            v[k] = (float) d[k];
        }
        return FloatTensor.of(v, v.length);
    }

    /** The x-axis of {@link #deltaLogAmplitude()}: linspace(0, 1, points)·π, in radians per pixel. */
    public FloatTensor frequencyAxis() {
        int n = diagonalLength();
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = n == 1 ? 0f : (float) (Math.PI * k / (n - 1));
        }
        return FloatTensor.of(v, n);
    }

    /** The Fig. 8 "high-frequency" scalar: the last element of the Δ log amplitude. */
    public double highFrequency() {
        double[] d = deltaValues();
        return d[d.length - 1];
    }

    /**
     * Workbench extension, not in the reference: the azimuthal mean of the centred image over the
     * integer radius r = round(√(dy² + dx²)) from DC, minus the r = 0 value; index = r.
     */
    public FloatTensor radialProfile() {
        int cy = height / 2;
        int cx = width / 2;
        int maxR = (int) Math.round(Math.sqrt((double) Math.max(cy, height - 1 - cy) * Math.max(cy, height - 1 - cy)
                + (double) Math.max(cx, width - 1 - cx) * Math.max(cx, width - 1 - cx)));
        double[] sum = new double[maxR + 1];
        int[] count = new int[maxR + 1];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int dy = r - cy;
                int dx = c - cx;
                int radius = (int) Math.round(Math.sqrt((double) dy * dy + (double) dx * dx));
                sum[radius] += centred[r * width + c];
                count[radius]++;
            }
        }
        double dc = sum[0] / count[0];
        float[] v = new float[maxR + 1];
        for (int r = 0; r <= maxR; r++) {
            // Every radius up to the farthest corner is hit on an integer grid (the axes give each one).
            v[r] = count[r] == 0 ? Float.NaN : (float) (sum[r] / count[r] - dc);
        }
        return FloatTensor.of(v, v.length);
    }

    private int diagonalLength() {
        return Math.min(height - height / 2, width - width / 2);
    }

    private double[] deltaValues() {
        int n = diagonalLength();
        double[] d = new double[n];
        double dc = centred[(height / 2) * width + width / 2];
        for (int k = 0; k < n; k++) {
            d[k] = centred[(height / 2 + k) * width + width / 2 + k] - dc;
        }
        return d;
    }
}
