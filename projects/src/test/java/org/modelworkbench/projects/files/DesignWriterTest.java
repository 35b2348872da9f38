package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

class DesignWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Design sample() {
        DesignBuilder b = new DesignBuilder("Sample net").description("A net for writer tests");
        String x = b.input("input", 3, 32, 32);
        String c = b.add("conv", "conv.conv2d", Map.of("out_channels", 3, "kernel", 5, "padding", 2), x);
        String n = b.add("norm", "norm.layer_norm", Map.of("layout", "channels_first"), c);
        b.add("sum", "merge.add", Map.of(), x, n);
        return b.build();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theSameDesignIsAlwaysWrittenAsTheSameText() {
        String first = DesignWriter.toJson(sample());
        assertThat(DesignWriter.toJson(sample())).isEqualTo(first);
        Design d = sample();
        assertThat(DesignWriter.toJson(d)).isEqualTo(DesignWriter.toJson(d));
        assertThat(DesignWriter.toJson(d.copy())).isEqualTo(first);
    }

    @Test
    void theTopLevelKeysComeInAFixedOrder() throws Exception {
        JsonNode root = JSON.readTree(DesignWriter.toJson(sample()));
        assertThat(fieldNames(root)).containsExactly("formatVersion", "name", "description", "nodes", "edges");
        assertThat(root.get("formatVersion").intValue()).isEqualTo(Migrations.CURRENT_VERSION);
        assertThat(root.get("name").textValue()).isEqualTo("Sample net");
        assertThat(root.get("description").textValue()).isEqualTo("A net for writer tests");
    }

    @Test
    void eachNodeIsWrittenAsIdTypeParamsPositionAndEachEdgeAsFromTo() throws Exception {
        JsonNode root = JSON.readTree(DesignWriter.toJson(sample()));
        for (JsonNode node : root.get("nodes")) {
            assertThat(fieldNames(node)).containsExactly("id", "type", "params", "position");
            assertThat(fieldNames(node.get("position"))).containsExactly("x", "y");
        }
        assertThat(root.get("nodes")).extracting(n -> n.get("id").textValue())
                .containsExactly("input", "conv", "norm", "sum");
        for (JsonNode edge : root.get("edges")) {
            assertThat(fieldNames(edge)).containsExactly("from", "to");
        }
        assertThat(root.get("edges")).extracting(e -> e.get("from").textValue() + " → " + e.get("to").textValue())
                .containsExactly("input.y → conv.x", "conv.y → norm.x", "input.y → sum.a", "norm.y → sum.b");
    }

    @Test
    void parametersAreSortedByNameWhateverOrderTheNodeHoldsThemIn() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("stride", 2);
        params.put("out_channels", 8);
        params.put("kernel", 3);
        params.put("bias", false);
        Design d = new Design("order");
        d.addNode(new Node("c", "conv.conv2d", params, 0, 0));

        JsonNode root = JSON.readTree(DesignWriter.toJson(d));
        assertThat(fieldNames(root.get("nodes").get(0).get("params")))
                .containsExactly("bias", "kernel", "out_channels", "stride");
        assertThat(fieldNames(JSON.readTree(DesignWriter.toJson(sample())).get("nodes").get(1).get("params")))
                .isSorted();
    }

    @Test
    void theTextIsIndentedWithTwoSpacesAndEndsWithExactlyOneNewline() {
        String text = DesignWriter.toJson(sample());
        assertThat(text).startsWith("{\n  \"formatVersion\" : " + Migrations.CURRENT_VERSION + ",\n  \"name\" : ");
        assertThat(text).contains("\n    {\n      \"id\" : \"input\",");
        assertThat(text).endsWith("}\n").doesNotEndWith("\n\n");
        assertThat(text).doesNotContain("\r").doesNotContain("\t");
    }

    @Test
    void valuesKeepTheirJsonTypes() throws Exception {
        Design d = new Design("types");
        d.addNode(new Node("n", "anything.at_all", Map.of("i", 3, "r", 0.25, "b", true, "s", "channels_last",
                "l", List.of(1, 2, 3), "big", 10_000_000_000L), 0, 0));
        JsonNode params = JSON.readTree(DesignWriter.toJson(d)).get("nodes").get(0).get("params");
        assertThat(params.get("i").isInt()).isTrue();
        assertThat(params.get("r").isDouble()).isTrue();
        assertThat(params.get("r").doubleValue()).isEqualTo(0.25);
        assertThat(params.get("b").isBoolean()).isTrue();
        assertThat(params.get("s").textValue()).isEqualTo("channels_last");
        assertThat(params.get("l").isArray()).isTrue();
        assertThat(params.get("l")).extracting(JsonNode::intValue).containsExactly(1, 2, 3);
        assertThat(params.get("big").longValue()).isEqualTo(10_000_000_000L);
    }

    @Test
    void positionsAreWrittenWithOneDecimalSoSubPixelNoiseDoesNotShowUpInDiffs() throws Exception {
        Design d = new Design("positions");
        d.addNode(new Node("a", "activation.relu", Map.of(), 10.04, -3.26));
        d.addNode(new Node("b", "activation.relu", Map.of(), 10.0400001, -3.2599999));
        JsonNode nodes = JSON.readTree(DesignWriter.toJson(d)).get("nodes");
        assertThat(nodes.get(0).get("position").get("x").doubleValue()).isEqualTo(10.0);
        assertThat(nodes.get(0).get("position").get("y").doubleValue()).isEqualTo(-3.3);
        assertThat(nodes.get(1).get("position")).isEqualTo(nodes.get(0).get("position"));
    }

    @Test
    void onlyTheContentMattersNotTheRevisionOrListeners() {
        Design a = sample();
        Design b = sample();
        b.addListener(change -> { });
        b.setName("Sample net");
        b.replaceNode(b.node("conv").orElseThrow().at(0, 120));
        assertThat(b.revision()).isNotEqualTo(a.revision());
        assertThat(DesignWriter.toJson(b)).isEqualTo(DesignWriter.toJson(a));
    }

    @Test
    void nonAsciiTextIsWrittenAndReadBackUnchanged() throws Exception {
        Design d = new Design("Résumé × ネット \"quoted\" \\ back");
        d.setDescription("line one\nline two\ttabbed");
        String text = DesignWriter.toJson(d);
        Design back = new DesignReader().read(text, "unicode.json");
        assertThat(back.name()).isEqualTo(d.name());
        assertThat(back.description()).isEqualTo(d.description());
    }

    @Test
    void writingThenReadingThenWritingGivesTheSameText() throws Exception {
        String first = DesignWriter.toJson(sample());
        String second = DesignWriter.toJson(new DesignReader().read(first, "sample.json"));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void edgesAreWrittenInTheOrderTheyWereMade() throws Exception {
        Design d = new Design("edges");
        d.addNode(new Node("a", "io.image_input", Map.of(), 0, 0));
        d.addNode(new Node("b", "activation.relu", Map.of(), 0, 0));
        d.addNode(new Node("c", "activation.relu", Map.of(), 0, 0));
        d.connect(new Edge(PortRef.parse("a.y"), PortRef.parse("c.x")));
        d.connect(new Edge(PortRef.parse("a.y"), PortRef.parse("b.x")));
        JsonNode edges = JSON.readTree(DesignWriter.toJson(d)).get("edges");
        assertThat(edges).extracting(e -> e.get("to").textValue()).containsExactly("c.x", "b.x");
    }
}
