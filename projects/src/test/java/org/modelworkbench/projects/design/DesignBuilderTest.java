package org.modelworkbench.projects.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;

class DesignBuilderTest {

    @Test
    void addReturnsTheFirstOutputPortAndWiresEachSourceToTheInputPortsInOrder() {
        DesignBuilder b = new DesignBuilder("residual");
        String x = b.input("input", 3, 32, 32);
        String c = b.add("conv", "conv.conv2d", Map.of("out_channels", 3), x);
        String sum = b.add("sum", "merge.add", Map.of(), x, c);
        Design d = b.build();

        assertThat(x).isEqualTo("input.y");
        assertThat(c).isEqualTo("conv.y");
        assertThat(sum).isEqualTo("sum.y");
        assertThat(d.name()).isEqualTo("residual");
        assertThat(d.nodes()).extracting(Node::id).containsExactly("input", "conv", "sum");
        assertThat(d.edges()).extracting(Edge::toString)
                .containsExactly("input.y → conv.x", "input.y → sum.a", "conv.y → sum.b");
        assertThat(d.incoming("sum")).containsOnlyKeys("a", "b");
    }

    @Test
    void everyParameterIsStoredWithTheDefaultsFilledInAndCanonicalValues() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 1, 28, 28);
        b.add("conv", "conv.conv2d", Map.of("out_channels", 8, "kernel", 5), x);
        Design d = b.build();

        assertThat(d.node("input").orElseThrow().params())
                .containsExactly(Map.entry("batch", 1), Map.entry("channels", 1), Map.entry("height", 28),
                        Map.entry("width", 28));
        assertThat(d.node("conv").orElseThrow().params()).containsExactly(
                Map.entry("out_channels", 8), Map.entry("kernel", 5), Map.entry("stride", 1), Map.entry("padding", "auto"),
                Map.entry("dilation", 1), Map.entry("groups", 1), Map.entry("bias", true));
        assertThat(d.node("conv").orElseThrow().type()).isEqualTo("conv.conv2d");
    }

    @Test
    void aBlockWithNoParametersIsStoredWithAnEmptyParameterMap() {
        DesignBuilder b = new DesignBuilder("d");
        b.add("relu", "activation.relu", Map.of(), b.input("input", 1, 4, 4));
        assertThat(b.build().node("relu").orElseThrow().params()).isEmpty();
    }

    @Test
    void anUnknownBlockTypeIsRefusedNamingTheNodeAndTheType() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 3, 8, 8);
        assertThatThrownBy(() -> b.add("stem", "conv.conv2", Map.of(), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stem")
                .hasMessageContaining("unknown block type conv.conv2");
        assertThat(b.build().node("stem")).isEmpty();
    }

    @Test
    void anInvalidParameterIsRefusedNamingTheNodeAndTheParameter() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 3, 8, 8);
        assertThatThrownBy(() -> b.add("stem", "conv.conv2d", Map.of("kernel", 99), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stem: ")
                .hasMessageContaining("kernel")
                .hasMessageContaining("between 1 and 63");
        assertThatThrownBy(() -> b.add("stem", "conv.conv2d", Map.of("kernal", 3), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stem: ")
                .hasMessageContaining("kernal")
                .hasMessageContaining("unknown parameter");
        assertThat(b.build().size()).isEqualTo(1);
    }

    @Test
    void theWrongNumberOfSourcesIsRefusedNamingTheNode() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 3, 8, 8);
        assertThatThrownBy(() -> b.add("sum", "merge.add", Map.of(), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum: merge.add has 2 inputs, got 1");
    }

    @Test
    void nodesArePlacedInRowsByDepthAndInColumnsWithinARow() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 3, 8, 8);
        String left = b.add("left", "activation.relu", Map.of(), x);
        String right = b.add("right", "activation.gelu", Map.of(), x);
        b.add("sum", "merge.add", Map.of(), left, right);
        Design d = b.build();
        assertThat(d.node("input").orElseThrow()).extracting(Node::x, Node::y).containsExactly(0.0, 0.0);
        assertThat(d.node("left").orElseThrow()).extracting(Node::x, Node::y)
                .containsExactly(0.0, DesignBuilder.ROW);
        assertThat(d.node("right").orElseThrow()).extracting(Node::x, Node::y)
                .containsExactly(DesignBuilder.COLUMN, DesignBuilder.ROW);
        assertThat(d.node("sum").orElseThrow()).extracting(Node::x, Node::y)
                .containsExactly(0.0, 2 * DesignBuilder.ROW);
    }

    @Test
    void portNamesAnotherOutputAndDescriptionIsStored() {
        DesignBuilder b = new DesignBuilder("d", BlockLibrary.standard()).description("about");
        assertThat(b.port("split", "y1")).isEqualTo("split.y1");
        assertThat(b.build().description()).isEqualTo("about");
    }

    @Test
    void aDuplicateNodeIdIsRefused() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 3, 8, 8);
        assertThatThrownBy(() -> b.add("input", "activation.relu", Map.of(), x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'input' already exists");
    }
}
