package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.profile.BatchProfile;
import org.modelworkbench.trainer.profile.MeasuredProfile;
import org.modelworkbench.trainer.profile.NodeProfile;
import org.modelworkbench.trainer.profile.ProfileJson;

/**
 * {@code workbench profile --measure}: the design runs on the engine (unpacked into the test data
 * folder, target/test-app-data) and its measured profile is printed; mistakes are one line.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MeasuredProfileCommandTest {
    @TempDir
    Path dir;

    @Test
    void measure_json_prints_one_measured_profile_on_stdout_and_progress_on_stderr() throws Exception {
        CliRun r = WorkbenchCommandTest.run("profile", "resnet-fmnist", "--measure", "--json", "--repeats", "2",
                "--warmup", "1", "--batches", "1,2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        MeasuredProfile p = ProfileJson.read(r.out());
        assertThat(p.input()).isEqualTo("8x1x28x28"); // the default batch of the per-node table
        assertThat(p.repeats()).isEqualTo(2);
        assertThat(p.batches()).extracting(BatchProfile::batch).containsExactly(1, 2);
        assertThat(p.batches()).allMatch(BatchProfile::measured);
        assertThat(p.nodes()).filteredOn(n -> n.ops() > 0).isNotEmpty()
                .allSatisfy(n -> assertThat(n.forward().medianMs()).isPositive())
                .allSatisfy(n -> assertThat(n.forwardBackward().medianMs()).isPositive());
        assertThat(p.node("stage2_block1").map(NodeProfile::gmacPerSecond).orElseThrow()).isPositive();
        assertThat(r.errLines()).allMatch(l -> l.startsWith("measuring ") || l.startsWith("SLF4J"))
                .contains("measuring 100%: done");
    }

    @Test
    void measure_prints_the_measured_table_the_throughput_table_and_the_method() {
        CliRun r = WorkbenchCommandTest.run("profile", "resnet-fmnist", "--measure", "--repeats", "1", "--warmup", "0",
                "--batch", "2", "--batches", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).startsWith("ResNet (Fashion-MNIST) — measured at 2x1x28x28, median of 1 runs");
        assertThat(r.out()).contains("fwd ms", "fwd+bwd ms", "% time", "% MACs", "GMAC/s", "images/s", "peak RSS",
                "memory: ", "Notes:");
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("stage1_block1\\s+resnet\\.basic_block\\s+.*"));
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l).matches("\\s+2\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+.*"));
    }

    @Test
    void an_unknown_file_is_one_clear_line_and_exit_code_1() {
        CliRun r = WorkbenchCommandTest.run("profile", dir.resolve("missing.json").toString(), "--measure");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l).startsWith("error: ").contains("missing.json"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void a_design_with_problems_is_refused_before_measuring_naming_the_node() throws Exception {
        Design design = Templates.load("resnet-fmnist");
        design.disconnect(design.incoming("stem_bn").values().iterator().next());
        Path file = dir.resolve("broken.json");
        ProjectFiles.write(design, file);

        CliRun r = WorkbenchCommandTest.run("profile", file.toString(), "--measure", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).filteredOn(l -> !l.startsWith("SLF4J")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("error: ").contains("stem_bn"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void measuring_options_without_measure_are_a_usage_error() {
        CliRun r = WorkbenchCommandTest.run("profile", "resnet-fmnist", "--batch", "4");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: --batch, --batches, --repeats and --warmup need --measure");
    }

    @Test
    void a_batch_size_below_one_is_refused_naming_it() {
        CliRun r = WorkbenchCommandTest.run("profile", "resnet-fmnist", "--measure", "--batches", "1,0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: every batch size must be at least 1, not 0");
        assertThat(List.of(r.out())).containsExactly("");
    }
}
