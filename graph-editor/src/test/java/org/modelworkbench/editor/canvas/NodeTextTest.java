package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Node;

class NodeTextTest {
    private static final BlockLibrary LIBRARY = BlockLibrary.standard();

    private static String key(String type, Map<String, Object> params) {
        return NodeText.keyParams(new Node("n", type, params, 0, 0), LIBRARY.find(type));
    }

    @Test
    void aConvolutionShowsChannelsKernelAndAStrideOtherThanOne() {
        assertThat(key("conv.conv2d", Map.of("out_channels", 64, "kernel", 3, "stride", 2))).isEqualTo("×64  k3  s2");
        assertThat(key("conv.conv2d", Map.of("out_channels", 64, "kernel", 3))).isEqualTo("×64  k3");
    }

    @Test
    void zeroThatStandsForSomethingShowsWhatItStandsFor() {
        assertThat(key("embedding.patch_merging", Map.of())).isEqualTo("×2C");
    }

    @Test
    void anImageInputShowsItsSizeAndASwinBlockItsWindow() {
        assertThat(key("io.image_input", Map.of("channels", 3, "height", 224, "width", 224))).isEqualTo("3×224×224");
        assertThat(key("swin.block", Map.of("heads", 3, "window", 7, "shifted", true))).isEqualTo("h3  win 7  shifted");
    }

    @Test
    void anUnknownTypeSaysSo() {
        assertThat(NodeText.keyParams(new Node("n", "nope.nothing", Map.of(), 0, 0), LIBRARY.find("nope.nothing")))
                .isEqualTo("unknown block type");
    }

    @Test
    void theBadgeShowsParamsAndMacsInShortFormWithTheirUnits() {
        NodeAnalysis a = new NodeAnalysis("n", true, List.of("x"), List.of(Shape.of(1, 3)), List.of("y"),
                List.of(Shape.of(1, 64, 56, 56)), 1_234, 3_400_000_000L, 0, List.of());
        assertThat(NodeText.badge(a)).isEqualTo("1.23K P · 3.40G MAC");
        assertThat(NodeText.outputShapes(a)).isEqualTo("1×64×56×56");
        NodeAnalysis free = new NodeAnalysis("n", true, List.of("x"), List.of(), List.of("y"), List.of(Shape.of(2)), 0, 0, 0, List.of());
        assertThat(NodeText.badge(free)).isEqualTo("0 P · 0 MAC");
        assertThat(NodeText.costsNothing(free)).isTrue();
        assertThat(NodeText.costLine(free)).contains("costs nothing");
    }

    @Test
    void severalOutputsAreNamed() {
        NodeAnalysis a = new NodeAnalysis("n", true, List.of("x"), List.of(), List.of("a", "b"),
                List.of(Shape.of(1, 32), Shape.of(1, 16)), 0, 0, 0, List.of());
        assertThat(NodeText.outputShapes(a)).isEqualTo("a 1×32 · b 1×16");
    }

    @Test
    void aWireLeavesDownwardsArrivesFromAboveAndLoopsAsideWhenItRunsBack() {
        Wire down = Wire.between(100, 100, 300, 300);
        assertThat(down.c1y()).isGreaterThan(100);
        assertThat(down.c2y()).isLessThan(300);
        assertThat(down.distanceTo(down.mid().getX(), down.mid().getY())).isLessThan(0.5);
        Wire back = Wire.between(100, 500, 100, 100);
        assertThat(back.maxX()).isGreaterThan(200);
        assertThat(back.distanceTo(100, 300)).isGreaterThan(20);
    }
}
