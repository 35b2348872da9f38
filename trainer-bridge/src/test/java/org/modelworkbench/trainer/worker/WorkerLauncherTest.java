package org.modelworkbench.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.engine.TestEngine;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.trainer.train.TinyDesigns;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingEvent.Checkpoint;
import org.modelworkbench.trainer.train.TrainingEvent.Failed;
import org.modelworkbench.trainer.train.TrainingEvent.Finished;
import org.modelworkbench.trainer.train.TrainingEvent.Progress;
import org.modelworkbench.trainer.train.TrainingEvent.Started;

/**
 * The real child JVM, three times: a tiny run that finishes, a cancel, and a kill -9. Each start costs
 * a JVM and an engine load (a couple of seconds); the runs themselves are a few batches of the
 * bundled sample.
 */
class WorkerLauncherTest {
    @TempDir
    Path dir;

    static WorkerLauncher launcher() {
        return new WorkerLauncher(Path.of(System.getProperty(DjlRuntime.TEST_CACHE_PROPERTY, "target/djl-cache")));
    }

    @Test
    void theChildPreloadsTcmallocWhenPresentAndNeverJemalloc() throws Exception {
        Path tcmalloc = Files.createFile(dir.resolve("libtcmalloc_minimal.so.4"));
        WorkerLauncher with = new WorkerLauncher(dir, List.of(), tcmalloc);
        WorkerLauncher without = new WorkerLauncher(dir, List.of(), dir.resolve("missing.so"));

        assertThat(with.preload(null)).isEqualTo(tcmalloc.toString());
        assertThat(with.preload("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2:/opt/other.so"))
                .isEqualTo(tcmalloc + ":/opt/other.so");
        assertThat(without.tcmallocAvailable()).isFalse();
        assertThat(without.preload("/usr/lib/libjemalloc.so.2")).isEmpty();
    }

    @Test
    void theChildIsThisJavaOfflineWithItsCacheThreadsQuietJvmOptionsAndTheSameClassPath() {
        List<String> cmd = new WorkerLauncher(dir, List.of("-Xmx512m"), null)
                .command(TinyDesigns.quick(1, 1).withMode("fp32", 3));

        assertThat(cmd.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(cmd).contains("-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + dir.toAbsolutePath().normalize(),
                "-Dai.djl.pytorch.num_threads=3", "-Dai.djl.pytorch.num_interop_threads=1", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xmx512m", System.getProperty("java.class.path"));
        assertThat(cmd).last().isEqualTo(WorkerMain.class.getName());
    }

    @Test
    void aWorkerTrainsATinyRunAndFinishesWithTheRunRecordedByItself() throws Exception {
        Design design = TinyDesigns.convNet();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingJob job = launcher().start(new TrainingRequest(design, "tiny", dir, TinyDesigns.quick(1, 4)), events::add);

        TrainingEvent last = job.done().get(120, TimeUnit.SECONDS);

        assertThat(last).isInstanceOfSatisfying(Finished.class, f -> assertThat(f.status()).isEqualTo("completed"));
        assertThat(events).filteredOn(e -> !(e instanceof TrainingEvent.Log)).first().isInstanceOf(Started.class);
        assertThat(events).last().isSameAs(last);
        assertThat(job.runFolder()).isEqualTo(dir.resolve(job.runId()));
        RunStore store = new RunStore(dir);
        assertThat(store.events(job.runId())).hasSize(events.stream().filter(e -> !isLauncherNote(e)).toList().size());
        RunSummary s = store.list().get(0);
        assertThat(s.status()).isEqualTo("completed");
        assertThat(s.testAccuracy()).isEqualTo(((Finished) last).testAccuracy());
        assertThat(store.record(job.runId()).host().mode()).isEqualTo("fp32");
        assertThat(job.runFolder().resolve(Checkpoints.BEST)).isNotEmptyFile();
    }

    /** The launcher's own note about a missing tcmalloc is not part of the worker's record. */
    static boolean isLauncherNote(TrainingEvent e) {
        return e instanceof TrainingEvent.Log l && l.message().startsWith("tcmalloc was not found");
    }

    @Test
    void cancellingStopsTheWorkerWithinASecond() throws Exception {
        CompletableFuture<Void> progressing = new CompletableFuture<>();
        TrainingConfig long_ = TinyDesigns.quick(50, 0);
        TrainingJob job = launcher().start(new TrainingRequest(TinyDesigns.convNet(), "tiny", dir, long_), e -> {
            if (e instanceof Progress) {
                progressing.complete(null);
            }
        });
        progressing.get(120, TimeUnit.SECONDS);

        long t = System.nanoTime();
        job.cancel();
        TrainingEvent last = job.done().get(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t) / 1e9;

        assertThat(last).isInstanceOfSatisfying(Finished.class, f -> assertThat(f.status()).isEqualTo("cancelled"));
        assertThat(seconds).as("seconds from cancel to the last word").isLessThan(1.0);
        List<TrainingEvent> recorded = new RunStore(dir).events(job.runId());
        assertThat(recorded).last().isInstanceOfSatisfying(Finished.class,
                f -> assertThat(f.status()).as("the worker's own last word").isEqualTo("cancelled"));
        assertThat(new RunStore(dir).list().get(0).status()).isEqualTo("cancelled");
    }

    @Test
    void killingTheWorkerMidRunEndsTheJobAsACrashAndLeavesTheLastCheckpointReadable() throws Exception {
        CompletableFuture<Integer> checkpointed = new CompletableFuture<>();
        Design design = TinyDesigns.convNet();
        TrainingJob job = launcher().start(new TrainingRequest(design, "tiny", dir, TinyDesigns.quick(100, 6)), e -> {
            if (e instanceof Checkpoint c && c.kind().equals("last")) {
                checkpointed.complete(c.epoch());
            }
        });
        checkpointed.get(120, TimeUnit.SECONDS);
        RunStore store = new RunStore(dir);
        long pid = store.record(job.runId()).owner().pid();
        assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
        TrainingEvent last = job.done().get(30, TimeUnit.SECONDS);

        assertThat(last).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.kind()).isEqualTo("crash");
            assertThat(f.message()).contains("stopped unexpectedly").contains("exit code 137")
                    .contains("last checkpoint, of epoch " + f.epoch()).contains(job.runFolder().toString());
            assertThat(f.epoch()).isPositive();
        });
        assertThat(store.list().get(0).status()).isEqualTo("failed");
        assertThat(store.events(job.runId())).last().isEqualTo(last);

        // The checkpoint loads into a fresh model compiled from the run's own design snapshot.
        TestEngine.start();
        Path checkpoint = job.runFolder().resolve(Checkpoints.LAST);
        CompiledDesign fresh = new DesignCompiler().compile(store.design(job.runId()), Shape.of(2, 1, 28, 28));
        try (NDManager m = NDManager.newBaseManager()) {
            fresh.initialize(m);
            float[] before = fresh.block().getParameters().get(0).getValue().getArray().toFloatArray();
            Checkpoints.load(fresh.block(), m, checkpoint);
            float[] after = fresh.block().getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
        }
        assertThat(Files.list(job.runFolder()).map(p -> p.getFileName().toString()))
                .as("no temporary file left by the kill").noneMatch(n -> n.endsWith(".tmp"));
    }
}
