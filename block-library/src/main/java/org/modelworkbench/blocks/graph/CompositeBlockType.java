package org.modelworkbench.blocks.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.AbstractBlockType;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.LayoutException;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * A block that is a small design of other blocks, generated from its parameters and input shapes
 * (so {@code expand_ratio} or a projection shortcut changes the inside). Its costs are the sums of
 * its inside, so the primitive formulas are the only ones to get right.
 */
public final class CompositeBlockType extends AbstractBlockType {

    /** Generates the inside for given inputs and parameters. */
    @FunctionalInterface
    public interface Expander {
        BlockGraph expand(Inputs in, ParamValues p) throws ShapeException;
    }

    private record Key(ParamValues params, List<Shape> inputs, List<Layout> layouts) {
    }

    private record Outcome(Evaluation evaluation, ShapeException error) {
    }

    private static final int CACHE_SIZE = 512;

    private final Expander expander;
    // Designs repeat the same block with the same inputs many times (a ResNet stage, a Swin stage):
    // remembering the last outcomes keeps whole-design analysis fast.
    private final Map<Key, Outcome> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Outcome> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public CompositeBlockType(BlockSpec spec, Expander expander) {
        super(spec);
        this.expander = expander;
    }

    @Override
    public boolean isComposite() {
        return true;
    }

    /** The inside of this block for these inputs and parameters, e.g. to open it in the editor. */
    public BlockGraph expand(List<Shape> inputs, ParamValues values) throws ShapeException {
        return expand(inputs, null, values);
    }

    /** The inside for these input tensors; with layouts, "auto" values follow them. */
    public BlockGraph expand(List<Shape> inputs, List<Layout> layouts, ParamValues values) throws ShapeException {
        List<PortSpec> ports = inputs(values);
        if (inputs.size() != ports.size()) {
            throw new ShapeException(null, "expects " + ports.size() + " inputs, got " + inputs.size());
        }
        Inputs in = new Inputs(ports, inputs, layouts);
        return expander.expand(in, spec.binder().bind(in, values));
    }

    @Override
    public Evaluation evaluate(List<Shape> inputs, List<Layout> layouts, ParamValues values) throws ShapeException {
        Key key = new Key(values, List.copyOf(inputs), layouts == null ? null : List.copyOf(layouts));
        Outcome outcome;
        synchronized (cache) {
            outcome = cache.get(key);
        }
        if (outcome == null) {
            try {
                if (layouts != null) {
                    // What the block itself accepts comes first: one message about the input, not one
                    // about whichever inner block happens to trip over it.
                    Inputs in = new Inputs(inputs(values), inputs, layouts);
                    spec.layoutRule().apply(in, spec.binder().bind(in, values), outputs(values).size());
                }
                outcome = new Outcome(GraphEvaluator.evaluate(expand(inputs, layouts, values), inputs, layouts)
                        .asEvaluation(), null);
            } catch (ShapeException e) {
                outcome = new Outcome(null, e);
            }
            synchronized (cache) {
                cache.put(key, outcome);
            }
        }
        if (outcome.error() != null) {
            ShapeException e = outcome.error();
            if (e instanceof LayoutException l) {
                throw l.relocated(l.port(), l.getMessage());
            }
            throw new ShapeException(e.port(), e.getMessage());
        }
        return outcome.evaluation();
    }
}
