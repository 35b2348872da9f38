package org.modelworkbench.blocks.type;

import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/**
 * A kind of block: data (id, category, parameters, ports, documentation) plus pure rules that map
 * input shapes and parameter values to output shapes and costs. Knows nothing of any graph it sits in.
 */
public interface BlockType {

    /** Stable id used in project files, e.g. {@code "swin.block"}; never a Java class name. */
    String id();

    String displayName();

    Category category();

    /** One paragraph: what the block computes, its layout, and how its costs are counted. */
    String description();

    Paper paper();

    List<ParamSpec> params();

    /** The parameters worth showing on a node's face, most important first. */
    List<String> keyParams();

    List<PortSpec> inputs(ParamValues values);

    List<PortSpec> outputs(ParamValues values);

    /** True when the block is a small design of other blocks that the user can open. */
    boolean isComposite();

    /**
     * Output shapes and costs for these input shapes (one per input port, in port order).
     *
     * @throws ShapeException naming the port (or the block) when the inputs do not fit
     */
    default Evaluation evaluate(List<Shape> inputs, ParamValues values) throws ShapeException {
        return evaluate(inputs, null, values);
    }

    /**
     * Output shapes, layouts and costs for these input tensors. With {@code layouts} null (a
     * shape-only evaluation) layouts are not checked and the outputs are {@link Layout#ANY}; otherwise
     * the input layouts are checked first (a {@link LayoutException} names the port) and the outputs
     * carry theirs. A composite checks the layouts of its inside too.
     */
    Evaluation evaluate(List<Shape> inputs, List<Layout> layouts, ParamValues values) throws ShapeException;

    /**
     * The values with every "auto" resolved for these inputs (layouts null: unknown), e.g. to show
     * "padding auto (3)"; the values themselves when the block has nothing automatic.
     */
    default ParamValues bind(ParamValues values, List<Shape> inputs, List<Layout> layouts) throws ShapeException {
        return values;
    }

    /** Validates raw values (defaults filled in, unknown names rejected); see {@link ParamValues#resolve}. */
    default ParamValues resolve(Map<String, ?> raw) throws InvalidParameterException {
        return ParamValues.resolve(params(), raw);
    }

    /** Default values of every parameter. */
    default ParamValues defaults() {
        try {
            return resolve(Map.of());
        } catch (InvalidParameterException e) {
            throw new IllegalStateException(id() + " has an invalid default: " + e.getMessage(), e);
        }
    }

    default ParamSpec param(String name) {
        for (ParamSpec p : params()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(id() + " has no parameter " + name);
    }
}
