package org.modelworkbench.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * {@code torch.optim.SGD} (dampening 0): d = g + wd·p (coupled weight decay); with momentum μ,
 * b = d on the first step and b = μ·b + d after; Nesterov uses d + μ·b, plain momentum b; then
 * p −= lr·d.
 */
public final class Sgd implements Optimizer {
    private final List<NDArray> params;
    private final NDManager state;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final NDArray[] buffers;

    public Sgd(List<NDArray> params, NDManager parent, double momentum, boolean nesterov, double weightDecay) {
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0 (got " + momentum + ")");
        }
        this.params = List.copyOf(params);
        this.state = parent.newSubManager();
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.buffers = new NDArray[params.size()];
    }

    @Override
    public double[] step(double lr, NDManager step, boolean measure) {
        double[] sizes = measure ? new double[params.size()] : null;
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = Optimizer.on(step, p.getGradient());
            NDArray d = weightDecay != 0 ? g.add(Optimizer.on(step, p.mul(weightDecay))) : g;
            if (momentum != 0) {
                NDArray b = buffers[i];
                if (b == null) {
                    b = d.duplicate();
                    b.attach(state);
                    NDScope.unregister(b); // it outlives the step's scope
                    buffers[i] = b;
                } else {
                    b.muli(momentum).addi(d);
                }
                d = nesterov ? d.add(Optimizer.on(step, b.mul(momentum))) : b;
            }
            NDArray update = Optimizer.on(step, d.mul(lr));
            p.subi(update);
            if (measure) {
                sizes[i] = Optimizer.squaredNorm(update, step);
            }
            g.subi(g);
        }
        return sizes;
    }

    @Override
    public void close() {
        state.close();
    }
}
