package org.modelworkbench.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.OpObserver;
import org.modelworkbench.trainer.compile.Program;

/**
 * Per top-level design node, the statistics of an inspection step: weight and gradient norms, the
 * update-to-weight ratio and the mean, standard deviation and dead fraction of the node's output. A
 * composite's primitives (op paths "node.inner.op") are summed into their top-level node. The node's
 * output is the first tensor its ops write that another node reads (or that leaves the design).
 * Activations are reduced to Java numbers inside the step, on a detached view, so nothing is kept
 * and nothing joins the autograd graph. Installed as the design block's observer on inspection steps only.
 */
final class Inspector implements OpObserver {

    private final List<String> nodes;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] watchedSlot;
    private final int[] paramNode;
    private final double[][] activation;

    /** @param paramNames the trainable parameters' names ("opPath.weight"), in the order the optimizer sees them */
    Inspector(Program program, List<String> paramNames) {
        Map<String, WatchedOutputs.Watched> watched = WatchedOutputs.of(program);
        nodes = List.copyOf(watched.keySet());
        watchedSlot = new int[nodes.size()];
        for (int n = 0; n < nodes.size(); n++) {
            index.put(nodes.get(n), n);
            WatchedOutputs.Watched w = watched.get(nodes.get(n));
            watchedSlot[n] = w == null ? -1 : w.slot();
        }
        paramNode = new int[paramNames.size()];
        for (int i = 0; i < paramNode.length; i++) {
            paramNode[i] = index.getOrDefault(WatchedOutputs.nodeOf(paramNames.get(i)), -1);
        }
        activation = new double[nodes.size()][3];
        begin();
    }

    List<String> nodes() {
        return nodes;
    }

    /** Forgets the previous step's activations. */
    void begin() {
        for (double[] a : activation) {
            Arrays.fill(a, Double.NaN);
        }
    }

    @Override
    public void after(int opIndex, Op op, NDList inputs, NDList outputs) {
        Integer n = index.get(WatchedOutputs.nodeOf(op.path()));
        if (n == null) {
            return;
        }
        for (int j = 0; j < op.outputs().length; j++) {
            if (op.outputs()[j] == watchedSlot[n]) {
                measure(outputs.get(j), WatchedOutputs.reluLike(op), activation[n]);
            }
        }
    }

    private static void measure(NDArray output, boolean reluLike, double[] into) {
        NDArray x = output.stopGradient().toType(DataType.FLOAT32, false);
        double mean = x.mean().getFloat();
        double var = x.sub((float) mean).square().mean().getFloat();
        NDArray dead = reluLike ? x.lte(0f) : x.eq(0f);
        into[0] = mean;
        into[1] = Math.sqrt(var);
        into[2] = dead.toType(DataType.FLOAT32, false).mean().getFloat();
    }

    /**
     * The step's statistics per node, from per-parameter squared norms of the weights (before the
     * update), the gradients and the updates; NaN where a node has no weights or no output of its own.
     */
    List<BlockStats> stats(double[] weightSq, double[] gradSq, double[] updateSq) {
        double[] w = new double[nodes.size()];
        double[] g = new double[nodes.size()];
        double[] u = new double[nodes.size()];
        boolean[] has = new boolean[nodes.size()];
        for (int i = 0; i < paramNode.length; i++) {
            int n = paramNode[i];
            if (n >= 0) {
                has[n] = true;
                w[n] += weightSq[i];
                g[n] += gradSq[i];
                u[n] += updateSq[i];
            }
        }
        List<BlockStats> out = new ArrayList<>(nodes.size());
        for (int n = 0; n < nodes.size(); n++) {
            double wn = has[n] ? Math.sqrt(w[n]) : Double.NaN;
            double gn = has[n] ? Math.sqrt(g[n]) : Double.NaN;
            double ratio = has[n] && wn > 0 ? Math.sqrt(u[n]) / wn : Double.NaN;
            double[] a = activation[n];
            out.add(new BlockStats(nodes.get(n), wn, gn, ratio, a[0], a[1], a[2]));
        }
        return out;
    }
}
