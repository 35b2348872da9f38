package org.modelworkbench.app.docs;

import java.util.List;
import java.util.stream.Collectors;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.PortSpec;

/** Generates docs/blocks.md, the reference of every block type, from the library itself. */
public final class BlockReference {
    private BlockReference() {
    }

    public static String markdown(BlockLibrary library) {
        StringBuilder b = new StringBuilder();
        b.append("# Block reference\n\n")
                .append("Generated from the block library by `./workbench blocks --markdown` (a test keeps it in step).\n")
                .append("Every block type with its id (as written in project files), ports, hyper-parameters, defaults\n")
                .append("and valid ranges. Costs: MACs count conv, linear and matmul (attention matmuls and the selective\n")
                .append("scan at (3N+1) per token, channel and direction included); activations, norms, pooling and\n")
                .append("element-wise operations count 0; FLOPs = 2 × MACs. Parameters are trainable tensors only.\n\n")
                .append("Layouts: every tensor has a layout as well as a shape — `NCHW` (channels-first N×C×H×W), `NHWC`\n")
                .append("(channels-last N×H×W×C), `NTD` (tokens N×T×D), `NCL` (channels-first sequence N×C×L), `ND` (vector\n")
                .append("N×D), `NKDT` (VMamba's scan sequences N×K×D×T) or `any` (unknown, after a reshape). Each block's\n")
                .append("\"Layouts\" line says what its inputs may be and what it produces (with default parameters; for a\n")
                .append("composite, what its input may be — its inside is checked block by block). A tensor in another\n")
                .append("layout is an error naming both layouts; `tensor.permute` converts (`[0, 2, 3, 1]`: NCHW → NHWC,\n")
                .append("`[0, 3, 1, 2]`: back). A `layout` parameter set to `auto` follows the input; a convolution's\n")
                .append("`padding` set to `auto` is d·(k−1)/2 for an odd kernel and 0 for an even one.\n\n");
        Category current = null;
        for (BlockType t : library.types()) {
            if (t.category() != current) {
                current = t.category();
                b.append("## ").append(current.displayName()).append("\n\n");
            }
            b.append("### `").append(t.id()).append("` — ").append(t.displayName())
                    .append(t.isComposite() ? " (composite)" : "").append("\n\n");
            b.append(t.description()).append("\n\n");
            if (!t.paper().citation().isEmpty()) {
                b.append("Source: ").append(t.paper()).append("\n\n");
            }
            var defaults = t.defaults();
            b.append("Inputs: ").append(ports(t.inputs(defaults))).append(". Outputs: ")
                    .append(ports(t.outputs(defaults))).append(".\n\n");
            String layouts = LayoutProbe.describe(t);
            if (layouts != null) {
                b.append("Layouts: ").append(layouts).append(".\n\n");
            }
            if (!t.params().isEmpty()) {
                b.append("| parameter | type | default | valid values | meaning |\n|---|---|---|---|---|\n");
                for (ParamSpec p : t.params()) {
                    b.append("| `").append(p.name()).append("` | ").append(p.kind().name().toLowerCase().replace('_', ' '))
                            .append(" | `").append(p.defaultValue()).append("` | ").append(p.rangeText().replace("|", "\\|"))
                            .append(" | ").append(p.doc().replace("|", "\\|"))
                            .append(p.unit().isEmpty() ? "" : " (" + p.unit() + ")").append(" |\n");
                }
                b.append('\n');
            } else {
                b.append("No hyper-parameters.\n\n");
            }
        }
        return b.toString();
    }

    private static String ports(List<PortSpec> ports) {
        if (ports.isEmpty()) {
            return "none";
        }
        return ports.stream().map(p -> "`" + p.name() + "` (" + p.layout() + ")").collect(Collectors.joining(", "));
    }
}
