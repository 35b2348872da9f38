package org.modelworkbench.trainer.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step as the measurements run it (the mode check and {@code bench train}): the forward
 * under an {@link ExecutionHooks}, label-smoothed cross-entropy, backward, and optionally SGD with
 * Nesterov momentum and weight decay in PyTorch's formulation. Deliberately small; the trainer has
 * its own loop and optimizers. Every temporary is attached to the step's manager (results of an op
 * land in the manager of its first operand, so {@code param.mul(wd)} would otherwise stay in the
 * model's manager for good).
 */
public final class TrainingStep implements AutoCloseable {
    private final Block block;
    private final ExecutionHooks hooks;
    private final ParameterStore store;
    private final float labelSmoothing;
    private final List<NDArray> params = new ArrayList<>();
    private final List<NDArray> momentum = new ArrayList<>();
    private final NDManager stateManager;

    /**
     * @param block  an initialised model whose parameters the hooks have already prepared
     * @param store  the model's parameter store (copy off)
     * @param manager where the momentum buffers live (closed with this step)
     */
    public TrainingStep(Block block, ExecutionHooks hooks, ParameterStore store, float labelSmoothing, NDManager manager) {
        this.block = block;
        this.hooks = hooks;
        this.store = store;
        this.labelSmoothing = labelSmoothing;
        this.stateManager = manager.newSubManager();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray array = p.getValue().getArray();
                params.add(array);
                // libtorch's zeros_like keeps the parameter's strides (DJL's zerosLike would not).
                NDArray buffer = JniUtils.zerosLike((PtNDArray) array, array.getDataType(), array.getDevice(),
                        SparseFormat.DENSE);
                buffer.attach(stateManager);
                momentum.add(buffer);
            }
        }
    }

    /** The logits of {@code images} in evaluation mode (no gradients), as fp32 values. */
    public float[] evaluate(NDArray images) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager step = images.getManager().newSubManager()) {
            // A copy in the step's manager, so that everything derived from it is freed with the step.
            NDArray copy = images.duplicate();
            copy.attach(step);
            NDArray input = hooks.prepareInput(copy);
            NDArray logits;
            try (ExecutionHooks.Scope s = hooks.forward()) {
                logits = hooks.toFloat32(block.forward(store, new NDList(input), false).head());
            }
            logits.attach(step);
            return logits.toFloatArray();
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Forward, loss and backward on {@code images} and integer {@code labels} (both in {@code step}, a
     * manager the caller closes after the step); then, if {@code learningRate > 0}, the SGD update.
     * Gradients are zeroed afterwards. Returns the loss.
     */
    public float run(NDManager step, NDArray images, NDArray labels, float learningRate, float momentumFactor,
                     float weightDecay) {
        boolean grad = JniUtils.isGradMode();
        float loss;
        try {
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray input = hooks.prepareInput(images);
                NDArray logits;
                try (ExecutionHooks.Scope s = hooks.forward()) {
                    logits = hooks.toFloat32(block.forward(store, new NDList(input), true).head());
                }
                NDArray value = crossEntropy(logits, labels, labelSmoothing);
                collector.backward(value);
                loss = value.getFloat();
            }
            // The update must not be recorded: libtorch refuses in-place changes of leaves that need a
            // gradient while grad mode is on, which is the default on every thread but the engine's first.
            JniUtils.setGradMode(false);
            if (learningRate > 0) {
                update(step, learningRate, momentumFactor, weightDecay);
            }
            for (NDArray p : params) {
                JniUtils.zeroGrad((PtNDArray) p);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return loss;
    }

    /** PyTorch's SGD: d = g + wd·p; buf = m·buf + d; p −= lr·(d + m·buf) (Nesterov). */
    private void update(NDManager step, float lr, float m, float wd) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray buf = momentum.get(i);
            NDArray g = p.getGradient();
            g.attach(step);
            NDArray decay = p.mul(wd);
            decay.attach(step);
            NDArray d = g.add(decay);
            buf.muli(m).addi(d);
            NDArray look = buf.mul(m);
            look.attach(step);
            NDArray change = d.add(look).muli(lr);
            p.subi(change);
        }
    }

    /** Cross-entropy with label smoothing ε: −Σ ((1−ε)·onehot + ε/K) · log softmax, averaged over the batch. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, float smoothing) {
        long classes = logits.getShape().get(1);
        NDArray logp = logits.logSoftmax(1);
        NDArray target = labels.oneHot((int) classes).muli(1 - smoothing).addi(smoothing / classes);
        return logp.mul(target).sum(new int[] {1}).neg().mean();
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
