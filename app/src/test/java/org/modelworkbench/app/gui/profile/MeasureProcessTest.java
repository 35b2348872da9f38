package org.modelworkbench.app.gui.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.profile.ProfileJson;

/**
 * The child-process route of the profile panel's Measure, with stand-ins for the child (small shell
 * scripts in place of java) so that every ending can be checked quickly: measured, failed, killed,
 * cancelled, not started. None may throw.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MeasureProcessTest {
    @TempDir
    Path dir;

    MeasureProcess.Request request() throws Exception {
        return new MeasureProcess.Request(Templates.load("resnet-fmnist"), null, 8, List.of(1, 8), 2, 1);
    }

    MeasureProcess.Launch launch(Path java) {
        return new MeasureProcess.Launch(java, "/no/such/classes", dir.resolve("data"), dir, Map.of());
    }

    /** A stand-in for java: a shell script with this body. */
    Path script(String body) throws Exception {
        Path f = dir.resolve("java-" + System.nanoTime());
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    @Test
    void a_child_that_answers_a_measured_profile_is_read_with_its_progress() throws Exception {
        Path json = dir.resolve("profile.json");
        Files.writeString(json, ProfileJson.write(SampleProfiles.resnet()));
        Path java = script("echo 'measuring 10%: per-node forward (run 1 of 4)' >&2\n"
                + "echo 'SLF4J(W): No SLF4J providers were found.' >&2\n"
                + "echo 'measuring 100%: done' >&2\n"
                + "cat '" + json + "'");
        List<String> stages = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();

        MeasureProcess.Outcome outcome = new MeasureProcess(launch(java)).run(request(), (f, s) -> {
            fractions.add(f);
            stages.add(s);
        });

        assertThat(outcome).isInstanceOfSatisfying(MeasureProcess.Outcome.Measured.class,
                m -> assertThat(m.profile()).isEqualTo(SampleProfiles.resnet()));
        assertThat(stages).containsExactly("per-node forward (run 1 of 4)", "done");
        assertThat(fractions).containsExactly(0.1, 1.0);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("workbench-measure"));
        }
    }

    @Test
    void the_childs_own_error_line_becomes_the_message() throws Exception {
        Path java = script("echo 'measuring 0%: compiling' >&2\n"
                + "echo \"error: the design cannot be compiled: node 'stem_bn', input 'x': not connected\" >&2\nexit 1");
        MeasureProcess.Outcome outcome = new MeasureProcess(launch(java)).run(request(), (f, s) -> { });
        assertThat(outcome).isEqualTo(new MeasureProcess.Outcome.Failed(
                "Measuring failed: the design cannot be compiled: node 'stem_bn', input 'x': not connected"));
    }

    @Test
    void a_child_killed_for_memory_is_reported_as_such_with_the_end_of_its_output() throws Exception {
        Path java = script("echo 'native memory is running out' >&2\nkill -9 $$");
        MeasureProcess.Outcome outcome = new MeasureProcess(launch(java)).run(request(), (f, s) -> { });
        assertThat(outcome).isInstanceOfSatisfying(MeasureProcess.Outcome.Failed.class, f -> assertThat(f.message())
                .isEqualTo("Measuring failed: the process was killed, probably for lack of memory (exit code 137): "
                        + "native memory is running out"));
    }

    @Test
    void a_child_that_answers_no_profile_fails_clearly() throws Exception {
        Path java = script("echo 'hello'");
        MeasureProcess.Outcome outcome = new MeasureProcess(launch(java)).run(request(), (f, s) -> { });
        assertThat(outcome).isInstanceOfSatisfying(MeasureProcess.Outcome.Failed.class, f -> assertThat(f.message())
                .startsWith("The measuring process answered something that is not a measured profile"));
    }

    @Test
    void a_java_that_does_not_exist_is_a_message_not_an_exception() throws Exception {
        MeasureProcess.Outcome outcome = new MeasureProcess(launch(dir.resolve("no-java"))).run(request(), (f, s) -> { });
        assertThat(outcome).isInstanceOfSatisfying(MeasureProcess.Outcome.Failed.class, f -> assertThat(f.message())
                .startsWith("The measuring process could not start (" + dir.resolve("no-java") + "): "));
    }

    @Test
    void the_real_java_with_a_bad_class_path_fails_with_the_jvms_own_words() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        MeasureProcess.Outcome outcome = new MeasureProcess(launch(java)).run(request(), (f, s) -> { });
        assertThat(outcome).isInstanceOfSatisfying(MeasureProcess.Outcome.Failed.class, f -> assertThat(f.message())
                .startsWith("Measuring failed: the measuring process ended with exit code 1: ")
                .contains("org.modelworkbench.app.Main"));
    }

    @Test
    void cancel_kills_a_running_child_within_a_second() throws Exception {
        Path java = script("echo 'measuring 5%: per-node forward' >&2\nsleep 30");
        MeasureProcess process = new MeasureProcess(launch(java));
        CompletableFuture<Double> started = new CompletableFuture<>();
        CompletableFuture<MeasureProcess.Outcome> outcome = CompletableFuture.supplyAsync(
                () -> process.run(request0(), (f, s) -> started.complete(f)));
        started.get(10, TimeUnit.SECONDS);
        long t = System.nanoTime();
        process.cancel();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(new MeasureProcess.Outcome.Cancelled());
        assertThat((System.nanoTime() - t) / 1e9).isLessThan(1.0);
    }

    private MeasureProcess.Request request0() {
        try {
            return request();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_child_runs_offline_without_competing_jvm_threads_on_the_same_data_folder_with_the_request_on_its_command_line() throws Exception {
        MeasureProcess process = new MeasureProcess(launch(Path.of("/usr/bin/java")));
        MeasureProcess.Request r = new MeasureProcess.Request(Templates.load("resnet-fmnist"), Shape.of(1, 1, 56, 56), 32,
                List.of(1, 32), 5, 2);
        List<String> cmd = process.command(r, dir.resolve("d.json"));
        assertThat(cmd).startsWith("/usr/bin/java", "-Dai.djl.offline=true", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dmodelworkbench.dataDir=" + dir.resolve("data"),
                "-cp", "/no/such/classes", "org.modelworkbench.app.Main", "profile", dir.resolve("d.json").toString(),
                "--measure", "--json");
        assertThat(String.join(" ", cmd)).contains("--batch 32", "--batches 1,32", "--repeats 5", "--warmup 2",
                "--input 1x1x56x56");
    }

    @Test
    void the_child_preloads_tcmalloc_where_installed_and_never_jemalloc() {
        assertThat(MeasureProcess.Launch.preload(null, true)).isEqualTo(MeasureProcess.TCMALLOC.toString());
        assertThat(MeasureProcess.Launch.preload(null, false)).isNull();
        assertThat(MeasureProcess.Launch.preload("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", false)).isNull();
        assertThat(MeasureProcess.Launch.preload("/opt/a.so:/usr/lib/libjemalloc.so.2", true))
                .isEqualTo("/opt/a.so:" + MeasureProcess.TCMALLOC);
        assertThat(MeasureProcess.Launch.preload("/opt/libtcmalloc.so", true)).isEqualTo("/opt/libtcmalloc.so");
    }
}
