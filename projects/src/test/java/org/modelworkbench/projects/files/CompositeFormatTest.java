package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.composite.Grouping;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** Format 2: composite blocks in project files. */
class CompositeFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String resource(String name) throws Exception {
        try (InputStream in = CompositeFormatTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Design residual() {
        DesignBuilder b = new DesignBuilder("Residual");
        String x = b.input("input", 8, 16, 16);
        String c = b.add("conv1", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "padding", 1, "bias", false), x);
        c = b.add("bn1", "norm.batch_norm", Map.of(), c);
        c = b.add("relu1", "activation.relu", Map.of(), c);
        String s = b.add("add", "merge.add", Map.of(), c, x);
        b.add("head", "head.classifier", Map.of("classes", 10), s);
        Design d = b.build();
        Grouping.apply(Grouping.plan(d, List.of("conv1", "bn1", "relu1", "add"), "Unit", DesignAnalyzer.analyze(d)));
        Grouping.apply(Grouping.plan(d, List.of("head"), "Head", DesignAnalyzer.analyze(d)));
        return d;
    }

    /** A format-2 file with one composite "MyBlock" whose third node is given by {@code thirdNode}. */
    private static String withComposite(String inputs, String thirdNode, String extraEdges) {
        return "{\"formatVersion\": 2, \"name\": \"n\", \"nodes\": ["
                + "{\"id\": \"in\", \"type\": \"io.image_input\"}, {\"id\": \"b\", \"type\": \"user.MyBlock\"}],"
                + " \"edges\": [{\"from\": \"in.y\", \"to\": \"b.x\"}],"
                + " \"composites\": {\"MyBlock\": {\"inputs\": " + inputs + ", \"outputs\": [\"y\"], \"nodes\": ["
                + "{\"id\": \"x\", \"type\": \"io.group_input\"}, {\"id\": \"y\", \"type\": \"io.group_output\"}, "
                + thirdNode + "], \"edges\": [{\"from\": \"x.y\", \"to\": \"r.x\"}, {\"from\": \"r.y\", \"to\": \"y.x\"}"
                + extraEdges + "]}}}";
    }

    private static List<String> problems(String json) {
        try {
            new DesignReader().read(json, "bad.json");
        } catch (ProjectFileException e) {
            return e.problems().stream().map(FileProblem::toString).toList();
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void aDesignWithCompositesSurvivesSaveAndLoadAndAnalysesTheSame() throws Exception {
        Design d = residual();
        String text = DesignWriter.toJson(d);
        Design again = new DesignReader().read(text, "saved.json");

        assertThat(DesignWriter.toJson(again)).isEqualTo(text);
        assertThat(again.composites()).containsOnlyKeys("Head", "Unit");
        CompositeDefinition unit = again.composites().get("Unit");
        assertThat(unit.inputs()).containsExactly("x");
        assertThat(unit.outputs()).containsExactly("y");
        assertThat(unit.inside().compositeScope()).isSameAs(again);
        DesignAnalysis a = DesignAnalyzer.analyze(again);
        assertThat(a.problems()).isEmpty();
        assertThat(a).usingRecursiveComparison().ignoringFields("revision").isEqualTo(DesignAnalyzer.analyze(d));
    }

    @Test
    void compositesAreWrittenAfterTheEdgesSortedByNameWithPortListsFirst() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(DesignWriter.toJson(residual()));
        assertThat(tree.get("formatVersion").intValue()).isEqualTo(Migrations.CURRENT_VERSION);
        assertThat(List.copyOf(iterable(tree.fieldNames())))
                .containsExactly("formatVersion", "name", "description", "nodes", "edges", "composites");
        assertThat(List.copyOf(iterable(tree.get("composites").fieldNames()))).containsExactly("Head", "Unit");
        assertThat(List.copyOf(iterable(tree.get("composites").get("Unit").fieldNames())))
                .containsExactly("inputs", "outputs", "nodes", "edges");
    }

    @Test
    void aDesignWithoutCompositesHasNoCompositesField() throws Exception {
        Design d = new DesignBuilder("plain").build();
        assertThat(JSON.readTree(DesignWriter.toJson(d)).has("composites")).isFalse();
    }

    @Test
    void savingToDiskAndOpeningAgainKeepsTheComposites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.json");
        ProjectFiles.write(residual(), file);
        Design d = ProjectFiles.read(file);
        assertThat(d.composites()).containsOnlyKeys("Head", "Unit");
        assertThat(DesignAnalyzer.analyze(d).problems()).isEmpty();
    }

