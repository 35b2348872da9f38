package org.modelworkbench.visualizers.spectra;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * Fourier analysis of feature maps, views-exact.md §6 (Park &amp; Kim, "How Do Vision Transformers
 * Work?", ICLR 2022, Figs. 2a and 8; ref. xxxnell/how-do-vits-work {@code fourier_analysis.ipynb}):
 * per (image, channel) map {@code ln(|FFT2(x)| + 1e-6)}, averaged over batch and channels (log
 * first), centred by rolling — see {@link Spectrum} for the curves read from it.
 *
 * <p>Inputs: feature maps (B, C, H, W), or tokens (B, N, C) whose leading {@code prefixTokens}
 * (CLS, distillation) are dropped and the remaining N' = g² reshaped row-major to a g×g grid
 * (token prefix + g·r + c ↔ cell (r, c)). Batches can be streamed through an {@link Accumulator}.
 *
 * <p>Speed: maps are real, so two are packed into one complex FFT (x + iy) and separated by
 * Hermitian symmetry; the log amplitude of a real map is symmetric in ±(u, v), so only half the
 * bins are evaluated, and the two maps share one log (ln a + ln b = ln ab). Pairs of maps run in a
 * parallel stream, each worker with its own buffers and partial sums. The FFT is double precision:
 * float32 rounding of the inputs already puts ~1e-7 per value into bins that should be empty,
 * which is close to the 1e-6 epsilon, so planted tests that need exact empty bins pass double
 * input ({@link Accumulator#addPlanes(double[], int)}).
 */
public final class FourierAnalysis {
    /** The amplitude epsilon inside the log, as in the reference. */
    public static final double EPSILON = 1e-6;

    private FourierAnalysis() {
    }

    /** The spectrum of feature maps (B, C, H, W). */
    public static Spectrum ofFeatureMaps(FloatTensor maps) {
        checkMaps(maps);
        Accumulator acc = new Accumulator(maps.dim(2), maps.dim(3));
        acc.addFeatureMaps(maps);
        return acc.result();
    }

    /** The spectrum of tokens (B, N, C): the first {@code prefixTokens} dropped, the rest a g×g grid. */
    public static Spectrum ofTokens(FloatTensor tokens, int prefixTokens) {
        int g = gridSide(tokens, prefixTokens);
        Accumulator acc = new Accumulator(g, g);
        acc.addTokens(tokens, prefixTokens);
        return acc.result();
    }

    /** The spectrum of {@code count} row-major H×W maps stored one after another, in double precision. */
    public static Spectrum ofPlanes(double[] planes, int count, int height, int width) {
        Accumulator acc = new Accumulator(height, width);
        acc.addPlanes(planes, count);
        return acc.result();
    }

    /**
     * Sums ln(|FFT2| + ε) over every map added, for one H×W size. Not thread-safe itself (it
     * parallelises each add internally).
     */
    public static final class Accumulator {
        private final Fft2d fft;
        private final int height;
        private final int width;
        /** Flat indices k with k ≤ mirror(k); mirrors[i] is the partner of canonical[i]. */
        private final int[] canonical;
        private final int[] mirrors;
        /** Sums over maps of the log amplitude at each canonical bin. */
        private final double[] sum;
        private long planes;

        public Accumulator(int height, int width) {
            this.fft = new Fft2d(height, width);
            this.height = height;
            this.width = width;
            int n = height * width;
            int[] can = new int[n];
            int[] mir = new int[n];
            int count = 0;
            for (int k = 0; k < n; k++) {
                int m = fft.mirror(k);
                if (k <= m) {
                    can[count] = k;
                    mir[count] = m;
                    count++;
                }
            }
            canonical = Arrays.copyOf(can, count);
            mirrors = Arrays.copyOf(mir, count);
            sum = new double[count];
        }

        /** Maps (B, C, H, W) with this accumulator's H and W. */
        public Accumulator addFeatureMaps(FloatTensor maps) {
            checkMaps(maps);
            if (maps.dim(2) != height || maps.dim(3) != width) {
                throw new IllegalArgumentException("feature maps " + Arrays.toString(maps.shape()) + " are not "
                        + height + "×" + width);
            }
            float[] v = maps.values();
            int area = height * width;
            add(maps.dim(0) * maps.dim(1), (plane, target) -> {
                int base = plane * area;
                for (int k = 0; k < area; k++) {
                    target[k] = v[base + k];
                }
            });
            return this;
        }

        /** Tokens (B, N, C): prefix tokens dropped, the rest this accumulator's g×g grid. */
        public Accumulator addTokens(FloatTensor tokens, int prefixTokens) {
            int g = gridSide(tokens, prefixTokens);
            if (g != height || g != width) {
                throw new IllegalArgumentException("tokens " + Arrays.toString(tokens.shape()) + " with " + prefixTokens
                        + " prefix tokens make a " + g + "×" + g + " grid, not " + height + "×" + width);
            }
            int n = tokens.dim(1);
            int c = tokens.dim(2);
            float[] v = tokens.values();
            int area = g * g;
            add(tokens.dim(0) * c, (plane, target) -> {
                int b = plane / c;
                int ch = plane % c;
                int base = (b * n + prefixTokens) * c + ch;
                for (int k = 0; k < area; k++) {
                    target[k] = v[base + k * c];
                }
            });
            return this;
        }

        /** {@code count} row-major H×W maps, one after another, in double precision. */
        public Accumulator addPlanes(double[] values, int count) {
            int area = height * width;
            if (count < 0 || (long) count * area != values.length) {
                throw new IllegalArgumentException(count + " maps of " + height + "×" + width + " need "
                        + (long) count * area + " values, got " + values.length);
            }
            add(count, (plane, target) -> System.arraycopy(values, plane * area, target, 0, area));
            return this;
        }

        /** How many maps have been added. */
        public long planes() {
            return planes;
        }

        /** The mean centred log-amplitude so far. */
        public Spectrum result() {
            if (planes == 0) {
                throw new IllegalArgumentException("no feature maps were added to the Fourier analysis");
            }
            double[] full = new double[height * width];
            for (int i = 0; i < canonical.length; i++) {
                double mean = sum[i] / planes;
                full[canonical[i]] = mean;
                full[mirrors[i]] = mean;
            }
            double[] centred = new double[full.length];
            int sy = height / 2;
            int sx = width / 2;
            for (int r = 0; r < height; r++) {
                int rr = (r + sy) % height;
                for (int c = 0; c < width; c++) {
                    centred[rr * width + (c + sx) % width] = full[r * width + c];
                }
            }
            return new Spectrum(height, width, planes, centred);
        }

        private void add(int count, PlaneSource source) {
            if (count == 0) {
                return;
            }
            int pairs = (count + 1) / 2;
            int workers = Math.max(1, Math.min(pairs, 4 * Runtime.getRuntime().availableProcessors()));
            double[][] partial = new double[workers][];
            IntStream.range(0, workers).parallel().forEach(w -> {
                int from = (int) ((long) pairs * w / workers);
                int to = (int) ((long) pairs * (w + 1) / workers);
                partial[w] = accumulatePairs(count, from, to, source);
            });
            for (double[] p : partial) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += p[i];
                }
            }
            planes += count;
        }

        private double[] accumulatePairs(int count, int fromPair, int toPair, PlaneSource source) {
            int area = height * width;
            double[] re = new double[area];
            double[] im = new double[area];
            double[] local = new double[canonical.length];
            Fft2d.Work work = fft.newWork();
            for (int pair = fromPair; pair < toPair; pair++) {
                int first = 2 * pair;
                boolean two = first + 1 < count;
                source.load(first, re);
                if (two) {
                    source.load(first + 1, im);
                } else {
                    Arrays.fill(im, 0);
                }
                fft.transform(re, im, work);
                for (int i = 0; i < canonical.length; i++) {
                    int k = canonical[i];
                    int m = mirrors[i];
                    double zkr = re[k];
                    double zki = im[k];
                    double zmr = re[m];
                    double zmi = im[m];
                    // X = (Z_k + conj Z_−k)/2 is the first map's bin, Y = (Z_k − conj Z_−k)/2i the second's.
                    double xr = zkr + zmr;
                    double xi = zki - zmi;
                    double ax = 0.5 * Math.sqrt(xr * xr + xi * xi) + EPSILON;
                    if (two) {
                        double yr = zki + zmi;
                        double yi = zkr - zmr;
                        double ay = 0.5 * Math.sqrt(yr * yr + yi * yi) + EPSILON;
                        local[i] += Math.log(ax * ay);
                    } else {
                        local[i] += Math.log(ax);
                    }
                }
            }
            return local;
        }
    }

    /** Copies map number {@code plane} into {@code target} (H·W, row-major). */
    @FunctionalInterface
    private interface PlaneSource {
        void load(int plane, double[] target);
    }

    private static void checkMaps(FloatTensor maps) {
        if (maps.rank() != 4) {
            throw new IllegalArgumentException("feature maps must be (B, C, H, W), got shape "
                    + Arrays.toString(maps.shape()));
        }
        if (maps.dim(2) < 1 || maps.dim(3) < 1) {
            throw new IllegalArgumentException("feature maps have an empty spatial size: " + Arrays.toString(maps.shape()));
        }
    }

    static int gridSide(FloatTensor tokens, int prefixTokens) {
        if (tokens.rank() != 3) {
            throw new IllegalArgumentException("tokens must be (B, N, C), got shape " + Arrays.toString(tokens.shape()));
        }
        int spatial = tokens.dim(1) - prefixTokens;
        if (prefixTokens < 0 || spatial < 1) {
            throw new IllegalArgumentException(prefixTokens + " prefix tokens leave no spatial tokens in shape "
                    + Arrays.toString(tokens.shape()));
        }
        int g = (int) Math.round(Math.sqrt(spatial));
        if (g * g != spatial) {
            throw new IllegalArgumentException(spatial + " tokens after dropping " + prefixTokens
                    + " prefix tokens do not make a square grid (shape " + Arrays.toString(tokens.shape()) + ")");
        }
        return g;
    }
}
