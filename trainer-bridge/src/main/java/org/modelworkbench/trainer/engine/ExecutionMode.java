package org.modelworkbench.trainer.engine;

/**
 * How the trainer runs a design's arithmetic. Which one is fastest depends on the host (an AVX-512
 * bf16 machine: bf16 autocast with channels-last; an AVX2-only one: fp32 channels-last, bf16 there is
 * emulated and 20× slower), so the fast mode is chosen per machine by a measured start-up check and
 * falls back to {@link #FP32}. DJL's own BFLOAT16 arrays abort the JVM and are never created.
 */
public enum ExecutionMode {
    /** Plain fp32, NCHW: always available, the reference. */
    FP32,
    /** fp32 with channels-last strides on the input and the conv weights. */
    FP32_CHANNELS_LAST,
    /** libtorch's CPU autocast to bf16 (switched on through JNA) with channels-last strides. */
    BF16_AUTOCAST;

    /** The name used on the command line, in run records and in the GUI ("fp32", "fp32-cl", "bf16-autocast"). */
    public String label() {
        return switch (this) {
            case FP32 -> "fp32";
            case FP32_CHANNELS_LAST -> "fp32-cl";
            case BF16_AUTOCAST -> "bf16-autocast";
        };
    }

    public static ExecutionMode fromLabel(String label) {
        for (ExecutionMode m : values()) {
            if (m.label().equalsIgnoreCase(label) || m.name().equalsIgnoreCase(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown execution mode '" + label + "' (fp32, fp32-cl, bf16-autocast)");
    }
}
