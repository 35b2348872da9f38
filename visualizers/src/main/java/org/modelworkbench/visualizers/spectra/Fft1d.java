package org.modelworkbench.visualizers.spectra;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan for the forward complex discrete Fourier transform of one length,
 * {@code X[k] = Σ_j x[j]·exp(−2πi·jk/n)} (unnormalised, numpy's sign convention).
 *
 * <p>Lengths whose prime factors are all small (the feature maps are 7·2^k wide: 7, 14, …, 224)
 * run a mixed-radix decimation-in-time Cooley–Tukey transform: a precomputed digit-reversal
 * gather, then one in-place pass per factor with radix-4, radix-2 and generic odd-radix
 * butterflies (the odd one pairs {@code q} with {@code p−q} to halve the multiplications), each
 * pass with its own contiguous twiddle table. Lengths with a prime factor above
 * {@link #MAX_DIRECT_RADIX} use Bluestein's chirp-z algorithm over a power-of-two plan, so every
 * length costs O(n log n).
 *
 * <p>A plan is immutable and shareable across threads; the work buffers are the caller's (see
 * {@link #newWork()}), so each thread brings its own.
 */
public final class Fft1d {
    /** The largest prime factor done by a direct butterfly; larger ones go through Bluestein. */
    public static final int MAX_DIRECT_RADIX = 31;

    private final int n;
    /** Position in the digit-reversed array ← input index. */
    private final int[] gather;
    private final int[] radices;
    /** Per pass: twiddles W_L^{q·k} for k < m, q = 1..p−1, stored at (k·(p−1) + q−1)·2 (re, im). */
    private final double[][] twiddles;
    /** Per pass with an odd radix: cos and sin of 2π·q·r/p, q, r = 1..(p−1)/2. */
    private final double[][] oddCos;
    private final double[][] oddSin;
    private final Bluestein bluestein;

    public Fft1d(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        this.n = n;
        List<Integer> factors = factor(n);
        if (!factors.isEmpty() && factors.stream().mapToInt(Integer::intValue).max().getAsInt() > MAX_DIRECT_RADIX) {
            bluestein = new Bluestein(n);
            gather = null;
            radices = null;
            twiddles = null;
            oddCos = null;
            oddSin = null;
            return;
        }
        bluestein = null;
        radices = factors.stream().mapToInt(Integer::intValue).toArray();
        gather = digitReversal(n, radices);
        int passes = radices.length;
        twiddles = new double[passes][];
        oddCos = new double[passes][];
        oddSin = new double[passes][];
        // Passes run from the innermost factor (last) to the outermost (first).
        int m = 1;
        for (int s = passes - 1; s >= 0; s--) {
            int p = radices[s];
            int len = p * m;
            double[] tw = new double[2 * m * (p - 1)];
            for (int k = 0; k < m; k++) {
                for (int q = 1; q < p; q++) {
                    double angle = -2 * Math.PI * ((long) q * k % len) / len;
                    int at = 2 * (k * (p - 1) + q - 1);
                    tw[at] = Math.cos(angle);
                    tw[at + 1] = Math.sin(angle);
                }
            }
            twiddles[s] = tw;
            if (p != 2 && p != 4) {
                int h = (p - 1) / 2;
                double[] c = new double[h * h];
                double[] si = new double[h * h];
                for (int q = 1; q <= h; q++) {
                    for (int r = 1; r <= h; r++) {
                        double angle = 2 * Math.PI * ((long) q * r % p) / p;
                        c[(q - 1) * h + r - 1] = Math.cos(angle);
                        si[(q - 1) * h + r - 1] = Math.sin(angle);
                    }
                }
                oddCos[s] = c;
                oddSin[s] = si;
            }
            m = len;
        }
    }

    public int length() {
        return n;
    }

    /** Work buffers big enough for {@link #transform}: one per thread. */
    public double[][] newWork() {
        if (bluestein != null) {
            int m = bluestein.big;
            return new double[][] {new double[m], new double[m], new double[m], new double[m]};
        }
        return new double[][] {new double[n], new double[n]};
    }

    /** Transforms the whole of {@code re}/{@code im} (length n) in place. */
    public void transform(double[] re, double[] im) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("FFT of length " + n + " given arrays of lengths " + re.length + " and "
                    + im.length);
        }
        transform(re, im, 0, 1, newWork());
    }

    /**
     * Transforms the n values at {@code offset, offset + stride, …} of {@code re}/{@code im} in
     * place, using {@code work} from {@link #newWork()}.
     */
    public void transform(double[] re, double[] im, int offset, int stride, double[][] work) {
        if (bluestein != null) {
            bluestein.transform(re, im, offset, stride, work);
            return;
        }
        double[] wr = work[0];
        double[] wi = work[1];
        for (int pos = 0; pos < n; pos++) {
            int src = offset + gather[pos] * stride;
            wr[pos] = re[src];
            wi[pos] = im[src];
        }
        runPasses(wr, wi);
        for (int k = 0, dst = offset; k < n; k++, dst += stride) {
            re[dst] = wr[k];
            im[dst] = wi[k];
        }
    }

    /** The butterflies on the digit-reversed array, innermost factor first. */
    private void runPasses(double[] xr, double[] xi) {
        int m = 1;
        for (int s = radices.length - 1; s >= 0; s--) {
            int p = radices[s];
            switch (p) {
                case 2 -> radix2(xr, xi, m, twiddles[s]);
                case 4 -> radix4(xr, xi, m, twiddles[s]);
                default -> radixOdd(xr, xi, m, p, twiddles[s], oddCos[s], oddSin[s]);
            }
            m *= p;
        }
    }

    private void radix2(double[] xr, double[] xi, int m, double[] tw) {
        int len = 2 * m;
        for (int g = 0; g < n; g += len) {
            for (int k = 0; k < m; k++) {
                int a = g + k;
                int b = a + m;
                double cr = tw[2 * k];
                double ci = tw[2 * k + 1];
                double br = xr[b] * cr - xi[b] * ci;
                double bi = xr[b] * ci + xi[b] * cr;
                double ar = xr[a];
                double ai = xi[a];
                xr[a] = ar + br;
                xi[a] = ai + bi;
                xr[b] = ar - br;
                xi[b] = ai - bi;
            }
        }
    }

    private void radix4(double[] xr, double[] xi, int m, double[] tw) {
        int len = 4 * m;
        for (int g = 0; g < n; g += len) {
            for (int k = 0; k < m; k++) {
                int i0 = g + k;
                int i1 = i0 + m;
                int i2 = i1 + m;
                int i3 = i2 + m;
                int t = 6 * k;
                double a0r = xr[i0];
                double a0i = xi[i0];
                double a1r = xr[i1] * tw[t] - xi[i1] * tw[t + 1];
                double a1i = xr[i1] * tw[t + 1] + xi[i1] * tw[t];
                double a2r = xr[i2] * tw[t + 2] - xi[i2] * tw[t + 3];
                double a2i = xr[i2] * tw[t + 3] + xi[i2] * tw[t + 2];
                double a3r = xr[i3] * tw[t + 4] - xi[i3] * tw[t + 5];
                double a3i = xr[i3] * tw[t + 5] + xi[i3] * tw[t + 4];
                double s02r = a0r + a2r;
                double s02i = a0i + a2i;
                double d02r = a0r - a2r;
                double d02i = a0i - a2i;
                double s13r = a1r + a3r;
                double s13i = a1i + a3i;
                // −i·(a1 − a3)
                double d13r = a1i - a3i;
                double d13i = a3r - a1r;
                xr[i0] = s02r + s13r;
                xi[i0] = s02i + s13i;
                xr[i1] = d02r + d13r;
                xi[i1] = d02i + d13i;
                xr[i2] = s02r - s13r;
                xi[i2] = s02i - s13i;
                xr[i3] = d02r - d13r;
                xi[i3] = d02i - d13i;
            }
        }
    }

    /**
     * Odd radix p: out[r] = Σ_q a_q·W_p^{qr} with the pairs (q, p−q) folded into sums s_q and
     * differences d_q, so out[r] = a_0 + Σ s_q cos θ − i Σ d_q sin θ and out[p−r] its mirror.
     */
    private void radixOdd(double[] xr, double[] xi, int m, int p, double[] tw, double[] cos, double[] sin) {
        int len = p * m;
        int h = (p - 1) / 2;
        double[] ar = new double[p];
        double[] ai = new double[p];
        double[] sr = new double[h];
        double[] si = new double[h];
        double[] dr = new double[h];
        double[] di = new double[h];
        for (int g = 0; g < n; g += len) {
            for (int k = 0; k < m; k++) {
                int base = g + k;
                ar[0] = xr[base];
                ai[0] = xi[base];
                int t = 2 * k * (p - 1);
                for (int q = 1; q < p; q++) {
                    int idx = base + q * m;
                    double c = tw[t];
                    double s = tw[t + 1];
                    t += 2;
                    ar[q] = xr[idx] * c - xi[idx] * s;
                    ai[q] = xr[idx] * s + xi[idx] * c;
                }
                double sumR = ar[0];
                double sumI = ai[0];
                for (int q = 1; q <= h; q++) {
                    sr[q - 1] = ar[q] + ar[p - q];
                    si[q - 1] = ai[q] + ai[p - q];
                    dr[q - 1] = ar[q] - ar[p - q];
                    di[q - 1] = ai[q] - ai[p - q];
                    sumR += sr[q - 1];
                    sumI += si[q - 1];
                }
                xr[base] = sumR;
                xi[base] = sumI;
                for (int r = 1; r <= h; r++) {
                    double aR = ar[0];
                    double aI = ai[0];
                    double bR = 0;
                    double bI = 0;
                    for (int q = 1; q <= h; q++) {
                        double c = cos[(q - 1) * h + r - 1];
                        double s = sin[(q - 1) * h + r - 1];
                        aR += sr[q - 1] * c;
                        aI += si[q - 1] * c;
                        bR += dr[q - 1] * s;
                        bI += di[q - 1] * s;
                    }
                    // −i·B = (B.im, −B.re)
                    xr[base + r * m] = aR + bI;
                    xi[base + r * m] = aI - bR;
                    xr[base + (p - r) * m] = aR - bI;
                    xi[base + (p - r) * m] = aI + bR;
                }
            }
        }
    }

    /** Factors of n, outermost first: 4s, then a 2, then odd primes ascending. */
    static List<Integer> factor(int n) {
        List<Integer> f = new ArrayList<>();
        int rest = n;
        while (rest % 4 == 0) {
            f.add(4);
            rest /= 4;
        }
        if (rest % 2 == 0) {
            f.add(2);
            rest /= 2;
        }
        for (int p = 3; (long) p * p <= rest; p += 2) {
            while (rest % p == 0) {
                f.add(p);
                rest /= p;
            }
        }
        if (rest > 1) {
            f.add(rest);
        }
        return f;
    }

    /**
     * Decimation in time: the outermost factor p₁ splits x into p₁ interleaved subsequences placed
     * in consecutive blocks, recursively; position Σ q_s·(n/(p₁…p_s)) holds x[q₁ + p₁·q₂ + p₁p₂·q₃ …].
     */
    private static int[] digitReversal(int n, int[] radices) {
        int[] map = new int[n];
        int[] digits = new int[radices.length];
        for (int count = 0; count < n; count++) {
            int pos = 0;
            int block = n;
            int src = 0;
            int stride = 1;
            for (int s = 0; s < radices.length; s++) {
                block /= radices[s];
                pos += digits[s] * block;
                src += digits[s] * stride;
                stride *= radices[s];
            }
            map[pos] = src;
            for (int s = radices.length - 1; s >= 0; s--) {
                if (++digits[s] < radices[s]) {
                    break;
                }
                digits[s] = 0;
            }
        }
        return map;
    }

    /**
     * Bluestein: X[k] = conj(c_k)·Σ_j (x_j·conj(c_j))·c_{k−j} with the chirp c_j = exp(iπj²/n),
     * the convolution done circularly at a power-of-two length M ≥ 2n−1.
     */
    private static final class Bluestein {
        private final int n;
        private final int big;
        private final Fft1d inner;
        private final double[] chirpRe;
        private final double[] chirpIm;
        /** FFT of the circular chirp filter, scaled by 1/M for the inverse done as a conjugated forward. */
        private final double[] filterRe;
        private final double[] filterIm;

        Bluestein(int n) {
            this.n = n;
            int m = 1;
            while (m < 2 * n - 1) {
                m <<= 1;
            }
            big = m;
            inner = new Fft1d(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int j = 0; j < n; j++) {
                // j² mod 2n keeps the angle exact for large j.
                double angle = Math.PI * ((long) j * j % (2L * n)) / n;
                chirpRe[j] = Math.cos(angle);
                chirpIm[j] = Math.sin(angle);
            }
            filterRe = new double[m];
            filterIm = new double[m];
            for (int j = 0; j < n; j++) {
                filterRe[j] = chirpRe[j];
                filterIm[j] = chirpIm[j];
                if (j > 0) {
                    filterRe[m - j] = chirpRe[j];
                    filterIm[m - j] = chirpIm[j];
                }
            }
            inner.transform(filterRe, filterIm);
        }

        void transform(double[] re, double[] im, int offset, int stride, double[][] work) {
            double[] ar = work[0];
            double[] ai = work[1];
            java.util.Arrays.fill(ar, 0, big, 0);
            java.util.Arrays.fill(ai, 0, big, 0);
            for (int j = 0, src = offset; j < n; j++, src += stride) {
                // x_j · conj(c_j)
                double xr = re[src];
                double xi = im[src];
                ar[j] = xr * chirpRe[j] + xi * chirpIm[j];
                ai[j] = xi * chirpRe[j] - xr * chirpIm[j];
            }
            double[][] innerWork = {work[2], work[3]};
            inner.transform(ar, ai, 0, 1, innerWork);
            double scale = 1.0 / big;
            for (int k = 0; k < big; k++) {
                double pr = ar[k] * filterRe[k] - ai[k] * filterIm[k];
                double pi = ar[k] * filterIm[k] + ai[k] * filterRe[k];
                // Inverse FFT as conj(FFT(conj(·)))/M.
                ar[k] = pr * scale;
                ai[k] = -pi * scale;
            }
            inner.transform(ar, ai, 0, 1, innerWork);
            for (int k = 0, dst = offset; k < n; k++, dst += stride) {
                double yr = ar[k];
                double yi = -ai[k];
                re[dst] = yr * chirpRe[k] + yi * chirpIm[k];
                im[dst] = yi * chirpRe[k] - yr * chirpIm[k];
            }
        }
    }
}
