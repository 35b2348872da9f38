package org.modelworkbench.blocks.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.graph.GraphBuilder;
import org.modelworkbench.blocks.norm.NormBlocks;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Shape;

class CompositeBlockTypeTest {

    /** conv3×3 (groups g, no bias) → BN, counting how often it is expanded. */
    private static CompositeBlockType convBn(AtomicInteger expansions) {
        return new CompositeBlockType(
                BlockSpec.builder("test.conv_bn", "Conv-BN", Category.CONVOLUTION)
                        .param(ParamSpec.integer("out_channels", 64, 1, 4096, ""))
                        .param(ParamSpec.integer("groups", 1, 1, 4096, ""))
                        .input("x", "N×C×H×W").output("y", "N×C×H×W")
                        .build(),
                (in, p) -> {
                    expansions.incrementAndGet();
                    GraphBuilder g = new GraphBuilder("x");
                    Ref y = g.add("conv", ConvBlocks.CONV2D, Map.of("out_channels", p.integer("out_channels"),
                            "groups", p.integer("groups"), "bias", false), g.input("x"));
                    y = g.add("bn", NormBlocks.BATCH_NORM, Map.of(), y);
                    return g.output("y", y).build();
                });
    }

    @Test
    void theSameInputsTwiceGiveTheSameResultFromTheCache() throws Exception {
        AtomicInteger expansions = new AtomicInteger();
        CompositeBlockType t = convBn(expansions);
        ParamValues p = t.resolve(Map.of("out_channels", 64));
        // conv 64·64·9 = 36,864 + BN 128 = 36,992; MACs 56·56·36,864 = 115,605,504
        Evaluation first = t.evaluate(List.of(Shape.of(1, 64, 56, 56)), p);
        Evaluation second = t.evaluate(List.of(Shape.of(1, 64, 56, 56)), t.resolve(Map.of("out_channels", 64.0)));
        assertThat(first.params()).isEqualTo(36_992L);
        assertThat(first.macs()).isEqualTo(115_605_504L);
        assertThat(second).isSameAs(first);
        assertThat(expansions).hasValue(1);
    }

    @Test
    void otherInputsOrParametersAreEvaluatedAfresh() throws Exception {
        AtomicInteger expansions = new AtomicInteger();
        CompositeBlockType t = convBn(expansions);
        Evaluation at56 = t.evaluate(List.of(Shape.of(1, 64, 56, 56)), t.defaults());
        Evaluation at28 = t.evaluate(List.of(Shape.of(1, 64, 28, 28)), t.defaults());
        Evaluation grouped = t.evaluate(List.of(Shape.of(1, 64, 28, 28)), t.resolve(Map.of("groups", 2)));
        assertThat(expansions).hasValue(3);
        // 28² is a quarter of 56²
        assertThat(at28.macs()).isEqualTo(at56.macs() / 4);
        // groups 2 halves the conv weights: 18,432 + 128
        assertThat(grouped.params()).isEqualTo(18_560L);
    }

    @Test
    void anErrorIsReportedAgainTheSecondTime() throws Exception {
        AtomicInteger expansions = new AtomicInteger();
        CompositeBlockType t = convBn(expansions);
        ParamValues p = t.resolve(Map.of("groups", 3, "out_channels", 96));
        for (int i = 0; i < 2; i++) {
            // groups 3 does not divide the 64 input channels; the inner conv's x is fed from the boundary x
            assertThatThrownBy(() -> t.evaluate(List.of(Shape.of(1, 64, 8, 8)), p))
                    .as("attempt %d", i + 1)
                    .isInstanceOf(ShapeException.class)
                    .hasMessage("in conv (Conv2d): groups = 3 must divide the 64 input channels")
                    .satisfies(e -> assertThat(((ShapeException) e).port()).isEqualTo("x"));
        }
        assertThat(expansions).hasValue(1);
    }

    @Test
    void theWrongNumberOfInputsIsAnError() {
        CompositeBlockType t = convBn(new AtomicInteger());
        assertThatThrownBy(() -> t.evaluate(List.of(), t.defaults()))
                .isInstanceOf(ShapeException.class)
                .hasMessage("expects 1 inputs, got 0")
                .satisfies(e -> assertThat(((ShapeException) e).port()).isNull());
    }

    @Test
    void expandShowsTheInsideForEditing() throws Exception {
        CompositeBlockType t = convBn(new AtomicInteger());
        assertThat(t.isComposite()).isTrue();
        assertThat(t.expand(List.of(Shape.of(1, 3, 8, 8)), t.defaults()).nodes())
                .extracting(n -> n.type().id()).containsExactly("conv.conv2d", "norm.batch_norm");
    }
}
