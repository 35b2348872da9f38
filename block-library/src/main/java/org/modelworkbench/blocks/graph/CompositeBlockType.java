package org.modelworkbench.blocks.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.AbstractBlockType;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
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

    private record Key(ParamValues params, List<Shape> inputs) {
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
        List<PortSpec> ports = inputs(values);
        if (inputs.size() != ports.size()) {
            throw new ShapeException(null, "expects " + ports.size() + " inputs, got " + inputs.size());
        }
        return expander.expand(new Inputs(ports, inputs), values);
    }

    @Override
    public Evaluation evaluate(List<Shape> inputs, ParamValues values) throws ShapeException {
        Key key = new Key(values, List.copyOf(inputs));
        Outcome outcome;
        synchronized (cache) {
            outcome = cache.get(key);
        }
        if (outcome == null) {
            try {
                outcome = new Outcome(GraphEvaluator.evaluate(expand(inputs, values), inputs).asEvaluation(), null);
            } catch (ShapeException e) {
                outcome = new Outcome(null, e);
            }
            synchronized (cache) {
                cache.put(key, outcome);
            }
        }
        if (outcome.error() != null) {
            throw new ShapeException(outcome.error().port(), outcome.error().getMessage());
        }
        return outcome.evaluation();
    }
}
