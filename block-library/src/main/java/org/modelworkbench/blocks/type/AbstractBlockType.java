package org.modelworkbench.blocks.type;

import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;

/** Serves the {@link BlockSpec} half of {@link BlockType}. */
public abstract class AbstractBlockType implements BlockType {
    protected final BlockSpec spec;

    protected AbstractBlockType(BlockSpec spec) {
        this.spec = spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String displayName() {
        return spec.displayName();
    }

    @Override
    public Category category() {
        return spec.category();
    }

    @Override
    public String description() {
        return spec.description();
    }

    @Override
    public Paper paper() {
        return spec.paper();
    }

    @Override
    public List<ParamSpec> params() {
        return spec.params();
    }

    @Override
    public List<String> keyParams() {
        return spec.keyParams();
    }

    @Override
    public List<PortSpec> inputs(ParamValues values) {
        return spec.inputs().apply(values);
    }

    @Override
    public List<PortSpec> outputs(ParamValues values) {
        return spec.outputs().apply(values);
    }

    /** What the block accepts and produces. */
    public LayoutRule layoutRule() {
        return spec.layoutRule();
    }

    @Override
    public ParamValues bind(ParamValues values, List<Shape> inputs, List<Layout> layouts) throws ShapeException {
        return spec.binder().bind(new Inputs(inputs(values), inputs, layouts), values);
    }

    @Override
    public String toString() {
        return id();
    }
}
