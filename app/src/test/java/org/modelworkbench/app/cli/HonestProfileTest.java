package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.files.ProjectFiles;

/** What the command line prints can be trusted: partial totals say so, file text cannot drive the terminal. */
class HonestProfileTest {

    private static JsonNode json(CliRun r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void profileOfAnInvalidDesignMarksItsTotalsPartialListsTheProblemsAndExits1() {
        // Swin-T at 256×256: the stage-1 map is 64×64, not divisible by window 7
        CliRun r = CliRun.of("profile", "swin-tiny", "--input", "1x3x256x256");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l)
                .matches("partial: 1 problem — totals cover only the valid part \\(\\d+ of \\d+ nodes evaluated\\).*"));
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("params\\s+.* — partial"));
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("problem: node 'stage1_block1', input 'x': ").contains("not divisible by window 7"));
    }

    @Test
    void profileJsonOfAnInvalidDesignSaysPartial() throws Exception {
        JsonNode root = json(CliRun.of("profile", "swin-tiny", "--input", "1x3x256x256", "--json"));
        assertThat(root.get("partial").booleanValue()).isTrue();
        assertThat(json(CliRun.of("profile", "swin-tiny", "--json")).get("partial").booleanValue()).isFalse();
    }

    @Test
    void profileJsonGivesEveryOutputItsShapeAndLayoutAndKeepsTheOldOutputStrings() throws Exception {
        JsonNode root = json(CliRun.of("profile", "swin-tiny", "--json"));
        JsonNode first = root.get("nodes").get(0);
        assertThat(first.get("outputs").get(0).asText()).isEqualTo("1x3x224x224");
        assertThat(first.get("tensors").get(0).get("layout").asText()).isEqualTo("NCHW");
        assertThat(first.get("tensors").get(0).get("shape").toString()).isEqualTo("[1,3,224,224]");
        JsonNode embed = root.get("nodes").get(1);
        assertThat(embed.get("tensors").get(0).get("layout").asText()).isEqualTo("NHWC");
        JsonNode head = root.get("nodes").get(root.get("nodes").size() - 1);
        assertThat(head.get("tensors").get(0).get("layout").asText()).isEqualTo("ND");
    }

    @Test
    void aLayoutMismatchInJsonCarriesItsQuickFix(@TempDir Path dir) throws Exception {
        DesignBuilder b = new DesignBuilder("mixed");
        String x = b.input("input", 8, 16, 16);
        String nhwc = b.add("to_nhwc", "tensor.permute", Map.of("dims", java.util.List.of(0, 2, 3, 1)), x);
        b.add("conv", "conv.conv2d", Map.of("out_channels", 8), nhwc);
        Path file = dir.resolve("mixed.json");
        ProjectFiles.write(b.build(), file);

        JsonNode problem = json(CliRun.of("profile", file.toString(), "--json")).get("problems").get(0);

        assertThat(problem.get("kind").asText()).isEqualTo("LAYOUT_MISMATCH");
        assertThat(problem.get("message").asText())
                .isEqualTo("expects channels-first N×C×H×W; to_nhwc.y is channels-last N×H×W×C");
        assertThat(problem.get("fix").asText()).isEqualTo("Insert a permute [0, 3, 1, 2] (NHWC → NCHW) before conv");
    }

    @Test
    void trainingAndInferenceActivationMemoryAreBothReportedAndDifferByTheDropoutTensors(@TempDir Path dir)
            throws Exception {
        DesignBuilder b = new DesignBuilder("dropout");
        String x = b.input("input", 4, 8, 8);
        x = b.add("conv", "conv.conv2d", Map.of("out_channels", 4), x);
        b.add("drop", "regularization.dropout", Map.of("p", 0.1), x);
        Path file = dir.resolve("d.json");
        ProjectFiles.write(b.build(), file);

        JsonNode totals = json(CliRun.of("profile", file.toString(), "--json")).get("totals");
        long tensor = 4L * 8 * 8 * 4; // 1×4×8×8 fp32
        assertThat(totals.get("activationBytes").asLong()).isEqualTo(3 * tensor); // input, conv, dropout
        assertThat(totals.get("inferenceActivationBytes").asLong()).isEqualTo(2 * tensor);

        CliRun table = CliRun.of("profile", file.toString());
        assertThat(table.outLines()).anySatisfy(l -> assertThat(l).matches("activations\\s+.*\\(3,072 bytes\\) in training"));
        assertThat(table.outLines()).anySatisfy(l -> assertThat(l).matches("\\s+.*\\(2,048 bytes\\) at inference.*"));
    }

    @Test
    void aDesignNameWithNewlinesAndEscapeSequencesIsPrintedEscaped(@TempDir Path dir) throws Exception {
        Design d = new DesignBuilder("evil\n\u001b[2J\u001b]0;pwned\u0007name").build();
        d.setDescription("line one\rline two\u202e");
        Path file = dir.resolve("evil.json");
        ProjectFiles.write(d, file);

        CliRun profile = CliRun.of("profile", file.toString());
        CliRun validate = CliRun.of("validate", file.toString());

        assertThat(profile.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r")
                .doesNotContain("\u202e");
        assertThat(profile.outLines().get(0))
                .isEqualTo("evil\\n\\u001b[2J\\u001b]0;pwned\\u0007name — line one\\rline two\\u202e");
        assertThat(validate.out() + validate.err()).doesNotContain("\u001b").doesNotContain("\n\u001b");
    }

    @Test
    void terminalTextEscapesControlsAndLeavesOrdinaryTextAlone() {
        assertThat(TerminalText.safe("ResNet-18 · 1×3×224×224 — ok")).isEqualTo("ResNet-18 · 1×3×224×224 — ok");
        assertThat(TerminalText.safe("a\tb\u0085c\u007f")).isEqualTo("a\\tb\\u0085c\\u007f");
    }
}
