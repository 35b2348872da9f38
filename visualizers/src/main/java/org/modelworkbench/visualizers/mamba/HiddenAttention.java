package org.modelworkbench.visualizers.mamba;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * The hidden attention of a selective scan (Ali, Zimerman &amp; Wolf 2024, "The Hidden Attention of
 * Mamba Models"; AmeenAli/HiddenMambaAttn {@code compute_attn_matrix_fn}; views-exact.md §4): per
 * channel d,
 *
 * <pre>α[b,d,i,j] = Σ_n C[b,n,i] · exp(Σ_{k=j+1..i} Δ[b,d,k]·A[d,n]) · Δ[b,d,j]·B[b,n,j]   for j ≤ i, else 0,</pre>
 *
 * so that y_i = Σ_j α_ij x_j is the scan output without D·x and without the z gate. B̄ = Δ·B is the
 * simplified (Euler) input discretisation of the reference. The "heads" are the D channels.
 *
 * <p>Products of Ā are taken in log space, exp(s_i − s_j) with s the running sum of Δ·A, in double
 * precision (the reference's fp16 underflows). The L×L matrices are computed in blocks of 64 rows and
 * columns, each factor referenced to a block edge so that every exponential is ≤ 1: exp(s_i − s_j) =
 * exp(s_i − s_{I₀})·exp(s_{I₀} − s_{J₁})·exp(s_{J₁} − s_j). That turns the O(D·N·L²) exponentials
 * into O(D·N·L) and leaves multiply–adds; a state's block pair whose terms are all below 1e-60 (the
 * state has forgotten that far back) is skipped, far under the float resolution of the result. Memory:
 * O(L²) per matrix (a double accumulator, 8·L² bytes, plus the float result); O(D·L²) only for
 * {@link #allChannels}.
 *
 * <p>Immutable; the channel matrices are computed on the common fork–join pool, one block row per task.
 */
public final class HiddenAttention {
    /** The variants of VMamba's {@code attnmap_mamba} (analyze/utils.py). */
    public enum Mode {
        /** "CwBdtw": the full α with Δ_j (the Mamba hidden attention). */
        FULL,
        /** "CwBw": C·(Π exp(ΔA))·B, without Δ_j. */
        WITHOUT_DELTA_J,
        /** "CB": C·B only, no decay and no Δ (lower-triangular). */
        CB
    }

    private static final int BLOCK = 64;
    /** Largest exponent range inside one diagonal block for which the ≥ 1 correction is used. */
    private static final double SAFE_RANGE = 600;
    /**
     * A block pair whose every term is below this is skipped: far under the smallest float (1.4e-45)
     * that the matrices are returned in, so no returned value above 1e-45 changes.
     */
    private static final double NEGLIGIBLE = 1e-60;
    /** exp of anything below this is 0 in double. */
    private static final double UNDERFLOW = -746;

    private final double[] delta; // (B, D, L), Δ after softplus
    private final float[] a;      // (D, N), negative
    private final float[] bm;     // (B, N, L)
    private final float[] cm;     // (B, N, L)
    private final int batch;
    private final int channels;
    private final int states;
    private final int length;
    private final Mode mode;

    private HiddenAttention(double[] delta, float[] a, float[] bm, float[] cm, int batch, int channels, int states,
            int length, Mode mode) {
        this.delta = delta;
        this.a = a;
        this.bm = bm;
        this.cm = cm;
        this.batch = batch;
        this.channels = channels;
        this.states = states;
        this.length = length;
        this.mode = mode;
    }

    /**
     * @param delta Δ already passed through softplus, (B, D, L), ≥ 0
     * @param a     A = −exp(A_log), (D, N), ≤ 0
     * @param b     B, (B, N, L), shared by the channels
     * @param c     C, (B, N, L)
     * @throws IllegalArgumentException naming the tensor whose shape or values are wrong
     */
    public static HiddenAttention of(FloatTensor delta, FloatTensor a, FloatTensor b, FloatTensor c) {
        int[] ds = shape(delta, "Δ", 3, "(B,D,L)");
        double[] d = new double[delta.size()];
        float[] v = delta.values();
        for (int e = 0; e < d.length; e++) {
            if (!(v[e] >= 0) || Float.isInfinite(v[e])) {
                throw new IllegalArgumentException("Δ holds " + v[e] + " at flat index " + e
                        + ": expected softplus outputs (≥ 0); pass raw Δ to ofRawDelta");
            }
            d[e] = v[e];
        }
        return build(d, ds, a, b, c);
    }

    /**
     * Δ = softplus(Δ_raw + bias), the bias added <i>before</i> the softplus as in the reference.
     *
     * @param deltaRaw (B, D, L)
     * @param bias     (D), or null for none
     */
    public static HiddenAttention ofRawDelta(FloatTensor deltaRaw, FloatTensor bias, FloatTensor a, FloatTensor b,
            FloatTensor c) {
        int[] ds = shape(deltaRaw, "raw Δ", 3, "(B,D,L)");
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != ds[1])) {
            throw new IllegalArgumentException("Δ bias must have shape (D) = (" + ds[1] + "), got "
                    + Arrays.toString(bias.shape()));
        }
        double[] d = new double[deltaRaw.size()];
        float[] v = deltaRaw.values();
        int len = ds[2];
        for (int e = 0; e < d.length; e++) {
            double x = v[e] + (bias == null ? 0 : bias.values()[(e / len) % ds[1]]);
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("raw Δ holds NaN at flat index " + e);
            }
            d[e] = softplus(x);
        }
        return build(d, ds, a, b, c);
    }

    /** softplus(x) = ln(1 + eˣ), linear above 20 as torch's. */
    static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    /** A = −exp(A_log), element-wise, same shape. */
    public static FloatTensor aFromLog(FloatTensor aLog) {
        float[] v = aLog.values();
        float[] out = new float[v.length];
        for (int e = 0; e < v.length; e++) {
            out[e] = (float) -Math.exp(v[e]);
        }
        return new FloatTensor(aLog.shape(), out);
    }

    private static HiddenAttention build(double[] d, int[] ds, FloatTensor a, FloatTensor b, FloatTensor c) {
        int[] as = shape(a, "A", 2, "(D,N)");
        int[] bs = shape(b, "B", 3, "(B,N,L)");
        int[] cs = shape(c, "C", 3, "(B,N,L)");
        if (as[0] != ds[1]) {
            throw new IllegalArgumentException("A has " + as[0] + " channels, Δ has " + ds[1]);
        }
        if (!Arrays.equals(bs, cs) || bs[0] != ds[0] || bs[1] != as[1] || bs[2] != ds[2]) {
            throw new IllegalArgumentException("B " + Arrays.toString(bs) + " and C " + Arrays.toString(cs)
                    + " must both be (B,N,L) = (" + ds[0] + "," + as[1] + "," + ds[2] + ")");
        }
        for (int e = 0; e < a.size(); e++) {
            float x = a.values()[e];
            if (!(x <= 0) || Float.isInfinite(x)) {
                throw new IllegalArgumentException("A holds " + x + " at channel " + e / as[1] + ", state " + e % as[1]
                        + ": A = −exp(A_log) must be ≤ 0 (pass A, not A_log)");
            }
        }
        finite(b, "B");
        finite(c, "C");
        return new HiddenAttention(d, a.values(), b.values(), c.values(), ds[0], ds[1], as[1], ds[2], Mode.FULL);
    }

    /** The same inputs read with another of VMamba's variants. */
    public HiddenAttention withMode(Mode m) {
        if (m == null) {
            throw new IllegalArgumentException("mode is missing");
        }
        return new HiddenAttention(delta, a, bm, cm, batch, channels, states, length, m);
    }

    /** The mean over the D channels of α for image b: (L, L), lower triangular. */
    public FloatTensor channelMean(int image) {
        checkImage(image);
        double[] acc = newMatrix();
        for (int d = 0; d < channels; d++) {
            accumulate(image, d, 1.0 / channels, acc);
        }
        return toFloat(acc, length, length);
    }

    /** α of one channel d for image b: (L, L), lower triangular. */
    public FloatTensor channel(int image, int channel) {
        checkImage(image);
        checkChannel(channel);
        double[] acc = newMatrix();
        accumulate(image, channel, 1, acc);
        return toFloat(acc, length, length);
    }

    /** α of every channel for image b: (D, L, L). Memory grows as D·L²: ask for it only for short sequences. */
    public FloatTensor allChannels(int image) {
        checkImage(image);
        long size = (long) channels * length * length;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("all " + channels + " channels of " + length + "×" + length
                    + " attention need " + size + " values, more than one array holds; ask for one channel or the mean");
        }
        float[] out = new float[(int) size];
        double[] acc = newMatrix();
        int ll = length * length;
        for (int d = 0; d < channels; d++) {
            Arrays.fill(acc, 0);
            accumulate(image, d, 1, acc);
            for (int e = 0; e < ll; e++) {
                out[d * ll + e] = (float) acc[e];
            }
        }
        return FloatTensor.of(out, channels, length, length);
    }

    /** Row {@code query} of the channel-mean matrix: where position i attends, (L), zero after i. O(D·N·L). */
    public FloatTensor queryRow(int image, int query) {
        checkImage(image);
        checkQuery(query);
        double[] row = new double[length];
        for (int d = 0; d < channels; d++) {
            addRow(image, d, query, 1.0 / channels, row);
        }
        return toFloat(row, length);
    }

    /** Row {@code query} of channel d's α, (L). */
    public FloatTensor queryRow(int image, int query, int channel) {
        checkImage(image);
        checkQuery(query);
        checkChannel(channel);
        double[] row = new double[length];
        addRow(image, channel, query, 1, row);
        return toFloat(row, length);
    }

    /** y = α·x for an (L, L) matrix and a length-L sequence: the scan output without D·x and the z gate. */
    public static double[] apply(FloatTensor alpha, double[] x) {
        if (alpha == null || alpha.rank() != 2 || alpha.dim(0) != alpha.dim(1) || x == null || x.length != alpha.dim(0)) {
            throw new IllegalArgumentException("α must be (L,L) and x of length L, got "
                    + (alpha == null ? "none" : Arrays.toString(alpha.shape())) + " and " + (x == null ? "none" : x.length));
        }
        int l = x.length;
        double[] y = new double[l];
        float[] v = alpha.values();
        for (int i = 0; i < l; i++) {
            double s = 0;
            for (int j = 0; j < l; j++) {
                s += v[i * l + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** acc (L×L, row-major) += weight · α_d for image b. */
    private void accumulate(int b, int d, double weight, double[] acc) {
        final int len = length;
        final int n = states;
        final boolean decay = mode != Mode.CB;
        final double[] s = new double[n * len];
        final double[] p = new double[n * len];
        final double[] q = new double[n * len];
        int dOff = (b * channels + d) * len;
        int bc = b * n * len;
        for (int k = 0; k < n; k++) {
            double an = a[d * n + k];
            double run = 0;
            int o = k * len;
            for (int l = 0; l < len; l++) {
                run += delta[dOff + l] * an;
                s[o + l] = run;
            }
            for (int l = 0; l < len; l++) {
                int start = (l / BLOCK) * BLOCK;
                int end = Math.min(start + BLOCK, len) - 1;
                double coef = mode == Mode.FULL ? delta[dOff + l] : 1;
                if (decay) {
                    p[o + l] = cm[bc + o + l] * Math.exp(s[o + l] - s[o + start]);
                    q[o + l] = coef * bm[bc + o + l] * Math.exp(s[o + end] - s[o + l]);
                } else {
                    p[o + l] = cm[bc + o + l];
                    q[o + l] = bm[bc + o + l];
                }
            }
        }
        int blocks = (len + BLOCK - 1) / BLOCK;
        // The largest |p| and |q| of each state in each block bound what a block pair can contribute.
        final double[] pMax = new double[n * blocks];
        final double[] qMax = new double[n * blocks];
        for (int k = 0; k < n; k++) {
            for (int l = 0; l < len; l++) {
                int e = k * blocks + l / BLOCK;
                pMax[e] = Math.max(pMax[e], Math.abs(p[k * len + l]));
                qMax[e] = Math.max(qMax[e], Math.abs(q[k * len + l]));
            }
        }
        IntStream.range(0, blocks).parallel().forEach(blockRow -> {
            int i0 = blockRow * BLOCK;
            int i1 = Math.min(i0 + BLOCK, len);
            for (int jb = 0; jb < blockRow; jb++) {
                int j0 = jb * BLOCK;
                int j1 = j0 + BLOCK;
                for (int k = 0; k < n; k++) {
                    int o = k * len;
                    double g = decay ? Math.exp(s[o + i0] - s[o + j1 - 1]) * weight : weight;
                    if (Math.abs(g) * pMax[k * blocks + blockRow] * qMax[k * blocks + jb] < NEGLIGIBLE) {
                        continue; // this state has forgotten block jb by block blockRow
                    }
                    for (int i = i0; i < i1; i++) {
                        double pv = p[o + i] * g;
                        if (pv == 0) {
                            continue;
                        }
                        int row = i * len;
                        for (int j = j0; j < j1; j++) {
                            acc[row + j] += pv * q[o + j];
                        }
                    }
                }
            }
            diagonalBlock(b, d, weight, acc, s, p, q, i0, i1, decay);
        });
    }

    /** The block on the diagonal: j ≤ i inside one block, where the key factor must be re-referenced. */
    private void diagonalBlock(int b, int d, double weight, double[] acc, double[] s, double[] p, double[] q, int i0,
            int i1, boolean decay) {
        int len = length;
        int dOff = (b * channels + d) * len;
        int bc = b * states * len;
        for (int k = 0; k < states; k++) {
            int o = k * len;
            double range = decay ? s[o + i0] - s[o + i1 - 1] : 0;
            if (range <= SAFE_RANGE) {
                // p_i·exp(s_{I0} − s_{I1}) = C_i·exp(s_i − s_{I1}) ≤ e^600; with q_j the exponent is s_i − s_j ≤ 0
                double corr = decay ? Math.exp(range) * weight : weight;
                for (int i = i0; i < i1; i++) {
                    double pv = p[o + i] * corr;
                    if (pv == 0) {
                        continue;
                    }
                    int row = i * len;
                    for (int j = i0; j <= i; j++) {
                        acc[row + j] += pv * q[o + j];
                    }
                }
            } else {
                // a fast-forgetting state: direct terms, stopping where the decay underflows
                for (int i = i0; i < i1; i++) {
                    double ci = cm[bc + o + i] * weight;
                    int row = i * len;
                    for (int j = i; j >= i0; j--) {
                        double e = s[o + i] - s[o + j];
                        if (e < UNDERFLOW) {
                            break;
                        }
                        double coef = mode == Mode.FULL ? delta[dOff + j] : 1;
                        acc[row + j] += ci * Math.exp(e) * coef * bm[bc + o + j];
                    }
                }
            }
        }
    }

    /** row += weight · α_d[query, :] by the definition, O(N·query) exponentials. */
    private void addRow(int b, int d, int query, double weight, double[] row) {
        int len = length;
        int dOff = (b * channels + d) * len;
        int bc = b * states * len;
        double[] s = new double[query + 1];
        for (int k = 0; k < states; k++) {
            int o = bc + k * len;
            double an = a[d * states + k];
            double run = 0;
            for (int l = 0; l <= query; l++) {
                run += delta[dOff + l] * an;
                s[l] = run;
            }
            double ci = cm[o + query] * weight;
            if (ci == 0) {
                continue;
            }
            for (int j = query; j >= 0; j--) {
                double decayFactor = 1;
                if (mode != Mode.CB) {
                    double e = s[query] - s[j];
                    if (e < UNDERFLOW) {
                        break;
                    }
                    decayFactor = Math.exp(e);
                }
                double coef = mode == Mode.FULL ? delta[dOff + j] : 1;
                row[j] += ci * decayFactor * coef * bm[o + j];
            }
        }
    }

    private double[] newMatrix() {
        long size = (long) length * length;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + length + "×" + length + " attention matrix is too large for one array");
        }
        return new double[(int) size];
    }

    private static FloatTensor toFloat(double[] v, int... shape) {
        float[] out = new float[v.length];
        for (int e = 0; e < v.length; e++) {
            out[e] = (float) v[e];
        }
        return FloatTensor.of(out, shape);
    }

    private static int[] shape(FloatTensor t, String what, int rank, String expected) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int[] s = t.shape();
        if (s.length != rank) {
            throw new IllegalArgumentException(what + " must have shape " + expected + ", got " + Arrays.toString(s));
        }
        for (int x : s) {
            if (x < 1) {
                throw new IllegalArgumentException(what + " has an empty axis: " + Arrays.toString(s));
            }
        }
        return s;
    }

    private static void finite(FloatTensor t, String what) {
        float[] v = t.values();
        for (int e = 0; e < v.length; e++) {
            if (!Float.isFinite(v[e])) {
                throw new IllegalArgumentException(what + " holds " + v[e] + " at flat index " + e);
            }
        }
    }

    private void checkImage(int image) {
        if (image < 0 || image >= batch) {
            throw new IllegalArgumentException("image " + image + " outside the batch of " + batch);
        }
    }

    private void checkChannel(int d) {
        if (d < 0 || d >= channels) {
            throw new IllegalArgumentException("channel " + d + " outside 0.." + (channels - 1));
        }
    }

    private void checkQuery(int i) {
        if (i < 0 || i >= length) {
            throw new IllegalArgumentException("query position " + i + " outside 0.." + (length - 1));
        }
    }

    public int batch() {
        return batch;
    }

    /** D, the channels (the "heads"). */
    public int channels() {
        return channels;
    }

    /** N, the state size. */
    public int states() {
        return states;
    }

    /** L, the sequence length. */
    public int length() {
        return length;
    }

    public Mode mode() {
        return mode;
    }
}
