package org.modelworkbench.trainer.probe;

/**
 * Changes a batch before the model sees it (the app passes low- and high-pass Fourier filters, after
 * Park &amp; Kim 2022, for robustness curves). It receives the normalised batch B×C×H×W as a row-major copy
 * it may change in place, and returns the batch to run, of the same length.
 */
@FunctionalInterface
public interface BatchTransform {
    BatchTransform IDENTITY = (values, shape) -> values;

    /** @param shape {B, C, H, W} */
    float[] apply(float[] values, int[] shape);
}