    @Test
    void migratingFormatOneAddsAnEmptyCompositesObject() throws Exception {
        ObjectNode v1 = (ObjectNode) JSON.readTree(resource("/fixtures/format-v1.json"));
        ObjectNode v2 = new AddCompositesMigration().apply(v1);
        assertThat(v2.get("composites").isObject()).isTrue();
        assertThat(v2.get("composites").size()).isZero();
        Design d = new DesignReader().read(resource("/fixtures/format-v1.json"), "format-v1.json");
        assertThat(d.composites()).isEmpty();
        assertThat(JSON.readTree(DesignWriter.toJson(d)).get("formatVersion").intValue())
                .isEqualTo(Migrations.CURRENT_VERSION);
    }

    @Test
    void theFormatTwoFixtureLoadsItsNestedCompositesAndCountsEachUse() throws Exception {
        Design d = new DesignReader().read(resource("/fixtures/format-v2.json"), "format-v2.json");
        assertThat(d.composites()).containsOnlyKeys("ConvBnRelu", "Residual");
        assertThat(d.composites().get("Residual").uses()).containsExactly("ConvBnRelu");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).isEmpty();
        // stem 72, three ConvBnRelu (576 + 16 each), head 15,690
        assertThat(a.totals().params()).isEqualTo(72 + 3 * 592 + 15_690);
        assertThat(a.totals().macs()).isEqualTo(784L * 72 + 3 * 784L * 576 + 15_680);
        assertThat(a.node("res").params()).isEqualTo(2 * 592);
    }

    @Test
    void compositesThatAreNotAnObjectOrHaveBadNamesOrFieldsAreRejectedWithTheirPath() {
        assertThat(problems("{\"formatVersion\": 2, \"name\": \"n\", \"nodes\": [], \"composites\": []}"))
                .containsExactly("/composites: must be an object of composite blocks by name, got a list");
        assertThat(problems("{\"formatVersion\": 2, \"name\": \"n\", \"nodes\": [], \"composites\": {\"my block\": {}}}"))
                .containsExactly("/composites/my block: 'my block' is not a valid composite block name: use letters, "
                        + "digits and _, starting with a letter (at most 64 characters), e.g. ResidualPair");
        assertThat(problems("{\"formatVersion\": 2, \"name\": \"n\", \"nodes\": [], \"composites\": {\"A\": "
                + "{\"inputs\": [], \"outputs\": \"y\", \"nodes\": [], \"colour\": 1}}}"))
                .containsExactly("/composites/A/colour: unknown field (a composite block has inputs, outputs, nodes, edges)",
                        "/composites/A/outputs: must be a list of port names, got the text \"y\"");
    }

    @Test
    void aBadNodeInsideACompositeIsReportedAtItsPathUnderComposites() {
        assertThat(problems(withComposite("[\"x\"]", "{\"id\": \"r\", \"type\": \"activation.reluu\"}", "")))
                .containsExactly("/composites/MyBlock/nodes/2 (node 'r')/type: unknown block type 'activation.reluu' "
                        + "(did you mean 'activation.relu'?)");
        assertThat(problems(withComposite("[\"x\"]", "{\"id\": \"r\", \"type\": \"conv.conv2d\", \"params\": "
                + "{\"kernel\": 0}}", "")))
                .singleElement().asString().startsWith("/composites/MyBlock/nodes/2 (node 'r')/params/kernel: ");
    }

    @Test
    void anEdgeInsideACompositeToAMissingPortIsReportedAtItsPath() {
        assertThat(problems(withComposite("[\"x\"]", "{\"id\": \"r\", \"type\": \"activation.relu\"}",
                ", {\"from\": \"x.y\", \"to\": \"r.z\"}")))
                .containsExactly("/composites/MyBlock/edges/2/to: ReLU 'r' has no input 'z' (inputs: x)");
    }

    @Test
    void portListsMustMatchTheBoundaryNodes() {
        assertThat(problems(withComposite("[\"x\", \"q\"]", "{\"id\": \"r\", \"type\": \"activation.relu\"}", "")))
                .containsExactly("/composites/MyBlock/inputs/1: no io.group_input node named 'q' among this "
                        + "composite's nodes");
        assertThat(problems(withComposite("[]", "{\"id\": \"r\", \"type\": \"activation.relu\"}", "")))
                .contains("/composites/MyBlock/nodes/0 (node 'x'): boundary input 'x' is not listed in "
                        + "/composites/MyBlock/inputs");
        assertThat(problems(withComposite("[\"x\", \"r\"]", "{\"id\": \"r\", \"type\": \"activation.relu\"}", "")))
                .containsExactly("/composites/MyBlock/inputs/1: 'r' is a node of type activation.relu; a boundary input "
                        + "must be an io.group_input node");
    }

    @Test
    void boundaryBlocksAtTheTopLevelAndUndefinedCompositesAreRejected() {
        assertThat(problems("{\"formatVersion\": 2, \"name\": \"n\", \"nodes\": [{\"id\": \"x\", \"type\": "
                + "\"io.group_input\"}]}"))
                .containsExactly("/nodes/0 (node 'x')/type: io.group_input marks a port of a composite block: it can "
                        + "only be used inside one (under /composites)");
        assertThat(problems("{\"formatVersion\": 2, \"name\": \"n\", \"nodes\": [{\"id\": \"b\", \"type\": "
                + "\"user.Nope\"}]}"))
                .containsExactly("/nodes/0 (node 'b')/type: unknown block type 'user.Nope': this file defines no "
                        + "composite block named 'Nope' (it has no /composites)");
    }

    @Test
    void aCompositeThatContainsItselfStillLoadsSoThatItCanBeFixedAndAnalysisNamesTheCycle() throws Exception {
        Design d = new DesignReader().read(withComposite("[\"x\"]", "{\"id\": \"r\", \"type\": \"user.MyBlock\"}", ""),
                "loop.json");
        assertThat(DesignAnalyzer.analyze(d).problems()).first().asString()
                .contains("composite block 'MyBlock' contains itself (MyBlock → MyBlock)");
    }

    @Test
    void aFileOfANewerFormatIsStillRefused() {
        assertThatThrownBy(() -> new DesignReader().read("{\"formatVersion\": " + (Migrations.CURRENT_VERSION + 1)
                + ", \"name\": \"n\", \"nodes\": []}", "f"))
                .hasMessageContaining("reads formats up to " + Migrations.CURRENT_VERSION);
    }

    @Test
    void theCompositeExampleInTheFileFormatDocumentIsValid() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("../docs/file-format.md"), StandardCharsets.UTF_8);
        int section = doc.indexOf("## Composite blocks");
        int start = doc.indexOf("```json", section) + "```json".length();
        String snippet = doc.substring(start, doc.indexOf("```", start));
        String file = "{\"formatVersion\": 2, \"name\": \"doc\", \"nodes\": [{\"id\": \"input\", \"type\": "
                + "\"io.image_input\", \"params\": {\"channels\": 64, \"height\": 56, \"width\": 56}}, {\"id\": \"unit\", "
                + "\"type\": \"user.ResidualUnit\"}], \"edges\": [{\"from\": \"input.y\", \"to\": \"unit.x\"}]," + snippet + "}";
        Design d = new DesignReader().read(file, "file-format.md composite example");
        DesignAnalysis a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).isEmpty();
        assertThat(a.node("unit").params()).isEqualTo(64 * 64 * 9 + 128);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
