package org.modelworkbench.visualizers.erf;

import java.util.ArrayList;
import java.util.List;

/**
 * The theoretical receptive field of a chain of convolution/pooling layers, each given as
 * (kernel, stride, dilation, padding), by the usual recurrence over the effective kernel
 * k' = dilation·(k − 1) + 1:
 * {@code size_l = size_{l−1} + (k' − 1)·jump_{l−1}}, {@code jump_l = jump_{l−1}·stride},
 * {@code start_l = start_{l−1} + ((k' − 1)/2 − padding)·jump_{l−1}}, from size 1, jump 1, start 0.
 * Coordinates are input pixel indices (start 0 = the centre of pixel 0), so a stack of L 3×3
 * stride-1 convolutions has size 2L + 1. Branches (residuals) do not widen it: pass the longest path.
 */
public final class TheoreticalField {
    private TheoreticalField() {
    }

    /**
     * One layer of the chain.
     *
     * @param kernel   kernel size (pixels, square), ≥ 1
     * @param stride   ≥ 1
     * @param dilation ≥ 1
     * @param padding  ≥ 0, on each side
     */
    public record Layer(int kernel, int stride, int dilation, int padding) {
        public Layer {
            if (kernel < 1 || stride < 1 || dilation < 1 || padding < 0) {
                throw new IllegalArgumentException("layer needs kernel, stride, dilation ≥ 1 and padding ≥ 0, got kernel "
                        + kernel + ", stride " + stride + ", dilation " + dilation + ", padding " + padding);
            }
        }

        /** A convolution without dilation. */
        public static Layer conv(int kernel, int stride, int padding) {
            return new Layer(kernel, stride, 1, padding);
        }

        /** The span of the dilated kernel, dilation·(kernel − 1) + 1. */
        public int effectiveKernel() {
            return dilation * (kernel - 1) + 1;
        }
    }

    /**
     * The field of the units after some layers.
     *
     * @param size  side of the receptive field, input pixels
     * @param jump  distance in input pixels between neighbouring output units
     * @param start centre of output unit 0's field, in input pixel coordinates (may be half-integer
     *              or negative when padding reaches outside the image)
     */
    public record Field(int size, int jump, double start) {
        /** The centre of output unit {@code index}'s field, input pixels. */
        public double centre(int index) {
            return start + (double) index * jump;
        }

        /** The first input pixel of output unit {@code index}'s field (may be outside the image). */
        public int first(int index) {
            return (int) Math.round(centre(index) - (size - 1) / 2.0);
        }

        /** The last input pixel of output unit {@code index}'s field (inclusive). */
        public int last(int index) {
            return first(index) + size - 1;
        }
    }

    /** The field after the whole chain (size 1, jump 1, start 0 for an empty chain). */
    public static Field of(List<Layer> layers) {
        List<Field> all = perLayer(layers);
        return all.isEmpty() ? new Field(1, 1, 0) : all.get(all.size() - 1);
    }

    /** The field after each layer, in order. */
    public static List<Field> perLayer(List<Layer> layers) {
        List<Field> out = new ArrayList<>(layers.size());
        long size = 1;
        long jump = 1;
        double start = 0;
        for (Layer l : layers) {
            int k = l.effectiveKernel();
            size += (long) (k - 1) * jump;
            start += ((k - 1) / 2.0 - l.padding()) * jump;
            jump *= l.stride();
            if (size > Integer.MAX_VALUE || jump > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("receptive field overflows after " + (out.size() + 1) + " layers");
            }
            out.add(new Field((int) size, (int) jump, start));
        }
        return out;
    }
}
