package org.modelworkbench.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * {@code torch.optim.AdamW} (amsgrad off): decoupled weight decay p −= lr·wd·p, moments
 * m = β1·m + (1−β1)·g and v = β2·v + (1−β2)·g², bias-corrected step
 * p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε). Both changes are applied as one in-place subtraction.
 */
public final class AdamW implements Optimizer {
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final List<NDArray> params;
    private final NDManager state;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDArray[] m;
    private final NDArray[] v;
    private long t;

    public AdamW(List<NDArray> params, NDManager parent, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW's betas must be in [0, 1): " + beta1 + ", " + beta2);
        }
        this.params = List.copyOf(params);
        this.state = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new NDArray[params.size()];
        this.v = new NDArray[params.size()];
    }

    @Override
    public double[] step(double lr, NDManager step, boolean measure) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        double[] sizes = measure ? new double[params.size()] : null;
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = Optimizer.on(step, p.getGradient());
            if (m[i] == null) {
                m[i] = buffer(p);
                v[i] = buffer(p);
            }
            m[i].muli(beta1).addi(g.mul(1 - beta1));
            v[i].muli(beta2).addi(Optimizer.on(step, g.square()).mul(1 - beta2));
            NDArray denom = Optimizer.on(step, v[i].sqrt()).div(bc2Sqrt).add(eps);
            NDArray update = Optimizer.on(step, m[i].div(denom)).mul(stepSize);
            if (weightDecay != 0) {
                update = update.add(Optimizer.on(step, p.mul(lr * weightDecay)));
            }
            p.subi(update);
            if (measure) {
                sizes[i] = Optimizer.squaredNorm(update, step);
            }
            g.subi(g);
        }
        return sizes;
    }

    private NDArray buffer(NDArray like) {
        NDArray b = state.zeros(like.getShape(), like.getDataType());
        NDScope.unregister(b); // created inside a step's scope, it must outlive it
        return b;
    }

    @Override
    public void close() {
        state.close();
    }
}
