package org.modelworkbench.trainer.train;

/**
 * One block's health at one inspection step, for the canvas heat-map and the block's curves. NaN
 * where a statistic does not apply (a block without weights has no weight norm).
 *
 * @param node          the top-level node id of the design (a composite's primitives are summed into it)
 * @param weightNorm    L2 norm of the block's trainable parameters
 * @param gradNorm      L2 norm of their gradients at this step
 * @param updateRatio   ‖Δw‖ / ‖w‖ of this step's update (healthy around 1e-3)
 * @param activationMean mean of the block's (first) output
 * @param activationStd  standard deviation of that output
 * @param deadFraction   fraction of that output's elements that are exactly ≤ 0 after a ReLU-like
 *                       block, or exactly 0 otherwise
 */
public record BlockStats(String node, double weightNorm, double gradNorm, double updateRatio,
                         double activationMean, double activationStd, double deadFraction) {
}
