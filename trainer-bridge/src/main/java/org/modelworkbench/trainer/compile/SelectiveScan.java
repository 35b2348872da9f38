package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The selective scan of Mamba and VMamba (selective_scan_ref) without its projections:
 * h_t = exp(Δ_t·A)·h_{t−1} + Δ_t·B_t·u_t, y_t = C_t·h_t + D·u_t, per direction k, channel d and
 * state n, over sequences of length L.
 *
 * <p>Run as two nested sequential passes of about √L steps each instead of L (DJL records every op
 * for autograd at 22–40 µs, so a loop over 3,136 time steps would cost more than the arithmetic).
 * The sequence is cut into chunks of {@code l} steps laid side by side: (1) one pass of l steps
 * scans every chunk at once from a zero state; (2) one pass over the chunks carries the state from
 * chunk to chunk (a chunk's decay is exp of the sum of its Δ·A); (3) each step adds the carried-in
 * state times exp(cumulative Δ·A since the chunk start). Every factor is exp of a sum of Δ·A ≤ 0, so
 * nothing can overflow whatever the length, and the products are those of the naive recurrence.
 */
public final class SelectiveScan {
    private SelectiveScan() {
    }

    /**
     * The scan with chunks of about √L steps.
     *
     * @param u     input, B×K×D×L
     * @param delta Δ after softplus, B×K×D×L
     * @param a     A (negative), K×D×N
     * @param b     B, B×K×N×L
     * @param c     C, B×K×N×L
     * @param d     skip D, K×D
     * @return y, B×K×D×L
     */
    public static NDArray scan(NDArray u, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d) {
        return scan(u, delta, a, b, c, d, chunkFor(u.getShape().get(3)));
    }

    /** ⌈√L⌉: the two sequential passes then have about as many steps each. */
    public static int chunkFor(long length) {
        return (int) Math.max(1, Math.ceil(Math.sqrt(length)));
    }

    /** The scan with chunks of {@code chunk} steps (the benchmark compares sizes). */
    public static NDArray scan(NDArray u, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d, int chunk) {
        long[] dims = u.getShape().getShape();
        long batch = dims[0], k = dims[1], ch = dims[2], len = dims[3];
        long n = a.getShape().get(2);
        int l = (int) Math.max(1, Math.min(chunk, len));
        long chunks = (len + l - 1) / l;
        long padded = chunks * l;
        // Padding steps have Δ = 0 (decay 1, no input) and C = 0: they change nothing before them.
        NDArray dt = padLast(delta, padded - len);
        // Step j of every chunk side by side, states last: Δ and Δ·u as B×K×chunks×D×1, B as B×K×chunks×1×N,
        // C as B×K×chunks×N×1 (so that the read-out C·h is a batched matrix product).
        NDList dts = steps(dt.reshape(batch, k, ch, chunks, l).transpose(0, 1, 3, 2, 4), l);
        NDList dus = steps(padLast(delta.mul(u), padded - len).reshape(batch, k, ch, chunks, l)
                .transpose(0, 1, 3, 2, 4), l);
        NDArray bc = padLast(b, padded - len).reshape(batch, k, n, chunks, l).transpose(0, 1, 3, 2, 4);
        NDList bs = steps(bc, l);
        NDList cs = steps(padLast(c, padded - len).reshape(batch, k, n, chunks, l).transpose(0, 1, 3, 2, 4), l);
        NDArray as = a.reshape(1, k, 1, ch, n);
        NDArray[] decay = new NDArray[l];
        NDArray[] input = new NDArray[l];
        for (int j = 0; j < l; j++) {
            decay[j] = dts.get(j).mul(as).exp(); // B×K×chunks×D×N
            input[j] = dus.get(j).mul(bs.get(j).transpose(0, 1, 2, 4, 3));
        }
        NDArray h;
        if (chunks > 1) {
            // (1) every chunk from a zero state to its last step
            h = input[0];
            for (int j = 1; j < l; j++) {
                h = h.mul(decay[j]).add(input[j]);
            }
            // (2) chunk to chunk, with a chunk's decay exp(A·ΣΔ): the state entering each chunk
            NDList chunkDecay = dt.reshape(batch, k, ch, chunks, l).sum(new int[] {4}).transpose(0, 1, 3, 2)
                    .expandDims(4).mul(as).exp().split(chunks, 2);
            NDList last = h.split(chunks, 2);
            NDList entering = new NDList((int) chunks);
            entering.add(last.get(0).zerosLike());
            NDArray carry = last.get(0);
            for (int i = 1; i < chunks; i++) {
                entering.add(carry);
                if (i < chunks - 1) {
                    carry = carry.mul(chunkDecay.get(i)).add(last.get(i));
                }
            }
            h = NDArrays.concat(entering, 2).mul(decay[0]).add(input[0]);
        } else {
            h = input[0];
        }
        // (3) every chunk again from the state entering it, reading y_t = C_t·h_t out step by step
        NDList ys = new NDList(l);
        ys.add(h.matMul(cs.get(0)));
        for (int j = 1; j < l; j++) {
            h = h.mul(decay[j]).add(input[j]);
            ys.add(h.matMul(cs.get(j)));
        }
        NDArray y = NDArrays.concat(ys, 4) // B×K×chunks×D×l
                .transpose(0, 1, 3, 2, 4).reshape(batch, k, ch, padded);
        if (padded > len) {
            y = TensorKernels.slice(y, 3, 0, len);
        }
        return y.add(u.mul(d.reshape(1, k, ch, 1)));
    }

    private static NDArray padLast(NDArray x, long extra) {
        return extra == 0 ? x : x.pad(new Shape(0, extra), 0);
    }

    /** The l steps of a …×l array, each …×1. */
    private static NDList steps(NDArray x, int l) {
        return x.split(l, x.getShape().dimension() - 1);
    }
}
