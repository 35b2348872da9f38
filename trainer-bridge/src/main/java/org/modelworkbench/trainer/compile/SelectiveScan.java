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
 * <p>DJL records every op for autograd at 22–40 µs, so a loop over 3,136 time steps costs more than
 * its arithmetic. Here the sequence is cut into chunks of {@code l} steps laid side by side: (1) l
 * steps scan every chunk at once from a zero state, to its last state; (2) the chunk-to-chunk
 * recurrence (a chunk's decay is exp(A·ΣΔ)) gives the state entering each chunk, itself chunked the
 * same way when there are many chunks ({@link #entering}); (3) l steps scan every chunk again from the
 * state entering it, reading y_t = C_t·h_t out as they go. At L = 3,136 that is about 350 ops instead
 * of 12,500. Each step works on a slab of all chunks, and every factor is exp(Δ·A) ≤ 1, exp(A·ΣΔ) ≤ 1
 * or a product of such, as in the naive recurrence: no exp of a cumulative sum, nothing that can
 * overflow at any length (MambaReferenceTest checks 3,136 steps against a float64 loop). The
 * arithmetic is that of the naive loop, about eight passes over the B×K×D×L×N states, so with many
 * states (d_state 16) memory traffic rather than op count bounds the gain.
 */
public final class SelectiveScan {
    private SelectiveScan() {
    }

    /**
     * The scan with chunks of {@link #chunkFor} steps.
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

    /**
     * ⌈√L / 2⌉: each step of the two passes over a chunk costs about 8 ops, the chunk-to-chunk pass (itself
     * chunked) far fewer per chunk, so shorter chunks and more of them balance the two. Measured at
     * L = 49, 196 and 3,136, batch 1 and 128, chunks of half to twice this length ran within about 15% of it
     * (on the shared 2-core host, one thread).
     */
    public static int chunkFor(long length) {
        return (int) Math.max(1, Math.ceil(Math.sqrt(length) / 2));
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
        // Step j of every chunk side by side, steps first: Δ and Δ·u as l × (1×B×K×chunks×D×1), B as
        // l × (1×B×K×chunks×1×N), C as l × (1×B×K×chunks×N×1), so that the read-out C·h is a matrix product.
        NDList dts = stepsFirst(dt, batch, k, ch, chunks, l).expandDims(5).split(l, 0);
        NDList dus = stepsFirst(padLast(delta.mul(u), padded - len), batch, k, ch, chunks, l).expandDims(5).split(l, 0);
        NDList bs = stepsFirst(padLast(b, padded - len), batch, k, n, chunks, l).expandDims(4).split(l, 0);
        NDList cs = stepsFirst(padLast(c, padded - len), batch, k, n, chunks, l).expandDims(5).split(l, 0);
        NDArray as = a.reshape(1, 1, k, 1, ch, n);
        NDArray[] decay = new NDArray[l];
        NDArray[] input = new NDArray[l];
        for (int j = 0; j < l; j++) {
            decay[j] = dts.get(j).mul(as).exp(); // 1×B×K×chunks×D×N
            input[j] = dus.get(j).mul(bs.get(j));
        }
        NDArray h = input[0];
        if (chunks > 1) {
            // (1) every chunk from a zero state to its last step
            for (int j = 1; j < l; j++) {
                h = h.mul(decay[j]).add(input[j]);
            }
            // (2) chunk to chunk, a chunk's decay being exp(A·ΣΔ): the state entering each chunk
            NDArray chunkDecay = dt.reshape(batch, k, ch, chunks, l).sum(new int[] {4}).transpose(3, 0, 1, 2)
                    .expandDims(4).mul(a.reshape(1, 1, k, ch, n)).exp(); // chunks×B×K×D×N
            NDArray last = h.squeeze(0).transpose(2, 0, 1, 3, 4);
            NDArray into = entering(chunkDecay, last).transpose(1, 2, 0, 3, 4).expandDims(0);
            // (3) every chunk again from the state entering it
            h = into.mul(decay[0]).add(input[0]);
        }
        NDList ys = new NDList(l); // y_t = C_t·h_t, step by step
        ys.add(readOut(h, cs.get(0), n));
        for (int j = 1; j < l; j++) {
            h = h.mul(decay[j]).add(input[j]);
            ys.add(readOut(h, cs.get(j), n));
        }
        NDArray y = NDArrays.concat(ys, 0).squeeze(5) // l×B×K×chunks×D
                .transpose(1, 2, 4, 3, 0).reshape(batch, k, ch, padded);
        if (padded > len) {
            y = TensorKernels.slice(y, 3, 0, len);
        }
        return y.add(u.mul(d.reshape(1, k, ch, 1)));
    }

    /** C·h over the states: a batched matrix product, or a product when there is one state (VMamba v2). */
    private static NDArray readOut(NDArray h, NDArray c, long states) {
        return states == 1 ? h.mul(c) : h.matMul(c); // thousands of 1×1 products cost more than one multiply
    }

    /** Steps along which the plain loop of {@link #entering} costs less than another level of chunks. */
    static final int SHORT = 16;

    /**
     * E_t, the state entering step t of h_t = decay_t·h_{t−1} + input_t along axis 0 from h = 0 (E_0 = 0),
     * for decays and inputs of one shape T×…: step by step when T is short, otherwise in chunks of ⌈√T⌉
     * as the scan itself, recursively.
     */
    static NDArray entering(NDArray decay, NDArray input) {
        long t = decay.getShape().get(0);
        if (t <= SHORT) {
            NDList ds = decay.split(t, 0);
            NDList xs = input.split(t, 0);
            NDList states = new NDList((int) t);
            states.add(xs.get(0).zerosLike());
            NDArray h = xs.get(0);
            for (int i = 1; i < t; i++) {
                states.add(h);
                if (i < t - 1) {
                    h = h.mul(ds.get(i)).add(xs.get(i));
                }
            }
            return NDArrays.concat(states, 0);
        }
        int l = (int) Math.ceil(Math.sqrt(t));
        long chunks = (t + l - 1) / l;
        long[] rest = input.getShape().slice(1).getShape();
        long[] grid = new long[rest.length + 2];
        grid[0] = chunks;
        grid[1] = l;
        System.arraycopy(rest, 0, grid, 2, rest.length);
        int[] swap = new int[grid.length];
        for (int i = 0; i < swap.length; i++) {
            swap[i] = i < 2 ? 1 - i : i;
        }
        // chunks×l×… → l×chunks×…, padded with steps that keep the state (decay 1, input 0)
        NDList ds = padFirst(decay, chunks * l - t, 1).reshape(new Shape(grid)).transpose(swap).split(l, 0);
        NDList xs = padFirst(input, chunks * l - t, 0).reshape(new Shape(grid)).transpose(swap).split(l, 0);
        NDArray h = xs.get(0);
        NDArray product = ds.get(0);
        for (int j = 1; j < l; j++) {
            h = h.mul(ds.get(j)).add(xs.get(j));
            product = product.mul(ds.get(j));
        }
        NDArray state = entering(product.squeeze(0), h.squeeze(0)).expandDims(0);
        NDList states = new NDList(l);
        states.add(state);
        for (int j = 0; j < l - 1; j++) {
            state = state.mul(ds.get(j)).add(xs.get(j));
            states.add(state);
        }
        NDArray all = NDArrays.concat(states, 0).transpose(swap).reshape(new Shape(prepend(chunks * l, rest)));
        return chunks * l == t ? all : TensorKernels.slice(all, 0, 0, t);
    }

    private static long[] prepend(long first, long[] rest) {
        long[] d = new long[rest.length + 1];
        d[0] = first;
        System.arraycopy(rest, 0, d, 1, rest.length);
        return d;
    }

    private static NDArray padFirst(NDArray x, long extra, float value) {
        if (extra == 0) {
            return x;
        }
        Shape s = new Shape(prepend(extra, x.getShape().slice(1).getShape()));
        return NDArrays.concat(new NDList(x, x.getManager().full(s, value, x.getDataType())), 0);
    }

    private static NDArray padLast(NDArray x, long extra) {
        return extra == 0 ? x : x.pad(new Shape(0, extra), 0);
    }

    /**
     * B×K×C×(chunks·l) → l×B×K×chunks×C: step j of every chunk side by side, copied so that each step is
     * one contiguous block (a transposed view would make every op of the passes read with a stride of l).
     */
    private static NDArray stepsFirst(NDArray x, long batch, long k, long c, long chunks, int l) {
        return x.reshape(batch, k, c, chunks, l).transpose(4, 0, 1, 3, 2).reshape(l, -1) // the reshape copies
                .reshape(l, batch, k, chunks, c);
    }
}
