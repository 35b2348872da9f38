package org.modelworkbench.visualizers.spectra;

/**
 * A plan for the forward 2-D complex DFT of an H×W row-major array,
 * {@code X[u,v] = Σ_{i,j} x[i,j]·exp(−2πi(ui/H + vj/W))} (unnormalised, numpy's {@code fft2}),
 * done as W-point transforms of every row, then H-point transforms of every column
 * ({@link Fft1d}, any size). Immutable and thread-safe; each thread brings its own
 * {@link #newWork() work buffers}.
 */
public final class Fft2d {
    private final int height;
    private final int width;
    private final Fft1d rows;
    private final Fft1d columns;

    public Fft2d(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("2-D FFT size must be positive, got " + height + "×" + width);
        }
        this.height = height;
        this.width = width;
        this.rows = new Fft1d(width);
        this.columns = height == width ? rows : new Fft1d(height);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Scratch for one thread: reuse it across calls to avoid allocation. */
    public Work newWork() {
        return new Work(rows.newWork(), columns.newWork());
    }

    /** Per-thread scratch buffers of a plan. */
    public static final class Work {
        private final double[][] rowWork;
        private final double[][] columnWork;

        private Work(double[][] rowWork, double[][] columnWork) {
            this.rowWork = rowWork;
            this.columnWork = columnWork;
        }
    }

    /** Forward transform of {@code re}/{@code im} (each H·W, row-major) in place. */
    public void transform(double[] re, double[] im) {
        transform(re, im, newWork());
    }

    /** Forward transform in place with caller-owned scratch. */
    public void transform(double[] re, double[] im, Work work) {
        int n = height * width;
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("2-D FFT of " + height + "×" + width + " given arrays of lengths "
                    + re.length + " and " + im.length);
        }
        for (int r = 0; r < height; r++) {
            rows.transform(re, im, r * width, 1, work.rowWork);
        }
        for (int c = 0; c < width; c++) {
            columns.transform(re, im, c, width, work.columnWork);
        }
    }

    /**
     * Inverse transform in place, {@code x = (1/HW)·Σ X·exp(+2πi…)}, done as the conjugate of the
     * forward transform of the conjugate.
     */
    public void inverse(double[] re, double[] im, Work work) {
        for (int k = 0; k < im.length; k++) {
            im[k] = -im[k];
        }
        transform(re, im, work);
        double scale = 1.0 / ((double) height * width);
        for (int k = 0; k < im.length; k++) {
            re[k] *= scale;
            im[k] = -im[k] * scale;
        }
    }

    /** Flat index of the frequency −(u, v) that mirrors flat index {@code k}. */
    int mirror(int k) {
        int u = k / width;
        int v = k % width;
        return ((height - u) % height) * width + (width - v) % width;
    }
}
