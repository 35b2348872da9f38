package org.modelworkbench.trainer.probe;

/**
 * The theoretical receptive field of one unit of a target's feature map, in input pixels (views-exact.md
 * §7 draws it over the effective receptive field). Propagated from the input through the op graph with the
 * usual recurrence over the effective kernel k' = dilation·(k − 1) + 1: {@code size += (k' − 1)·jump},
 * {@code start += ((k' − 1)/2 − padding)·jump}, {@code jump *= stride}; where branches meet (a residual
 * sum, a concatenation) the largest field is kept.
 *
 * @param target the node or op path asked for
 * @param size   side of the field of one output unit, input pixels (the input's larger side when global)
 * @param jump   input pixels between neighbouring output units
 * @param start  centre of output unit 0's field in input pixel coordinates (pixel 0's centre is 0; may be
 *               negative or half-integer where padding reaches outside the image)
 * @param global true when an op on the way mixes every position (attention, a selective scan, a global
 *               pool): the field is then the whole image and {@code size} only says so
 */
public record ReceptiveField(String target, int size, int jump, double start, boolean global) {
    /** The centre of output unit {@code index}'s field, input pixels. */
    public double centre(int index) {
        return start + (double) index * jump;
    }

    /** The first input pixel of output unit {@code index}'s field (may lie outside the image). */
    public int first(int index) {
        return (int) Math.round(centre(index) - (size - 1) / 2.0);
    }

    /** The last input pixel of output unit {@code index}'s field, inclusive. */
    public int last(int index) {
        return first(index) + size - 1;
    }
}
