package org.modelworkbench.trainer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.Optional;
import org.modelworkbench.trainer.compile.DesignBlock;
import org.modelworkbench.trainer.compile.Program;

/**
 * The {@link ExecutionHooks} of each {@link ExecutionMode}, and whether a mode can run here. The engine
 * must have been started ({@link DjlRuntime#start}) before asking for bf16 autocast, whose functions
 * are found in the loaded libtorch.
 *
 * <pre>
 * ExecutionHooks hooks = ExecutionModes.hooks(mode, compiled.program()); // ModeUnavailableException: say why, use fp32
 * hooks.prepareModel(compiled.block());   // before the first forward with any ParameterStore
 * </pre>
 */
public final class ExecutionModes {
    private ExecutionModes() {
    }

    /** Whether {@code mode} can run in this process, and a sentence saying why (or why not). */
    public record Availability(ExecutionMode mode, boolean available, String reason) {
    }

    public static Availability availability(ExecutionMode mode) {
        return switch (mode) {
            case FP32 -> new Availability(mode, true, "plain fp32, always available");
            case FP32_CHANNELS_LAST -> new Availability(mode, true, "fp32 with channels-last strides (a view trick, no native call)");
            case BF16_AUTOCAST -> {
                try {
                    Autocast a = Autocast.get();
                    CpuFeatures cpu = CpuFeatures.current();
                    yield new Availability(mode, true, "libtorch autocast found (" + a.describe() + "); "
                            + (cpu.nativeBf16() ? "the CPU has bf16 instructions (" + cpu.relevantFlags() + ")"
                            : "the CPU has no bf16 instructions (avx512_bf16 or amx_bf16), so bf16 is emulated and slow"));
                } catch (ModeUnavailableException e) {
                    yield new Availability(mode, false, e.getMessage());
                }
            }
        };
    }

    /** The hooks of {@code mode}; fp32 always works. */
    public static ExecutionHooks hooks(ExecutionMode mode) throws ModeUnavailableException {
        return switch (mode) {
            case FP32 -> ExecutionHooks.fp32();
            case FP32_CHANNELS_LAST -> new ChannelsLastHooks();
            case BF16_AUTOCAST -> new Bf16AutocastHooks(Autocast.get());
        };
    }

    /** The hooks of {@code mode} for one compiled design: also refuses a design the mode cannot run. */
    public static ExecutionHooks hooks(ExecutionMode mode, Program program) throws ModeUnavailableException {
        Optional<String> problem = problem(mode, program);
        if (problem.isPresent()) {
            throw new ModeUnavailableException(mode.label() + " cannot run this design: " + problem.get());
        }
        return hooks(mode);
    }

    /** Why {@code mode} cannot run {@code program} (whatever the machine); empty if it can. */
    public static Optional<String> problem(ExecutionMode mode, Program program) {
        return mode == ExecutionMode.BF16_AUTOCAST ? Bf16Compatibility.problem(program) : Optional.empty();
    }

    /** fp32 with channels-last input and convolution weights. */
    static class ChannelsLastHooks implements ExecutionHooks {
        @Override
        public ExecutionMode mode() {
            return ExecutionMode.FP32_CHANNELS_LAST;
        }

        @Override
        public void prepareModel(Block block) {
            ChannelsLast.convertParameters(block);
        }

        @Override
        public NDArray prepareInput(NDArray images) {
            return ChannelsLast.of(images);
        }
    }

    /** Channels-last plus libtorch's bf16 autocast around the forward. */
    static final class Bf16AutocastHooks extends ChannelsLastHooks {
        private final Autocast autocast;

        Bf16AutocastHooks(Autocast autocast) {
            this.autocast = autocast;
        }

        @Override
        public ExecutionMode mode() {
            return ExecutionMode.BF16_AUTOCAST;
        }

        /** Refuses a design with a block that would abort the JVM under bf16 (see {@link Bf16Compatibility}). */
        @Override
        public void prepareModel(Block block) {
            if (block instanceof DesignBlock design) {
                Optional<String> problem = Bf16Compatibility.problem(design.program());
                if (problem.isPresent()) {
                    throw new IllegalArgumentException("bf16-autocast cannot run this design: " + problem.get());
                }
            }
            super.prepareModel(block);
        }

        /** Switches autocast on for this thread; closing (on the same thread) switches it back and clears its cache. */
        @Override
        public Scope forward() {
            Autocast.State before = autocast.enable();
            return new Scope() {
                private boolean closed;

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        autocast.restore(before);
                    }
                }
            };
        }

        /**
         * A bf16 output made fp32 by adding fp32 zeros: type promotion casts it inside the graph, so the
         * gradient flows back. (DJL's toType is not differentiable, and a bf16 DJL type aborts.)
         */
        @Override
        public NDArray toFloat32(NDArray output) {
            if (output.getDataType() == DataType.FLOAT32) {
                return output;
            }
            long[] ones = new long[Math.max(1, output.getShape().dimension())];
            Arrays.fill(ones, 1);
            NDArray zeros = output.getManager().zeros(new Shape(ones), DataType.FLOAT32);
            NDArray result = output.add(zeros);
            zeros.close();
            return result;
        }
    }
}
