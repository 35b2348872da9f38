package org.modelworkbench.trainer.capture;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.OpObserver;

/**
 * The gradient of a class score with respect to one tensor of the network, for Grad-CAM: a forward
 * pass in evaluation mode in which the target's output is replaced by a leaf that requires a gradient
 * (same values, so the forward is unchanged), then backward from the sum over the batch of each
 * image's pre-softmax score of its class. Parameters are read detached, so their gradients are left
 * as they were and only the leaf's gradient is computed. Not while another gradient collector is open
 * (DJL allows one at a time).
 */
public final class GradientCapture {
    private GradientCapture() {
    }

    /**
     * @param target     node id, composite path or op path with exactly one output tensor
     * @param activation the target's output A
     * @param gradient   ∂(Σ_b logits[b, classes[b]]) / ∂A, the shape of A
     * @param logits     the design's first output, N×classes
     * @param classes    the class scored for each image
     */
    public record Result(String target, String op, CapturedTensor activation, CapturedTensor gradient,
                         CapturedTensor logits, int[] classes) {
        public Result {
            classes = classes.clone();
        }

        @Override
        public int[] classes() {
            return classes.clone();
        }
    }

    /**
     * Runs {@code model} on {@code images} and returns the target's output and gradient.
     *
     * @param classes the class to score per image; null, or an entry below 0, takes that image's arg-max
     * @throws IllegalArgumentException when the target is unknown or passes on more than one tensor, or the
     *                                  design's first output is not N×classes
     */
    public static Result of(CompiledDesign model, NDArray images, String target, int[] classes) {
        Map<Integer, List<Integer>> outs = Targets.outputsOf(model.program(), target);
        int outputs = outs.values().stream().mapToInt(List::size).sum();
        if (outputs != 1) {
            throw new IllegalArgumentException("'" + target + "' passes on " + outputs + " tensors; Grad-CAM needs a "
                    + "target with one output: name one of its ops");
        }
        int opIndex = outs.keySet().iterator().next();
        int position = outs.get(opIndex).get(0);
        Op targetOp = model.program().ops().get(opIndex);
        NDManager parent = images.getManager();
        try (NDManager scope = parent.newSubManager()) {
            NDArray[] leaf = new NDArray[1];
            OpObserver marker = new OpObserver() {
                @Override
                public void after(int index, Op op, NDList inputs, NDList results) {
                    if (index == opIndex) {
                        NDArray a = results.get(position).stopGradient();
                        a.attach(scope);
                        a.setRequiresGradient(true);
                        results.set(position, a);
                        leaf[0] = a;
                    }
                }
            };
            ParameterStore detached = new ParameterStore(scope, false) {
                @Override
                public NDArray getValue(Parameter p, Device device, boolean training) {
                    NDArray v = super.getValue(p, device, training).stopGradient();
                    v.attach(scope);
                    return v;
                }
            };
            OpObserver previous = model.block().observer();
            model.block().setObserver(marker);
            NDArray logits;
            int[] chosen;
            try (GradientCollector collector = parent.getEngine().newGradientCollector()) {
                logits = model.block().forward(detached, new NDList(images), false).head();
                if (logits.getShape().dimension() != 2) {
                    throw new IllegalArgumentException("the design's first output " + model.program().outputNames().get(0)
                            + " is " + logits.getShape() + ", not N×classes: Grad-CAM scores a class logit");
                }
                chosen = chooseClasses(logits, classes);
                float[] oneHot = new float[chosen.length * (int) logits.getShape().get(1)];
                for (int b = 0; b < chosen.length; b++) {
                    oneHot[b * (int) logits.getShape().get(1) + chosen[b]] = 1;
                }
                NDArray pick = scope.create(oneHot, logits.getShape()).toType(logits.getDataType(), false);
                collector.backward(logits.mul(pick).sum());
            } finally {
                model.block().setObserver(previous);
            }
            return new Result(target, targetOp.path(), CapturedTensor.copyOf(leaf[0]),
                    CapturedTensor.copyOf(leaf[0].getGradient()), CapturedTensor.copyOf(logits), chosen);
        }
    }

    private static int[] chooseClasses(NDArray logits, int[] requested) {
        int n = (int) logits.getShape().get(0);
        int k = (int) logits.getShape().get(1);
        if (requested != null && requested.length != n) {
            throw new IllegalArgumentException(requested.length + " classes for " + n + " images");
        }
        float[] v = logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int[] chosen = new int[n];
        for (int b = 0; b < n; b++) {
            if (requested != null && requested[b] >= 0) {
                if (requested[b] >= k) {
                    throw new IllegalArgumentException("class " + requested[b] + " of image " + b + " is outside 0…"
                            + (k - 1));
                }
                chosen[b] = requested[b];
            } else {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (v[b * k + c] > v[b * k + best]) {
                        best = c;
                    }
                }
                chosen[b] = best;
            }
        }
        return chosen;
    }
}
