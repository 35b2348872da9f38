package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelworkbench.app.bench.EditorFigures;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * The command-line contract that scripts (and later checks) rely on: what each command prints, its
 * exit codes, and that mistakes are reported in one clear line rather than as a stack trace.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkbenchCommandTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final long RESNET18_PARAMS = 11_689_512L;
    static final long RESNET18_MACS = 1_814_073_344L;

    /** Runs the CLI and checks what every run must satisfy: no stack trace on either stream. */
    static CliRun run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.err()).as("stderr of %s", List.of(args)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).as("stdout of %s", List.of(args)).doesNotContain("\tat ");
        return r;
    }

    static JsonNode json(CliRun r) throws Exception {
        // FAIL_ON_TRAILING_TOKENS: the output must be exactly one JSON value.
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.isObject()).as("profile --json prints one JSON object").isTrue();
        return root;
    }

    static DesignAnalysis analyze(String template, Shape input) throws Exception {
        return DesignAnalyzer.analyze(Templates.load(template), new AnalysisOptions(input));
    }

    @Nested
    class Profile {

        @Test
        void prints_a_table_of_every_node_with_totals_and_the_cost_convention() throws Exception {
            CliRun r = run("profile", "resnet18");

            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
            List<String> lines = r.outLines();
            int header = indexOfLineStartingWith(lines, "node ");
            assertThat(lines.get(header).trim().split("\\s+")).containsExactly("node", "type", "output", "layout", "params", "MACs");
            assertThat(lines.get(header + 1)).matches("[- ]+");

            List<String> rowIds = new ArrayList<>();
            for (int i = header + 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
                rowIds.add(lines.get(i).trim().split("\\s+")[0]);
            }
            assertThat(rowIds).containsExactlyElementsOf(analyze("resnet18", null).order());
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("stem_conv").contains("conv.conv2d")
                    .contains("1x64x112x112").contains("NCHW").contains("9,408").contains("118,013,952"));

            assertThat(lines).anySatisfy(l -> assertThat(l).matches("params\\s+11,689,512 \\(11\\.7 M\\)"));
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("MACs\\s+1,814,073,344 \\(1\\.81 G\\)"));
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("FLOPs\\s+3,628,146,688 \\(3\\.63 G\\)"));
            assertThat(lines).anySatisfy(l -> assertThat(l).matches("activations\\s+\\S.*\\([0-9,]+ bytes\\) in training"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Convention: MACs count conv, linear and matmul")
                    .contains("FLOPs = 2 x MACs"));
        }

        @Test
        void with_json_prints_one_object_with_nodes_and_totals() throws Exception {
            CliRun r = run("profile", "resnet18", "--json");

            assertThat(r.exitCode()).isZero();
            JsonNode root = json(r);
            JsonNode nodes = root.get("nodes");
            assertThat(nodes.isArray()).isTrue();
            assertThat(nodes.size()).isEqualTo(analyze("resnet18", null).order().size());
            for (JsonNode n : nodes) {
                assertThat(n.has("id") && n.has("type") && n.has("outputs") && n.has("params") && n.has("macs"))
                        .as("node %s has id, type, outputs, params and macs", n).isTrue();
                assertThat(n.get("outputs").isArray()).isTrue();
                assertThat(n.get("params").isIntegralNumber()).isTrue();
                assertThat(n.get("macs").isIntegralNumber()).isTrue();
            }
            assertThat(nodes.get(0).get("id").asText()).isEqualTo("input");
            assertThat(nodes.get(0).get("outputs").get(0).asText()).isEqualTo("1x3x224x224");

            JsonNode totals = root.get("totals");
            assertThat(totals.get("params").asLong()).isEqualTo(RESNET18_PARAMS);
            assertThat(totals.get("macs").asLong()).isEqualTo(RESNET18_MACS);
            assertThat(totals.get("flops").asLong()).isEqualTo(2 * RESNET18_MACS);
            assertThat(totals.get("activationBytes").asLong()).isPositive();

            long sumParams = 0;
            long sumMacs = 0;
            for (JsonNode n : nodes) {
                sumParams += n.get("params").asLong();
                sumMacs += n.get("macs").asLong();
            }
            assertThat(sumParams).as("totals are the sum of the nodes").isEqualTo(RESNET18_PARAMS);
            assertThat(sumMacs).isEqualTo(RESNET18_MACS);
        }

        @Test
        void with_a_smaller_input_counts_the_macs_of_that_input_and_keeps_the_parameters() throws Exception {
            CliRun r = run("profile", "resnet18", "--json", "--input", "1x3x112x112");

            assertThat(r.exitCode()).isZero();
            JsonNode totals = json(r).get("totals");
            long expected = analyze("resnet18", Shape.of(1, 3, 112, 112)).totals().macs();
            assertThat(totals.get("macs").asLong()).isEqualTo(expected);
            assertThat(totals.get("params").asLong()).isEqualTo(RESNET18_PARAMS);
            // Not exactly a quarter: the 7×7 last stage becomes 4×4 (ceil of odd sizes) and the FC is fixed.
            assertThat(expected).isLessThan(RESNET18_MACS / 3).isGreaterThan(RESNET18_MACS / 5);
            assertThat(json(r).get("nodes").get(0).get("outputs").get(0).asText()).isEqualTo("1x3x112x112");
        }

        @ParameterizedTest(name = "--input {0}")
        @ValueSource(strings = {"1x3x0x224", "abc", "1x3x224", "1x3x-5x224"})
        void with_a_bad_input_size_exits_2_with_one_line_naming_the_problem(String input) {
            CliRun r = run("profile", "resnet18", "--input", input);

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("error: --input: ")
                    .containsAnyOf("'" + input + "'", input.replace('x', '×'));
        }

        @Test
        void names_the_zero_dimension_and_the_word_that_is_not_a_number() {
            assertThat(run("profile", "resnet18", "--input", "1x3x0x224").err())
                    .contains("dimension 3 must be positive, got 0");
            assertThat(run("profile", "resnet18", "--input", "abc").err())
                    .contains("'abc' is not a whole number");
        }

        @Test
        void of_a_file_prints_the_same_as_of_the_template(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("my resnet.json");
            ProjectFiles.write(Templates.load("resnet18"), file);

            CliRun fromFile = run("profile", file.toString(), "--json");
            CliRun fromTemplate = run("profile", "resnet18", "--json");

            assertThat(fromFile.exitCode()).isZero();
            assertThat(json(fromFile)).isEqualTo(json(fromTemplate));
            assertThat(run("profile", file.toString()).out()).isEqualTo(run("profile", "resnet18").out());
        }

        @Test
        void of_a_missing_file_exits_1_saying_no_such_file(@TempDir Path dir) {
            CliRun r = run("profile", dir.resolve("absent.json").toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).singleElement(as(STRING))
                    .contains("absent.json").contains("no such file");
        }

        @Test
        void of_a_design_with_problems_still_prints_the_table_and_exits_1(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("broken.json");
            ProjectFiles.write(brokenDesign(), file);

            CliRun r = run("profile", file.toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("(error)");
            assertThat(r.errLines()).allSatisfy(l -> assertThat(l).startsWith("problem: node '"));
        }
    }

    @Nested
    class Validate {

        @Test
        void a_valid_file_exits_0_and_says_valid(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("net.json");
            ProjectFiles.write(Templates.load("mobilenetv2"), file);

            CliRun r = run("validate", file.toString());

            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("valid: " + file).contains("3,504,872 params");
        }

        @Test
        void a_design_with_a_shape_mismatch_and_an_unconnected_input_exits_1_listing_both_at_node_and_port(
                @TempDir Path dir) throws Exception {
            Path file = dir.resolve("broken.json");
            ProjectFiles.write(brokenDesign(), file);

            CliRun r = run("validate", file.toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines().get(0)).isEqualTo("invalid: " + file + ": 2 problems:");
            assertThat(r.errLines()).anySatisfy(l -> assertThat(l).startsWith("  node 'sum', input 'b': ")
                    .contains("cannot combine 1×16×32×32 with 1×8×32×32"));
            assertThat(r.errLines()).anySatisfy(l -> assertThat(l)
                    .isEqualTo("  node 'orphan', input 'x': input 'x' is not connected"));
        }

        @Test
        void malformed_json_exits_1_naming_the_file_the_location_and_the_problem(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("cut.json");
            Files.writeString(file, "{\n  \"formatVersion\": 1,\n  \"name\": \"cut\",\n");

            CliRun r = run("validate", file.toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).singleElement(as(STRING))
                    .startsWith("invalid: " + file + ": line ").contains(", column ").contains("not valid JSON");
        }

        @Test
        void a_missing_file_exits_1_saying_no_such_file(@TempDir Path dir) {
            Path file = dir.resolve("nowhere.json");

            CliRun r = run("validate", file.toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains(file.toString()).contains("no such file");
        }

        @Test
        void an_unknown_name_exits_1_listing_the_templates() {
            CliRun r = run("validate", "resnet19");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).singleElement(as(STRING))
                    .contains("resnet19").contains("is neither a file nor a template")
                    .contains(Templates.list().stream().map(TemplateInfo::id).toList());
        }

        @Test
        void a_template_name_is_valid_too() {
            CliRun r = run("validate", "swin-tiny");

            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).startsWith("valid: swin-tiny");
        }
    }

    @Nested
    class TemplatesAndBlocks {

        @Test
        void templates_lists_every_template_with_its_parameters() throws Exception {
            CliRun r = run("templates");

            assertThat(r.exitCode()).isZero();
            for (TemplateInfo t : Templates.list()) {
                long params = DesignAnalyzer.analyze(Templates.load(t.id())).totals().params();
                assertThat(r.outLines()).as("row of %s", t.id()).anySatisfy(l -> assertThat(l)
                        .startsWith(t.id() + " ").contains(t.name()).contains(String.format("%,d", params)));
            }
        }

        @Test
        void templates_names_prints_exactly_the_ids_one_per_line() {
            CliRun r = run("templates", "--names");

            assertThat(r.exitCode()).isZero();
            assertThat(r.outLines()).containsExactlyElementsOf(Templates.list().stream().map(TemplateInfo::id).toList())
                    .contains("resnet18", "resnet50", "mobilenetv2", "convnext-tiny", "swin-tiny", "focalnet-tiny-lrf",
                            "vmamba-tiny")
                    .doesNotHaveDuplicates();
        }

        @Test
        void blocks_lists_every_block_id() {
            CliRun r = run("blocks");

            assertThat(r.exitCode()).isZero();
            List<String> firstColumn = r.outLines().stream().skip(2).map(l -> l.split("\\s+")[0]).toList();
            assertThat(firstColumn).containsExactlyElementsOf(BlockLibrary.standard().ids());
        }

        @Test
        void bench_analysis_prints_a_table_with_the_three_cases() {
            CliRun r = run("bench", "analysis", "--nodes", "200", "--rounds", "5");

            assertThat(r.exitCode()).isZero();
            assertThat(r.outLines()).anySatisfy(l -> assertThat(l.trim().split("\\s+"))
                    .startsWith("case", "median", "p90", "best", "rounds", "note"));
            assertThat(r.outLines()).filteredOn(l -> l.startsWith("full analysis ")).hasSize(1);
            assertThat(r.outLines()).filteredOn(l -> l.startsWith("re-analysis after one edit ")).hasSize(1);
            assertThat(r.outLines()).filteredOn(l -> l.startsWith("re-analysis, edit at the top ")).hasSize(1);
        }

        @Test
        void bench_editor_prints_what_the_graphical_side_measured_against_the_targets() {
            List<String> asked = new ArrayList<>();
            WorkbenchCommand.EditorMeasurement fake = (nodes, frames, template) -> {
                asked.add(nodes + " nodes, " + frames + " frames, " + template.id());
                return new EditorFigures(List.of(
                        new EditorFigures.Case("open 300 nodes (first)", 900, 900, 900, 900, 1, ""),
                        new EditorFigures.Case("pan", 4, 4, 6, 9, 20, "")),
                        new double[] {1200, 300, 350, 400}, new double[] {200, 50, 60, 70}, true, "21", "sw");
            };
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();

            int code = WorkbenchCommand.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    WorkbenchCommand.NO_GUI, fake, "bench", "editor", "--nodes", "300", "--rounds", "20",
                    "--template", "resnet18");

            assertThat(code).isZero();
            assertThat(asked).containsExactly("300 nodes, 20 frames, resnet18");
            assertThat(out.toString()).contains("canvas: pan").contains("headless (Monocle, software rendering)")
                    .contains("Target: open a 300-node design in < 1.5 s: met (slowest first open 1200.00 ms).")
                    .contains("frame p90 well under 16.7 ms (60 fps): met (worst p90 6.00 ms, pan).");
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void bench_editor_without_the_graphical_side_fails_with_one_line() {
            CliRun r = run("bench", "editor", "--nodes", "300", "--rounds", "20");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).singleElement(as(STRING)).startsWith("error: ").contains("cannot measure the editor");
        }

        @Test
        void bench_of_an_unknown_benchmark_exits_2() {
            CliRun r = run("bench", "nope");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("'nope'").contains("analysis");
        }
    }

    @Test
    void without_arguments_starts_the_graphical_editor() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> started = new ArrayList<>();

        int code = WorkbenchCommand.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                (o, e) -> {
                    started.add("gui");
                    return 0;
                });

        assertThat(started).containsExactly("gui");
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void an_unknown_command_or_option_is_a_usage_error_without_a_stack_trace() {
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(run("profile", "resnet18", "--colour").exitCode()).isEqualTo(2);
    }

    /**
     * input → wide (16 ch) and narrow (8 ch) → sum: a shape mismatch on sum's input b; plus a ReLU
     * whose only input is not wired.
     */
    static Design brokenDesign() {
        DesignBuilder b = new DesignBuilder("Broken");
        String x = b.input("input", 3, 32, 32);
        String wide = b.add("wide", "conv.conv2d", Map.of("out_channels", 16), x);
        String narrow = b.add("narrow", "conv.conv2d", Map.of("out_channels", 8), x);
        b.add("sum", "merge.add", Map.of(), wide, narrow);
        Design d = b.build();
        d.addNode(new Node("orphan", "activation.relu", Map.of(), 0, 480));
        return d;
    }

    private static int indexOfLineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in:\n" + String.join("\n", lines));
    }
}
