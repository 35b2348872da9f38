package org.modelworkbench.trainer.compile;

/**
 * DJL's batch-norm momentum is the weight of the old running statistic (MXNet's convention); PyTorch's
 * and the block library's is the weight of the newest batch. The PyTorch engine hands DJL's value to
 * libtorch as 1 − momentum, so a PyTorch momentum m is passed to DJL as 1 − m.
 */
final class BatchNormMomentum {
    private BatchNormMomentum() {
    }

    static float djl(float pytorchMomentum) {
        return 1 - pytorchMomentum;
    }
}
