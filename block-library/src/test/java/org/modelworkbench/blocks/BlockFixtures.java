package org.modelworkbench.blocks;

import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

/** Shared test helpers for evaluating and expanding blocks; use with a static import. */
public final class BlockFixtures {

    private BlockFixtures() {
    }

    /** Evaluates {@code type} on {@code inputs} (in port order) with the raw parameter values {@code params}. */
    public static Evaluation evaluate(BlockType type, Map<String, ?> params, Shape... inputs)
            throws ShapeException, InvalidParameterException {
        return type.evaluate(List.of(inputs), type.resolve(params));
    }

    /** The inner graph of the composite {@code type} for these parameters and inputs. */
    public static BlockGraph inside(BlockType type, Map<String, ?> params, Shape... inputs)
            throws ShapeException, InvalidParameterException {
        return ((CompositeBlockType) type).expand(List.of(inputs), type.resolve(params));
    }

    /** The ids of the inner nodes of the composite {@code type}, in graph order. */
    public static List<String> innerIds(BlockType type, Map<String, ?> params, Shape... inputs)
            throws ShapeException, InvalidParameterException {
        return inside(type, params, inputs).nodes().stream().map(BlockGraph.Node::id).toList();
    }

}
