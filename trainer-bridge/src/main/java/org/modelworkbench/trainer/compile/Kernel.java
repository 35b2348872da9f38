package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/** The DJL computation of one primitive op. */
@FunctionalInterface
public interface Kernel {
    NDList apply(Step step, NDList inputs);

    /** What a kernel may ask for while it runs. */
    interface Step {
        /** The value of one of this model's parameters (on the input's device). */
        NDArray value(Parameter p);

        boolean training();

        /**
         * True when an observer asked for this op's internal values; a kernel hands them to
         * {@link #capture} only then, so that nothing is spent on them otherwise.
         */
        default boolean capturing() {
            return false;
        }

        /**
         * Hands out an internal value of the running op, such as the post-softmax attention
         * probabilities ("attention"); the array belongs to the step.
         */
        default void capture(String name, NDArray value) {
        }
    }

    /** Where a kernel declares its parameters while it is built; names are local ("weight"). */
    interface Params {
        /** A trainable parameter, counted like the block library counts it. */
        Parameter trainable(String name, Parameter.Type type, Shape shape, Initializer init);

        /** A buffer such as BatchNorm's running statistics: saved with the model, never trained or counted. */
        Parameter buffer(String name, Parameter.Type type, Shape shape, Initializer init);
    }
}
