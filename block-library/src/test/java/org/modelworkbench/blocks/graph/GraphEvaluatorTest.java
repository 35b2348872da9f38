package org.modelworkbench.blocks.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.activation.ActivationBlocks;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.merge.MergeBlocks;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.ShapeException;

class GraphEvaluatorTest {

    /** left → conv3×3 (64→64, no bias) → BN → ReLU → add(·, right). */
    private static BlockGraph residual() throws ShapeException {
        GraphBuilder g = new GraphBuilder("left", "right");
        Ref y = g.add("conv", ConvBlocks.CONV2D, Map.of("out_channels", 64, "bias", false), g.input("left"));
        y = g.add("bn", NormBlocks.BATCH_NORM, Map.of(), y);
        y = g.add("relu", ActivationBlocks.RELU, Map.of(), y);
        y = g.add("add", MergeBlocks.ADD, Map.of(), y, g.input("right"));
        return g.output("y", y).build();
    }

    @Test
    void costsAreTheSumsOfTheInsideInTopologicalOrder() throws Exception {
        // conv 64·64·9 = 36,864 params, 3136·36,864 = 115,605,504 MACs; BN 128 params; ReLU and add free
        // activations: four outputs of 64·56·56 = 200,704 values · 4 bytes
        GraphEvaluation e = GraphEvaluator.evaluate(residual(), List.of(Shape.of(1, 64, 56, 56), Shape.of(1, 64, 56, 56)));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 56, 56));
        assertThat(e.params()).isEqualTo(36_992L);
        assertThat(e.macs()).isEqualTo(115_605_504L);
        assertThat(e.activationBytes()).isEqualTo(4L * 200_704 * 4);
        assertThat(e.nodes().keySet()).containsExactly("conv", "bn", "relu", "add");
        assertThat(e.nodes().get("bn").params()).isEqualTo(128L);
        assertThat(e.asEvaluation().params()).isEqualTo(36_992L);
    }

    @Test
    void anInnerErrorOnAPortFedByABoundaryInputMovesToThatInput() throws Exception {
        // the add's port b is wired straight from the boundary input "right"
        assertThatThrownBy(() -> GraphEvaluator.evaluate(residual(), List.of(Shape.of(1, 64, 56, 56), Shape.of(1, 32, 56, 56))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("in add (Add): cannot combine 1×64×56×56 with 1×32×56×56: dimension 1 is 64 on one side and 32 on the other")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("right"));
        // the conv's port x is wired from "left"
        assertThatThrownBy(() -> GraphEvaluator.evaluate(residual(), List.of(Shape.of(1, 64, 56), Shape.of(1, 64, 56, 56))))
                .isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("in conv (Conv2d): expects a 4-D tensor")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("left"));
    }

    @Test
    void anInnerErrorOnAPortFedByAnotherNodeStaysOnTheBlock() throws Exception {
        GraphBuilder g = new GraphBuilder("x");
        Ref y = g.add("to_tokens", TensorBlocks.FLATTEN, Map.of("start_dim", 2), g.input("x"));
        y = g.add("pool", org.modelworkbench.blocks.pool.PoolBlocks.MAX2D, Map.of(), y);
        BlockGraph graph = g.output("y", y).build();
        assertThatThrownBy(() -> GraphEvaluator.evaluate(graph, List.of(Shape.of(1, 8, 4, 4))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("in pool (Max pool): expects a 4-D tensor N×C×H×W, got 3-D 1×8×16")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
    }

    @Test
    void anInnerErrorOfTheBlockAsAWholeStaysOnTheBlock() throws Exception {
        // groups = 3 does not divide Cout = 64: reported with no port inside, so none outside
        GraphBuilder g = new GraphBuilder("x");
        Ref y = g.add("conv", ConvBlocks.CONV2D, Map.of("out_channels", 64, "groups", 3), g.input("x"));
        BlockGraph graph = g.output("y", y).build();
        assertThatThrownBy(() -> GraphEvaluator.evaluate(graph, List.of(Shape.of(1, 48, 8, 8))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("in conv (Conv2d): groups = 3 must divide the 64 output channels")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isNull());
    }

    @Test
    void theWrongNumberOfBoundaryInputsIsAnError() throws Exception {
        assertThatThrownBy(() -> GraphEvaluator.evaluate(residual(), List.of(Shape.of(1, 64, 56, 56))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects 2 inputs, got 1");
    }

    @Test
    void multiOutputNodesAreWiredByPort() throws Exception {
        // split 1×96×8×8 into 32 + 64, then add y0 to itself; output y1 too
        GraphBuilder g = new GraphBuilder("x");
        List<Ref> parts = g.addNode("split", TensorBlocks.SPLIT, Map.of("sizes", List.of(32, 64)), g.input("x"));
        Ref sum = g.add("add", MergeBlocks.ADD, Map.of(), parts.get(0), parts.get(0));
        BlockGraph graph = g.output("a", sum).output("b", parts.get(1)).build();
        GraphEvaluation e = GraphEvaluator.evaluate(graph, List.of(Shape.of(1, 96, 8, 8)));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 32, 8, 8), Shape.of(1, 64, 8, 8));
    }

    @Test
    void theBuilderTurnsAnInvalidDerivedParameterIntoAShapeErrorNamingTheInnerNode() {
        GraphBuilder g = new GraphBuilder("x");
        assertThatThrownBy(() -> g.add("conv", ConvBlocks.CONV2D, Map.of("kernel", 0), g.input("x")))
                .isInstanceOf(ShapeException.class)
                .hasMessage("inner block 'conv' (Conv2d): kernel: must be between 1 and 63, got 0");
    }

    @Test
    void theBuilderRejectsMiswiring() throws Exception {
        GraphBuilder g = new GraphBuilder("x");
        assertThatThrownBy(() -> g.add("add", MergeBlocks.ADD, Map.of(), g.input("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("merge.add has 2 inputs, wired 1");
        g.add("relu", ActivationBlocks.RELU, Map.of(), g.input("x"));
        assertThatThrownBy(() -> g.add("relu", ActivationBlocks.RELU, Map.of(), g.input("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.add("gelu", ActivationBlocks.GELU, Map.of(), new Ref("nowhere", "y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.input("z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GraphBuilder("x").build()).isInstanceOf(IllegalStateException.class);
    }
}
