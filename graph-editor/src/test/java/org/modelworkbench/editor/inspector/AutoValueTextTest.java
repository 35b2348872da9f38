package org.modelworkbench.editor.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.conv.ConvBlocks;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** The inspector shows what an "auto" value resolves to for the node's inputs. */
class AutoValueTextTest {

    @Test
    void anAutoPaddingIsShownWithTheNumberItResolvesTo() {
        DesignBuilder b = new DesignBuilder("d");
        String x = b.input("input", 3, 32, 32);
        b.add("conv7", "conv.conv2d", Map.of("kernel", 7), x);
        b.add("patch", "conv.conv2d", Map.of("kernel", 4, "stride", 4), x);
        b.add("fixed", "conv.conv2d", Map.of("kernel", 3, "padding", 2), x);
        Design d = b.build();
        var a = DesignAnalyzer.analyze(d);
        var padding = ConvBlocks.CONV2D.param("padding");

        assertThat(InspectorView.shownValue(d.node("conv7").orElseThrow(), padding, a.node("conv7"))).isEqualTo("auto (3)");
        assertThat(InspectorView.shownValue(d.node("patch").orElseThrow(), padding, a.node("patch"))).isEqualTo("auto (0)");
        assertThat(InspectorView.shownValue(d.node("fixed").orElseThrow(), padding, a.node("fixed"))).isEqualTo(2);
    }
}
