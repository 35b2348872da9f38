package org.modelworkbench.blocks.type;

import java.util.List;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/** A block whose shapes and costs come from one closed-form rule. */
public final class PrimitiveBlockType extends AbstractBlockType {

    /** The shape and cost rule of a primitive. */
    @FunctionalInterface
    public interface Rule {
        Evaluation apply(Inputs in, ParamValues p) throws ShapeException;
    }

    private final Rule rule;

    public PrimitiveBlockType(BlockSpec spec, Rule rule) {
        super(spec);
        this.rule = rule;
    }

    @Override
    public boolean isComposite() {
        return false;
    }

    @Override
    public Evaluation evaluate(List<Shape> inputs, List<Layout> layouts, ParamValues values) throws ShapeException {
        List<PortSpec> ports = inputs(values);
        if (inputs.size() != ports.size()) {
            throw new ShapeException(null, "expects " + ports.size() + " inputs, got " + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).numel() == 0) {
                throw new ShapeException(ports.get(i).name(), "the input " + inputs.get(i) + " is empty (a dimension of size 0)");
            }
        }
        Inputs in = new Inputs(ports, inputs, layouts);
        ParamValues bound = spec.binder().bind(in, values);
        List<Layout> out = null;
        if (layouts != null) {
            out = spec.layoutRule().apply(in, bound, outputs(values).size());
        }
        Evaluation ev = rule.apply(in, bound);
        return out == null ? ev : ev.withLayouts(out);
    }
}
