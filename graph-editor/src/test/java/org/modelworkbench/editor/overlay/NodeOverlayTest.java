package org.modelworkbench.editor.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeOverlayTest {

    @Test
    void nodesWithoutAFiniteValueHaveNoColourAndNoTooltipLine() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("conv1", 0.5);
        values.put("relu", Double.NaN);
        values.put("head", 2.0);
        NodeOverlay o = NodeOverlay.of("Gradient norm", "", values, ColorScale.Mapping.LOG);
        assertThat(o.values()).containsOnlyKeys("conv1", "head");
        assertThat(o.colorOf("relu")).isEmpty();
        assertThat(o.colorOf("input")).isEmpty();
        assertThat(o.colorOf("head")).contains(o.scale().top());
        assertThat(o.tooltip("relu")).isNull();
        assertThat(o.tooltip("conv1")).isEqualTo("Gradient norm: 0.5");
    }

    @Test
    void valuesAreWrittenShortWithTheirUnits() {
        NodeOverlay ms = NodeOverlay.of("Latency", "ms", Map.of("a", 1.0), ColorScale.Mapping.LINEAR);
        assertThat(ms.valueText(0.1534)).isEqualTo("0.153 ms");
        assertThat(NodeOverlay.number(3.214e-4)).isEqualTo("3.21e-4");
        assertThat(NodeOverlay.number(120_000)).isEqualTo("1.2e5");
        assertThat(NodeOverlay.number(12.0)).isEqualTo("12");
        assertThat(NodeOverlay.number(153.4)).isEqualTo("153");
    }

    @Test
    void callersMayWriteTheirOwnTooltipLines() {
        NodeOverlay o = NodeOverlay.of("Dead fraction", "", Map.of("relu", 0.75), ColorScale.Mapping.LINEAR)
                .withTooltips(Map.of("relu", "75 % of the outputs are zero: a dying ReLU"));
        assertThat(o.tooltip("relu")).isEqualTo("75 % of the outputs are zero: a dying ReLU");
    }
}
