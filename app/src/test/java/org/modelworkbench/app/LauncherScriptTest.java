package org.modelworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code workbench} launcher's allocator handling, run for real with bash: a copy of the script in
 * a folder that looks built (so it never builds), and a fake {@code java} on the PATH that prints the
 * LD_PRELOAD and the arguments it was started with.
 */
class LauncherScriptTest {
    static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("workbench");

    @TempDir
    Path dir;
    Path launcher;
    Path tcmalloc;

    record Run(String preload, String args, List<String> err) {
    }

    @BeforeEach
    void layOutABuiltCheckout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path root = Files.createDirectories(dir.resolve("checkout"));
        launcher = root.resolve("workbench");
        Files.copy(SCRIPT, launcher);
        Files.createDirectories(root.resolve("app/target/lib"));
        Files.writeString(root.resolve("app/target/workbench.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf 'LD_PRELOAD=%s\\n' \"${LD_PRELOAD-<unset>}\"\nprintf 'ARGS=%s\\n' \"$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        tcmalloc = Files.writeString(dir.resolve("libtcmalloc_minimal.so.4"), "not really a library");
    }

    Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code; stderr: %s", err).isZero();
        String preload = line(out, "LD_PRELOAD=");
        String argLine = line(out, "ARGS=");
        // ld.so complains about the fake libraries when the fake java starts; that is not the launcher.
        List<String> messages = err.lines().filter(l -> !l.startsWith("ERROR: ld.so")).toList();
        return new Run(preload, argLine, messages);
    }

    static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElseThrow();
    }

    @Test
    void tcmallocIsPreloadedAndDjlIsToldToStayOffline() throws Exception {
        Run r = run(Map.of("WORKBENCH_TCMALLOC", tcmalloc.toString()), "bench", "train", "resnet-fmnist");

        assertThat(r.preload()).isEqualTo(tcmalloc.toString());
        assertThat(r.args()).startsWith("-Dai.djl.offline=true ").endsWith("org.modelworkbench.app.Main bench train resnet-fmnist");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void tcmallocIsAppendedToAnExistingPreloadOnce() throws Exception {
        Run r = run(Map.of("WORKBENCH_TCMALLOC", tcmalloc.toString(), "LD_PRELOAD", "/opt/x/libfoo.so"), "templates");
        Run again = run(Map.of("WORKBENCH_TCMALLOC", tcmalloc.toString(), "LD_PRELOAD", "/opt/x/libfoo.so:" + tcmalloc),
                "templates");

        assertThat(r.preload()).isEqualTo("/opt/x/libfoo.so:" + tcmalloc);
        assertThat(again.preload()).isEqualTo("/opt/x/libfoo.so:" + tcmalloc);
    }

    @Test
    void jemallocIsNeverPreloadedAndTheUserIsToldWhy() throws Exception {
        String jemalloc = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
        Run r = run(Map.of("WORKBENCH_TCMALLOC", tcmalloc.toString(), "LD_PRELOAD", jemalloc + " /opt/x/libfoo.so"), "train");
        Run without = run(Map.of("WORKBENCH_TCMALLOC", "", "LD_PRELOAD", "/opt/j/libjemalloc.so:" + jemalloc), "train");

        assertThat(r.preload()).isEqualTo("/opt/x/libfoo.so:" + tcmalloc).doesNotContain("jemalloc");
        assertThat(r.err()).containsExactly("workbench: removed jemalloc from LD_PRELOAD (" + jemalloc
                + "): it makes training about 5× slower");
        assertThat(without.preload()).isEqualTo("<unset>");
    }

    @Test
    void withoutTcmallocCommandsThatTrainSayHowToGetItAndOthersStayQuiet() throws Exception {
        Map<String, String> missing = Map.of("WORKBENCH_TCMALLOC", dir.resolve("absent.so").toString());
        String hint = "workbench: tcmalloc not found; training runs about a third slower with glibc's malloc"
                + " (Debian/Ubuntu: apt-get install libtcmalloc-minimal4)";

        for (String[] args : List.of(new String[] {"train", "d.json"}, new String[] {"bench", "train"},
                new String[] {"profile", "d.json", "--measure"}, new String[0])) {
            Run r = run(missing, args);
            assertThat(r.err()).as(String.join(" ", args)).containsExactly(hint);
            assertThat(r.preload()).isEqualTo("<unset>");
        }
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"profile", "d.json"},
                new String[] {"bench", "analysis"}, new String[] {"templates"})) {
            assertThat(run(missing, args).err()).as(String.join(" ", args)).isEmpty();
        }
    }
}
