package org.modelworkbench.trainer.engine;

import java.util.Optional;
import java.util.Set;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.Program;

/**
 * Which compiled designs may run under bf16 autocast. Under autocast, arrays in the forward are bf16,
 * and DJL 0.36 aborts the whole JVM (SIGABRT, no exception) whenever it passes a bf16 array's type back
 * to libtorch: {@code softmax}/{@code logSoftmax} (they send the input's type), and any kernel that
 * creates an array "of the input's type" ({@code zeros(shape, x.getDataType())}, {@code toType},
 * {@code randomUniform}). So a design runs under autocast only if every primitive is on this list,
 * each checked against its kernel; a kernel added or changed later stays off it until checked, which
 * costs speed, never the process.
 */
public final class Bf16Compatibility {
    /** Kernels that only call type-free DJL operations (conv, matmul, norms, element-wise, views). */
    private static final Set<String> SAFE = Set.of(
            "conv.conv2d", "conv.depthwise", "conv.pointwise", "linear.linear",
            "norm.batch_norm", "norm.layer_norm", "norm.group_norm", "norm.layer_scale",
            "activation.relu", "activation.relu6", "activation.gelu", "activation.silu", "activation.hardswish",
            "activation.sigmoid", "activation.hardsigmoid",
            "merge.add", "merge.subtract", "merge.multiply",
            "pool.max2d", "pool.global_avg", "regularization.dropout",
            "tensor.flatten", "tensor.reshape", "tensor.permute", "tensor.concat", "tensor.split", "tensor.chunk",
            "tensor.roll", "tensor.select", "tensor.space_to_depth",
            "embedding.class_token", "embedding.position_learned");

    private Bf16Compatibility() {
    }

    /** Why {@code program} cannot run under bf16 autocast, naming the first block that prevents it; empty if it can. */
    public static Optional<String> problem(Program program) {
        for (Op op : program.ops()) {
            Optional<String> why = problem(op.type().id(), op.params());
            if (why.isPresent()) {
                return Optional.of("block '" + op.path() + "' (" + op.type().id() + ") " + why.get());
            }
        }
        return Optional.empty();
    }

    static Optional<String> problem(String typeId, ParamValues p) {
        if (SAFE.contains(typeId)) {
            return Optional.empty();
        }
        switch (typeId) {
            case "pool.avg2d":
                // Without count_include_pad the kernel pools a map of ones of the input's type.
                return p.bool("count_include_pad") || p.integer("padding") == 0 ? Optional.empty()
                        : Optional.of("pools a map of ones created with the input's type");
            case "regularization.drop_path":
                return p.real("p") == 0 ? Optional.empty()
                        : Optional.of("draws its mask with the input's type");
            case "tensor.pad":
                return p.choice("mode").equals("reflect") || p.choice("mode").equals("replicate") ? Optional.empty()
                        : Optional.of("pads with zeros created with the input's type");
            case "attention.sdpa", "swin.window_attention_core":
                return Optional.of("takes a softmax, which DJL calls with the input's type");
            default:
                return Optional.of("has not been checked for bf16 (DJL aborts the process on a bf16 type)");
        }
    }
}
