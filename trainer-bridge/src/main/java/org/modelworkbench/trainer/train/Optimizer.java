package org.modelworkbench.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;

/**
 * A parameter update written by hand with PyTorch's semantics, applied in place. Memory: DJL attaches
 * an operation's result to the manager of its first operand, so a temporary derived from a parameter,
 * a gradient ({@code getGradient()} returns a new handle each call) or a state buffer would land in a
 * long-lived manager and leak every step (about 330 MB an epoch, cpu-training-performance.md); every
 * such temporary is therefore attached to the step's manager. State buffers live in the optimizer's own
 * manager, closed by {@link #close()}.
 */
public interface Optimizer extends AutoCloseable {
    /**
     * Updates every parameter from its gradient with learning rate {@code lr}, then zeroes the gradients.
     *
     * @param step    the step's manager: every temporary is attached to it
     * @param measure whether to return the update sizes
     * @return when {@code measure}, per parameter the squared L2 norm of this step's change; else null
     */
    double[] step(double lr, NDManager step, boolean measure);

    /** Frees the momentum or moment buffers. */
    @Override
    void close();

    /** "sgd" or "adamw" as the configuration asks, over {@code params} (arrays that require gradients). */
    static Optimizer of(TrainingConfig config, List<NDArray> params, NDManager parent) {
        return switch (config.optimizer().toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(params, parent, config.momentum(), config.nesterov(), config.weightDecay());
            case "adamw" -> new AdamW(params, parent, config.momentum(), AdamW.BETA2, AdamW.EPS, config.weightDecay());
            default -> throw new IllegalArgumentException("unknown optimizer '" + config.optimizer() + "' (sgd, adamw)");
        };
    }

    /** Attaches {@code array} to {@code manager} and returns it: the one idiom for every temporary. */
    static NDArray on(NDManager manager, NDArray array) {
        array.attach(manager);
        return array;
    }

    /** Squared L2 norm of an array, as a Java number (the reductions stay in the step's manager). */
    static double squaredNorm(NDArray array, NDManager manager) {
        return on(manager, on(manager, array.square()).sum()).getFloat();
    }
}
