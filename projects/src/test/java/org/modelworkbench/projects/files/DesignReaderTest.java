package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modelworkbench.projects.design.Design;

/** Malformed and hostile files: each one is refused with the file, the place and the problem named. */
class DesignReaderTest {
    private static final String FILE = "bad.json";

    private static ProjectFileException failure(String json) {
        try {
            Design d = new DesignReader().read(json, FILE);
            return fail("expected " + FILE + " to be refused, but it loaded as a design with " + d.size() + " nodes");
        } catch (ProjectFileException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.getMessage()).startsWith(FILE + ": ");
            return e;
        }
    }

    private static String message(String json) {
        return failure(json).getMessage();
    }

    /** A file with these nodes and edges (JSON list bodies). */
    private static String file(String nodes, String edges) {
        return "{\"formatVersion\": 1, \"name\": \"test\", \"nodes\": [" + nodes + "], \"edges\": [" + edges + "]}";
    }

    private static String conv(String params) {
        return "{\"id\": \"c\", \"type\": \"conv.conv2d\", \"params\": {" + params + "}}";
    }

    private static final String INPUT = "{\"id\": \"in\", \"type\": \"io.image_input\"}";
    private static final String RELU = "{\"id\": \"r\", \"type\": \"activation.relu\"}";

    // ---- the outer shape of the file -----------------------------------------------------------------------------

    @Test
    void aMinimalFileLoads() throws Exception {
        Design d = new DesignReader().read("{\"formatVersion\": 1, \"name\": \"n\", \"nodes\": []}", FILE);
        assertThat(d.name()).isEqualTo("n");
        assertThat(d.description()).isEmpty();
        assertThat(d.size()).isZero();
    }

    @Test
    void badJsonSyntaxIsReportedWithItsLineAndColumn() {
        ProjectFileException e = failure("{\n  \"formatVersion\": 1,\n  \"name\": }\n");
        assertThat(e.getMessage()).startsWith("bad.json: line 3, column 11: not valid JSON: Unexpected character ('}'");
        assertThat(e.problems()).singleElement().extracting(FileProblem::location).isEqualTo("line 3, column 11");
    }

    @Test
    void anUnterminatedFileIsBadJson() {
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n")).startsWith("bad.json: line 1, column ")
                .contains("not valid JSON");
    }

    @Test
    void trailingGarbageAfterTheObjectIsBadJson() {
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n\", \"nodes\": []} {}"))
                .contains("not valid JSON").contains("line 1, column");
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty() {
        assertThat(message("")).isEqualTo("bad.json: /: the file is empty");
        assertThat(message("  \n\t ")).isEqualTo("bad.json: /: the file is empty");
    }

    @Test
    void aTopLevelThatIsNotAnObjectIsRefusedSayingWhatWasFound() {
        assertThat(message("[1, 2]")).isEqualTo("bad.json: /: a project file is a JSON object with formatVersion, "
                + "name, nodes and edges; found a list");
        assertThat(message("42")).endsWith("found 42");
        assertThat(message("\"text\"")).endsWith("found the text \"text\"");
        assertThat(message("null")).endsWith("found null");
    }

    @Test
    void aMissingFormatVersionIsReported() {
        assertThat(message("{\"name\": \"n\", \"nodes\": []}"))
                .isEqualTo("bad.json: /formatVersion: missing: every project file states its format version");
    }

    @Test
    void aFormatVersionNewerThanTheAppIsRefusedSayingWhichVersionsAreReadable() {
        int newer = Migrations.CURRENT_VERSION + 1;
        assertThat(message("{\"formatVersion\": " + newer + ", \"name\": \"n\", \"nodes\": []}"))
                .isEqualTo("bad.json: /formatVersion: the file has format " + newer + ", written by a newer Model "
                        + "Workbench; this version reads formats up to " + Migrations.CURRENT_VERSION);
    }

    @Test
    void aFormatVersionWrittenAsTextIsRefused() {
        assertThat(message("{\"formatVersion\": \"1\", \"name\": \"n\", \"nodes\": []}"))
                .isEqualTo("bad.json: /formatVersion: must be a positive whole number, got \"1\"");
    }

    @Test
    void aFormatVersionThatIsNotAPositiveWholeNumberIsRefused() {
        for (String v : List.of("0", "-1", "1.5", "true", "null", "[1]", "99999999999", "1e999999999")) {
            assertThat(message("{\"formatVersion\": " + v + ", \"name\": \"n\", \"nodes\": []}")).as(v)
                    .startsWith("bad.json: /formatVersion: must be a positive whole number, got ");
        }
    }

    @Test
    void aMissingNameIsReported() {
        assertThat(message("{\"formatVersion\": 1, \"nodes\": []}")).isEqualTo("bad.json: /name: missing");
    }

    @Test
    void aNameOrDescriptionThatIsNotTextIsReported() {
        assertThat(message("{\"formatVersion\": 1, \"name\": 42, \"nodes\": []}"))
                .isEqualTo("bad.json: /name: must be a text, got 42");
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n\", \"description\": [], \"nodes\": []}"))
                .isEqualTo("bad.json: /description: must be a text, got a list");
    }

    @Test
    void nodesThatAreNotAListAreReported() {
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n\", \"nodes\": {}}"))
                .isEqualTo("bad.json: /nodes: must be a list of nodes, got an object");
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n\"}"))
                .isEqualTo("bad.json: /nodes: missing: a list of nodes is required");
    }

    @Test
    void edgesThatAreNotAListAreReported() {
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n\", \"nodes\": [], \"edges\": \"none\"}"))
                .isEqualTo("bad.json: /edges: must be a list of edges, got the text \"none\"");
    }

    @Test
    void anUnknownTopLevelFieldIsReported() {
        assertThat(message("{\"formatVersion\": 1, \"name\": \"n\", \"nodes\": [], \"colour\": \"red\"}"))
                .startsWith("bad.json: /colour: unknown field (expected formatVersion, name, description, nodes, edges");
    }

    // ---- nodes ---------------------------------------------------------------------------------------------------

    @Test
    void anUnknownBlockTypeIsReportedWithADidYouMeanForANearMiss() {
        assertThat(message(file("{\"id\": \"c\", \"type\": \"conv.conv2\"}", "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/type: unknown block type 'conv.conv2' "
                        + "(did you mean 'conv.conv2d'?)");
    }

    @Test
    void anUnknownBlockTypeFarFromAnyKnownOnePointsToTheBlockList() {
        assertThat(message(file("{\"id\": \"c\", \"type\": \"banana.split_long_name\"}", "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/type: unknown block type 'banana.split_long_name'; "
                        + "see docs/blocks.md for the list");
    }

    @Test
    void aNodeWithoutAnIdIsReported() {
        assertThat(message(file("{\"type\": \"activation.relu\"}", ""))).isEqualTo("bad.json: /nodes/0/id: missing");
    }

    @Test
    void aNodeWithoutATypeIsReported() {
        assertThat(message(file("{\"id\": \"r\"}", ""))).isEqualTo("bad.json: /nodes/0/type: missing");
    }

    @Test
    void aNodeThatIsNotAnObjectIsReported() {
        assertThat(message(file("\"relu\"", ""))).isEqualTo("bad.json: /nodes/0: a node must be an object with id, "
                + "type, params and position, got the text \"relu\"");
    }

    @Test
    void anInvalidNodeIdIsReported() {
        assertThat(message(file("{\"id\": \"1st conv\", \"type\": \"activation.relu\"}", "")))
                .isEqualTo("bad.json: /nodes/0/id: '1st conv' is not a valid node id: use letters, digits, _ and -, "
                        + "starting with a letter or _");
    }

    @Test
    void aVeryLongInvalidIdIsAbbreviatedInTheMessage() {
        String id = "9" + "x".repeat(10_000);
        String m = message(file("{\"id\": \"" + id + "\", \"type\": \"activation.relu\"}", ""));
        assertThat(m).contains("…").hasSizeLessThan(300);
    }

    @Test
    void aDuplicateNodeIdIsReportedAtTheSecondNode() {
        assertThat(message(file(RELU + ", {\"id\": \"r\", \"type\": \"activation.gelu\"}", "")))
                .isEqualTo("bad.json: /nodes/1 (node 'r')/id: another node already has the id 'r'");
    }

    @Test
    void anUnknownNodeFieldIsReported() {
        assertThat(message(file("{\"id\": \"r\", \"type\": \"activation.relu\", \"colour\": 1}", "")))
                .isEqualTo("bad.json: /nodes/0/colour: unknown field (a node has id, type, params, position)");
    }

    @Test
    void anUnknownParameterIsReportedWithTheKnownOnes() {
        assertThat(message(file(conv("\"kernal\": 3"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernal: unknown parameter (known parameters: "
                        + "out_channels, kernel, stride, padding, dilation, groups, bias)");
    }

    @Test
    void anOutOfRangeValueIsReportedWithTheRange() {
        assertThat(message(file(conv("\"kernel\": 99"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: must be between 1 and 63, got 99");
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        assertThat(message(file(conv("\"kernel\": \"three\""), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: expected a whole number, got \"three\"");
        assertThat(message(file(conv("\"bias\": 1"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/bias: expected true or false, got 1");
    }

    @Test
    void aParameterValueThatIsAnObjectOrNullIsReported() {
        assertThat(message(file(conv("\"kernel\": {\"size\": 3}"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: must be a number, true/false, a text or a "
                        + "list of numbers, got an object");
        assertThat(message(file(conv("\"kernel\": null"), ""))).endsWith("/params/kernel: must be a number, "
                + "true/false, a text or a list of numbers, got null");
    }

    @Test
    void paramsThatAreNotAnObjectAreReported() {
        assertThat(message(file("{\"id\": \"c\", \"type\": \"conv.conv2d\", \"params\": [3]}", "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params: must be an object of parameter values, got a list");
    }

    @Test
    void aFractionalWholeNumberIsRefusedButThreePointZeroLoadsAsThree() throws Exception {
        assertThat(message(file(conv("\"kernel\": 3.5"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: expected a whole number, got 3.5");
        Design d = new DesignReader().read(file(conv("\"kernel\": 3.0, \"stride\": 2E0"), ""), "ok.json");
        assertThat(d.node("c").orElseThrow().params().get("kernel")).isInstanceOf(Integer.class).isEqualTo(3);
        assertThat(d.node("c").orElseThrow().params().get("stride")).isEqualTo(2);
    }

    @Test
    void hugeNumbersAreReportedAsOutOfRangeInShortForm() {
        assertThat(message(file(conv("\"kernel\": 1e400"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: must be between 1 and 63, got 1E+400");
        assertThat(message(file(conv("\"kernel\": 123456789012345678901234567890"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: must be between 1 and 63, got 1.235E+29");
        assertThat(message(file(conv("\"kernel\": -123456789012345678901234567890"), "")))
                .contains("/params/kernel: must be between 1 and 63, got -1.235E+29");
        assertThat(message(file("{\"id\": \"b\", \"type\": \"norm.batch_norm\", \"params\": {\"eps\": 1e400}}", "")))
                .isEqualTo("bad.json: /nodes/0 (node 'b')/params/eps: expected a finite number, got 1E+400");
    }

    @Test
    @Timeout(20)
    void numbersWithAbsurdExponentsAreRefusedWithoutWritingThemOutInFull() {
        assertThat(message(file(conv("\"kernel\": 1e999999999"), "")))
                .isEqualTo("bad.json: /nodes/0 (node 'c')/params/kernel: out of range: 1E+999999999 is far beyond "
                        + "what any parameter allows");
        assertThat(message(file(conv("\"kernel\": 1e-999999999"), "")))
                .contains("/params/kernel: out of range: 1E-999999999");
        assertThat(message(file("{\"id\": \"b\", \"type\": \"norm.batch_norm\", \"params\": {\"eps\": -1e999999999}}",
                ""))).contains("/params/eps: out of range: -1E+999999999");
        assertThat(message(file("{\"id\": \"p\", \"type\": \"tensor.permute\", \"params\": {\"dims\": [0, 1e99999]}}",
                ""))).contains("(node 'p')/params/dims: out of range: 1E+99999");
        assertThat(message(file("{\"id\": \"r\", \"type\": \"activation.relu\", \"position\": "
                + "{\"x\": 1e999999999, \"y\": 0}}", ""))).contains("(node 'r')/position: must be");
    }

    @Test
    void aNumberWithTooManyDigitsIsRefusedByTheParser() {
        assertThat(message(file(conv("\"kernel\": " + "9".repeat(1000)), "")))
                .startsWith("bad.json: ").contains("not valid JSON").contains("Number value length");
    }

    @Test
    @Timeout(20)
    void deeplyNestedArraysAreRefusedWithoutOverflowingTheStack() {
        assertThat(message("[".repeat(10_000) + "]".repeat(10_000)))
                .startsWith("bad.json: ").contains("not valid JSON").contains("nesting depth");
        assertThat(message("[".repeat(10_000))).contains("nesting depth");
        assertThat(message(file(conv("\"kernel\": " + "[".repeat(10_000) + "]".repeat(10_000)), "")))
                .contains("nesting depth");
        assertThat(message("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))).contains("nesting depth");
    }

    @Test
    void aListNestedInAListParameterIsRefused() {
        assertThat(message(file("{\"id\": \"p\", \"type\": \"tensor.permute\", \"params\": {\"dims\": [[0], 1]}}", "")))
                .contains("(node 'p')/params/dims: must be a number, true/false, a text or a list of numbers, got a list");
    }

    @Test
    void aBadPositionIsReported() {
        assertThat(message(file("{\"id\": \"r\", \"type\": \"activation.relu\", \"position\": {\"x\": \"left\"}}", "")))
                .isEqualTo("bad.json: /nodes/0 (node 'r')/position: must be {\"x\": number, \"y\": number} with "
                        + "coordinates within ±1e9");
    }

    // ---- edges ---------------------------------------------------------------------------------------------------

    @Test
    void anEdgeToAnUnknownNodeIsReported() {
        assertThat(message(file(INPUT, "{\"from\": \"in.y\", \"to\": \"ghost.x\"}")))
                .isEqualTo("bad.json: /edges/0/to: no node named 'ghost'");
        assertThat(message(file(RELU, "{\"from\": \"ghost.y\", \"to\": \"r.x\"}")))
                .isEqualTo("bad.json: /edges/0/from: no node named 'ghost'");
    }

    @Test
    void anEdgeToAnUnknownPortIsReportedWithThePortsThatExist() {
        assertThat(message(file(INPUT + ", " + RELU, "{\"from\": \"in.y\", \"to\": \"r.q\"}")))
                .isEqualTo("bad.json: /edges/0/to: ReLU 'r' has no input 'q' (inputs: x)");
        assertThat(message(file(INPUT + ", " + RELU, "{\"from\": \"in.z\", \"to\": \"r.x\"}")))
                .isEqualTo("bad.json: /edges/0/from: Image input 'in' has no output 'z' (outputs: y)");
    }

    @Test
    void twoEdgesIntoOneInputAreReportedAtTheSecond() {
        String nodes = INPUT + ", {\"id\": \"in2\", \"type\": \"io.image_input\"}, " + RELU;
        assertThat(message(file(nodes, "{\"from\": \"in.y\", \"to\": \"r.x\"}, {\"from\": \"in2.y\", \"to\": \"r.x\"}")))
                .isEqualTo("bad.json: /edges/1/to: input r.x is already connected to in.y; an input takes one edge");
    }

    @Test
    void anEdgeThatIsNotAPortReferenceIsReported() {
        assertThat(message(file(INPUT + ", " + RELU, "{\"from\": \"in\", \"to\": \"r.x\"}")))
                .isEqualTo("bad.json: /edges/0/from: 'in' is not a port reference such as \"conv1.y\"");
        assertThat(message(file(INPUT + ", " + RELU, "{\"from\": \"in.y\"}")))
                .isEqualTo("bad.json: /edges/0/to: missing");
        assertThat(message(file(INPUT, "[\"in.y\", \"r.x\"]"))).startsWith("bad.json: /edges/0: an edge must be an object");
    }

    @Test
    void edgesOfANodeThatFailedToLoadDoNotAddProblemsOfTheirOwn() {
        String nodes = INPUT + ", " + conv("\"kernel\": 99") + ", " + RELU;
        ProjectFileException e = failure(file(nodes, "{\"from\": \"in.y\", \"to\": \"c.x\"}, "
                + "{\"from\": \"c.y\", \"to\": \"r.x\"}"));
        assertThat(e.problems()).containsExactly(
                new FileProblem("/nodes/1 (node 'c')/params/kernel", "must be between 1 and 63, got 99"));
    }

    // ---- several problems ----------------------------------------------------------------------------------------

    @Test
    void severalProblemsInOneFileAreAllReportedEachOnItsOwnLine() {
        String nodes = INPUT + ", "
                + "{\"id\": \"a\", \"type\": \"conv.conv2\"}, "
                + conv("\"kernel\": \"three\", \"padding\": -1") + ", "
                + "{\"id\": \"in\", \"type\": \"activation.relu\"}, "
                + RELU;
        String edges = "{\"from\": \"in.y\", \"to\": \"r.q\"}, {\"from\": \"nobody.y\", \"to\": \"r.x\"}";
        ProjectFileException e = failure("{\"formatVersion\": 1, \"nodes\": [" + nodes + "], \"edges\": [" + edges + "]}");

        assertThat(e.problems()).containsExactly(
                new FileProblem("/name", "missing"),
                new FileProblem("/nodes/1 (node 'a')/type", "unknown block type 'conv.conv2' (did you mean 'conv.conv2d'?)"),
                new FileProblem("/nodes/2 (node 'c')/params/kernel", "expected a whole number, got \"three\""),
                new FileProblem("/nodes/2 (node 'c')/params/padding", "must be between 0 and 64, got -1"),
                new FileProblem("/nodes/3 (node 'in')/id", "another node already has the id 'in'"),
                new FileProblem("/edges/0/to", "ReLU 'r' has no input 'q' (inputs: x)"),
                new FileProblem("/edges/1/from", "no node named 'nobody'"));
        assertThat(e.getMessage()).isEqualTo("bad.json: 7 problems:\n"
                + "  /name: missing\n"
                + "  /nodes/1 (node 'a')/type: unknown block type 'conv.conv2' (did you mean 'conv.conv2d'?)\n"
                + "  /nodes/2 (node 'c')/params/kernel: expected a whole number, got \"three\"\n"
                + "  /nodes/2 (node 'c')/params/padding: must be between 0 and 64, got -1\n"
                + "  /nodes/3 (node 'in')/id: another node already has the id 'in'\n"
                + "  /edges/0/to: ReLU 'r' has no input 'q' (inputs: x)\n"
                + "  /edges/1/from: no node named 'nobody'");
    }

    @Test
    void atMostFiftyProblemsAreReported() {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            nodes.add("{\"id\": \"n" + i + "\", \"type\": \"no.such\"}");
        }
        ProjectFileException e = failure(file(String.join(", ", nodes), ""));
        assertThat(e.problems()).hasSize(DesignReader.MAX_PROBLEMS);
        assertThat(e.getMessage()).startsWith("bad.json: 50 problems:");
    }
}
