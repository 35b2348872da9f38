package org.modelworkbench.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelworkbench.trainer.compile.CompiledDesign;

/** A compiled design's parameters and buffers as named float32 tensors, both ways, under PyTorch's names. */
public final class DjlWeights {
    private DjlWeights() {
    }

    /** Every parameter and buffer of an initialised model, keyed by the state_dict name {@code names} gives. */
    public static Map<String, Npz.Tensor> of(CompiledDesign model, ModelSource.Generated names) {
        Map<String, Npz.Tensor> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            out.put(names.torchName(p.getKey()),
                    new Npz.Tensor(a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return out;
    }

    /**
     * Sets every parameter and buffer of an initialised model from {@code tensors}; every one must be there
     * with its shape, and nothing else may be.
     *
     * @throws ExportException naming the first missing, extra or misshapen tensor
     */
    public static void load(CompiledDesign model, ModelSource.Generated names, Map<String, Npz.Tensor> tensors,
                            String source) throws ExportException {
        Map<String, Npz.Tensor> left = new LinkedHashMap<>(tensors);
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            String key = names.torchName(p.getKey());
            Npz.Tensor t = left.remove(key);
            NDArray a = p.getValue().getArray();
            if (t == null) {
                throw new ExportException(source + " has no tensor '" + key + "', which the design needs");
            }
            if (!Arrays.equals(t.shape(), a.getShape().getShape())) {
                throw new ExportException(source + ": '" + key + "' is " + Arrays.toString(t.shape()) + " there and "
                        + Arrays.toString(a.getShape().getShape()) + " in the design");
            }
            a.set(FloatBuffer.wrap(t.data()));
        }
        if (!left.isEmpty()) {
            throw new ExportException(source + " holds " + left.size() + " tensor(s) the design does not have, e.g. '"
                    + left.keySet().iterator().next() + "'");
        }
    }
}
