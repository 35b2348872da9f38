package org.modelworkbench.trainer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * Channels-last (NHWC) memory for 4-D arrays, with the values and the shape (N×C×H×W) unchanged.
 * DJL has no memory-format API, but libtorch keeps strides through views: transposing to N×H×W×C,
 * reshaping to (N·H·W)×C (which must copy, so the data is laid out channel-fastest), reshaping back
 * and transposing to N×C×H×W gives an array whose strides are channels-last. libtorch's convolutions,
 * batch norm and element-wise ops then keep that layout for their outputs (oneDNN's preferred one).
 */
public final class ChannelsLast {
    private ChannelsLast() {
    }

    /**
     * {@code x} with channels-last strides (a new array attached to x's manager); any other rank
     * is returned as it is. Differentiable: the transposes and reshapes are recorded like any op.
     */
    public static NDArray of(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            return x;
        }
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        if (c == 1) {
            // A single channel is both layouts at once, and libtorch decides by the stride of C: it must
            // be 1, as PyTorch's contiguous(channels_last) makes it, or the first convolution's output
            // (and with it the stem's activations and gradients) stays NCHW and every later op reorders.
            // Viewing N×1×H×W as N×H×W×1 gives the trailing dimension stride 1; transposing back keeps it.
            NDArray nhwc = x.reshape(n, h, w, 1);
            NDArray result = nhwc.transpose(0, 3, 1, 2);
            nhwc.close();
            return result;
        }
        NDArray nhwc = x.transpose(0, 2, 3, 1);
        NDArray rows = nhwc.reshape(n * h * w, c);
        NDArray back = rows.reshape(n, h, w, c);
        NDArray result = back.transpose(0, 3, 1, 2);
        // The views share the copy's storage, which the result keeps alive: their handles can go now.
        nhwc.close();
        rows.close();
        back.close();
        return result;
    }

    /**
     * Gives every trainable 4-D parameter of {@code block} (the convolution weights) channels-last
     * strides, keeping its values, name and manager. Returns how many were converted.
     *
     * <p>DJL's {@code ParameterStore} (with copy off, as on the CPU) hands out each parameter's own
     * array and caches it on first use, so this must run before the first forward with any store; a
     * store that already handed out a parameter would keep the old, closed array. The new array is a
     * leaf that requires a gradient: libtorch gives its gradient the same strides (AccumulateGrad
     * follows the parameter's layout), and in-place updates ({@code subi}, {@code muli}) keep them.
     */
    public static int convertParameters(Block block) {
        int converted = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (!p.requiresGradient() || !p.isInitialized() || p.getArray().getShape().dimension() != 4) {
                continue;
            }
            NDArray old = p.getArray();
            DataType type = old.getDataType();
            NDArray detached = old.stopGradient();
            NDArray strided = of(detached);
            if (strided != detached) {
                detached.close();
            }
            // Parameter has no setter for an initialised array; re-initialising it with an initialiser
            // that returns the converted array swaps the array through public API only.
            Initializer original = p.getInitializer();
            p.setInitializer((manager, shape, dataType) -> strided);
            p.close();
            p.initialize(strided.getManager(), type);
            p.setInitializer(original);
            converted++;
        }
        return converted;
    }
}
