package org.modelworkbench.trainer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * The strides of an array, which DJL does not expose: asked from libtorch itself through its exported
 * {@code at::_ops::stride_int::call(const Tensor&, int64_t)} (a PtNDArray's handle points at a Tensor).
 */
final class TensorStrides {
    static final String STRIDE = "_ZN2at4_ops10stride_int4callERKNS_6TensorEl";

    private TensorStrides() {
    }

    static long[] of(NDArray array) {
        Path lib = LibTorch.loaded(LibTorch.CPU_LIBRARY).orElseThrow();
        Function stride = LibTorch.function(lib, STRIDE);
        Pointer tensor = new Pointer(((PtNDArray) array).getHandle());
        long[] strides = new long[array.getShape().dimension()];
        for (int i = 0; i < strides.length; i++) {
            strides[i] = stride.invokeLong(new Object[] {tensor, (long) i});
        }
        return strides;
    }

    /** NHWC memory for an N×C×H×W array: channel stride 1, then W·C per row, H·W·C per image. */
    static boolean channelsLast(NDArray array) {
        long[] s = of(array);
        long c = array.getShape().get(1);
        long w = array.getShape().get(3);
        long h = array.getShape().get(2);
        return s.length == 4 && s[1] == 1 && s[3] == c && s[2] == w * c && s[0] == h * w * c;
    }

    /** NCHW memory. */
    static boolean contiguous(NDArray array) {
        long[] s = of(array);
        long[] dims = array.getShape().getShape();
        long expected = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] != 1 && s[i] != expected) {
                return false;
            }
            expected *= dims[i];
        }
        return true;
    }
}
