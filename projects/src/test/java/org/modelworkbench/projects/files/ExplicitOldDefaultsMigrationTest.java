package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;

/** Format 2 files keep their meaning in format 3, where padding and layouts became "auto". */
class ExplicitOldDefaultsMigrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String v2() throws Exception {
        try (var in = ExplicitOldDefaultsMigrationTest.class.getResourceAsStream("/fixtures/format-v2-implied-defaults.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void impliedOldDefaultsAreWrittenExplicitlyAtTopLevelAndInsideComposites() throws Exception {
        ObjectNode tree = new ExplicitOldDefaultsMigration().apply((ObjectNode) JSON.readTree(v2()));
        var nodes = tree.get("nodes");
        assertThat(nodes.get(1).get("params").get("padding").intValue()).isEqualTo(1);
        assertThat(nodes.get(2).get("params").get("padding").intValue()).isEqualTo(1);
        assertThat(nodes.get(4).get("params").get("layout").textValue()).isEqualTo("channels_last");
        assertThat(nodes.get(5).get("params").get("layout").textValue()).isEqualTo("channels_last");
        assertThat(nodes.get(8).get("params").get("layout").textValue()).isEqualTo("channels_first");
        assertThat(nodes.get(9).get("params").get("layout").textValue()).isEqualTo("channels_first");
        assertThat(tree.get("composites").get("Unit").get("nodes").get(1).get("params").get("padding").intValue())
                .isEqualTo(1);
    }

    @Test
    void explicitValuesAreLeftAlone() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree("{\"nodes\": [{\"id\": \"c\", \"type\": \"conv.conv2d\", "
                + "\"params\": {\"padding\": 0}}, {\"id\": \"n\", \"type\": \"norm.layer_norm\", \"params\": "
                + "{\"layout\": \"channels_first\"}}]}");
        new ExplicitOldDefaultsMigration().apply(tree);
        assertThat(tree.get("nodes").get(0).get("params").get("padding").intValue()).isZero();
        assertThat(tree.get("nodes").get(1).get("params").get("layout").textValue()).isEqualTo("channels_first");
    }

    @Test
    void aFormatTwoFileAnalysesToTheSameShapesAndCostsAsItDidBefore() throws Exception {
        Design d = new DesignReader().read(v2(), "format-v2-implied-defaults.json");
        DesignAnalysis a = DesignAnalyzer.analyze(d);

        assertThat(a.problems()).isEmpty();
        // the 2×2/2 conv keeps its implied padding 1: 56 → 29, as format 2 computed it
        assertThat(a.node("down").output("y")).isEqualTo(Shape.of(1, 8, 29, 29));
        assertThat(a.node("dw").output("y")).isEqualTo(Shape.of(1, 8, 29, 29));
        assertThat(a.node("unit").output("y")).isEqualTo(Shape.of(1, 8, 30, 30));
        // LayerNorm and layer scale read the last dimension (8 channels), as before
        assertThat(a.node("norm").params()).isEqualTo(16);
        assertThat(a.node("scale").params()).isEqualTo(8);
        assertThat(d.node("down").orElseThrow().params()).containsEntry("padding", 1);
    }

    @Test
    void theReaderStampsTheCurrentVersionWhenTheFileIsSavedAgain() throws Exception {
        Design d = new DesignReader().read(v2(), "f.json");
        assertThat(JSON.readTree(DesignWriter.toJson(d)).get("formatVersion").intValue()).isEqualTo(3);
    }
}
