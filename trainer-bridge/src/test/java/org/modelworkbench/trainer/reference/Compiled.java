package org.modelworkbench.trainer.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompiler;

/**
 * A design compiled and initialised in a manager, with every parameter set to random values that make
 * each one matter (norm weights and biases off 1 and 0, running variances positive and off 1, bias
 * tables of order 1), and read back by name ("block.attention.qkv.weight") for the plain references.
 */
final class Compiled implements AutoCloseable {
    final CompiledDesign model;
    final NDManager manager;
    private final Map<String, Parameter> byName = new TreeMap<>();

    Compiled(Design design, Shape input, long seed) throws Exception {
        model = new DesignCompiler().compile(design, input);
        manager = NDManager.newBaseManager();
        model.initialize(manager);
        Random random = new Random(seed);
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            byName.put(p.getKey(), p.getValue());
            NDArray array = p.getValue().getArray();
            float[] v = array.toFloatArray();
            String name = p.getKey();
            for (int i = 0; i < v.length; i++) {
                if (name.endsWith("running_var")) {
                    v[i] = 0.5f + random.nextFloat();
                } else if (name.endsWith("running_mean") || name.contains("relative_position_bias_table")) {
                    v[i] = (float) random.nextGaussian() * 0.5f;
                } else if (name.endsWith("A_logs") || name.endsWith("dt_projs_bias")) {
                    v[i] += (float) random.nextGaussian() * 0.1f; // keep Mamba's ranges, break the symmetry
                } else if (isConstant(v)) {
                    v[i] += (float) random.nextGaussian() * 0.3f; // ones and zeros of norms, Ds, layer scales
                }
            }
            array.set(v);
        }
    }

    private static boolean isConstant(float[] v) {
        for (float f : v) {
            if (f != v[0]) {
                return false;
            }
        }
        return true;
    }

    /** The values of a parameter, by its full name. */
    float[] weight(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new AssertionError("no parameter '" + name + "'; the model has " + byName.keySet());
        }
        return p.getArray().toFloatArray();
    }

    void set(String name, float[] values) {
        weight(name);
        byName.get(name).getArray().set(values);
    }

    /** Runs the single-input design on {@code input} (N×C×H×W) and returns its single output. */
    float[] forward(float[] input, boolean training) {
        long[] dims = model.inputShapes()[0].getShape();
        NDArray x = manager.create(input, new ai.djl.ndarray.types.Shape(dims));
        NDList out = model.block().forward(new ParameterStore(manager, false), new NDList(x), training);
        return out.singletonOrThrow().toFloatArray();
    }

    static float[] randomInput(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** max |a − b| / max(max |b|, 1e-6): relative to the reference's largest value, so a near-zero element cannot dominate. */
    static double relativeError(float[] actual, double[] reference) {
        if (actual.length != reference.length) {
            throw new AssertionError("the model gives " + actual.length + " values, the reference " + reference.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - reference[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            diff = Math.max(diff, d);
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return diff / Math.max(scale, 1e-6);
    }

    @Override
    public void close() {
        manager.close();
    }
}
