package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * One golden fixture per historical file format, hand-written and never regenerated: every version
 * the app ever wrote must keep loading.
 */
class FormatFixturesTest {

    static String fixture(int version) throws IOException {
        String resource = "/fixtures/format-v" + version + ".json";
        try (InputStream in = FormatFixturesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("golden fixture " + resource + " for format version " + version).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Test
    void thereIsAGoldenFixtureForEveryFormatVersionAndEachOneLoadsAndAnalysesCleanly() throws Exception {
        for (int version = 1; version <= Migrations.CURRENT_VERSION; version++) {
            String text = fixture(version);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).get("formatVersion").intValue())
                    .as("formatVersion of fixture v" + version).isEqualTo(version);
            Design d = new DesignReader().read(text, "format-v" + version + ".json");
            assertThat(d.size()).as("fixture v" + version).isPositive();
            assertThat(DesignAnalyzer.analyze(d).problems()).as("fixture v" + version).isEmpty();
        }
    }

    @Test
    void theFormatOneFixtureLoadsToExactlyTheExpectedDesign() throws Exception {
        Design d = new DesignReader().read(fixture(1), "format-v1.json");

        assertThat(d.name()).isEqualTo("Golden format 1");
        assertThat(d.description()).startsWith("Hand-written in format 1.");
        assertThat(d.nodes()).containsExactly(
                new Node("input", "io.image_input", params("channels", 1, "height", 28, "width", 28), 0, 0),
                new Node("conv", "conv.conv2d", params("out_channels", 8, "kernel", 3, "padding", 1, "bias", false),
                        0, 120.5),
                new Node("bn", "norm.batch_norm", params("eps", 0.001), 0, 240),
                new Node("act", "activation.relu", params(), 0, 360),
                new Node("shortcut", "conv.pointwise", params("out_channels", 8, "bias", false), 240, 120),
                new Node("sum", "merge.add", params(), 0, 480),
                new Node("pool", "pool.max2d", params("kernel", 2), 0, 600),
                new Node("flat", "tensor.flatten", params(), 0, 0),
                new Node("head", "linear.linear", params("out_features", 10), -12.5, 840));
        assertThat(d.edges()).containsExactly(
                edge("input.y", "conv.x"), edge("conv.y", "bn.x"), edge("bn.y", "act.x"),
                edge("input.y", "shortcut.x"), edge("act.y", "sum.a"), edge("shortcut.y", "sum.b"),
                edge("sum.y", "pool.x"), edge("pool.y", "flat.x"), edge("flat.y", "head.x"));
    }

    @Test
    void theFormatOneFixtureKeepsItsValuesInCanonicalJavaTypes() throws Exception {
        Design d = new DesignReader().read(fixture(1), "format-v1.json");
        // "kernel": 3.0 in the file is the whole number 3
        assertThat(d.node("conv").orElseThrow().params().get("kernel")).isInstanceOf(Integer.class).isEqualTo(3);
        assertThat(d.node("bn").orElseThrow().params().get("eps")).isInstanceOf(Double.class).isEqualTo(0.001);
        assertThat(d.node("conv").orElseThrow().params().get("bias")).isEqualTo(Boolean.FALSE);
        // defaults stay implicit: only what the file says is stored
        assertThat(d.node("conv").orElseThrow().params()).doesNotContainKey("stride");
    }

    @Test
    void theFormatOneFixtureStillAnalysesToTheSameShapesAndCosts() throws Exception {
        DesignAnalysis a = DesignAnalyzer.analyze(new DesignReader().read(fixture(1), "format-v1.json"));
        assertThat(a.node("sum").output("y")).isEqualTo(Shape.of(1, 8, 28, 28));
        assertThat(a.node("flat").output("y")).isEqualTo(Shape.of(1, 8 * 14 * 14));
        assertThat(a.node("head").output("y")).isEqualTo(Shape.of(1, 10));
        // conv 8·1·9, BN 2·8, shortcut 8·1, head 1568·10 + 10
        assertThat(a.totals().params()).isEqualTo(72 + 16 + 8 + 15_690);
        assertThat(a.totals().macs()).isEqualTo(28L * 28 * 72 + 28L * 28 * 8 + 15_680);
    }

    @Test
    void theFormatOneFixtureSurvivesASaveAndLoadUnchanged() throws Exception {
        Design d = new DesignReader().read(fixture(1), "format-v1.json");
        Design again = new DesignReader().read(DesignWriter.toJson(d), "saved.json");
        assertThat(again.nodes()).containsExactlyElementsOf(d.nodes());
        assertThat(again.edges()).containsExactlyElementsOf(d.edges());
        assertThat(again.description()).isEqualTo(d.description());
        assertThat(List.of(again.name())).containsExactly(d.name());
    }
}
