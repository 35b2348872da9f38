package org.modelworkbench.trainer.worker;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignReader;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.engine.ExecutionHooks;
import org.modelworkbench.trainer.engine.ExecutionMode;
import org.modelworkbench.trainer.engine.ExecutionModes;
import org.modelworkbench.trainer.engine.ModeSelector;
import org.modelworkbench.trainer.engine.ModeUnavailableException;
import org.modelworkbench.trainer.train.DropPathRates;
import org.modelworkbench.trainer.runs.RunRecord;
import org.modelworkbench.trainer.runs.RunRecorder;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.Trainer;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * The training worker process: {@code java … org.modelworkbench.trainer.worker.WorkerMain
 * [--request FILE]}. Reads one {@link WorkerRequest} (the first line of standard input, or the file),
 * trains, and writes every {@link TrainingEvent} as one JSON line to standard output, which carries
 * nothing else (anything else a library prints goes to standard error). A line "cancel" on standard
 * input, or standard input closing (the app is gone), stops the run before its next batch. The worker
 * writes the run record itself (events, record, checkpoints), so the record is whole even when the app
 * died. Exit code 0 after Finished, 1 after Failed, 2 for a request it cannot read.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // stdout is the protocol's alone
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        WorkerRequest request;
        try {
            String text;
            if (args.length == 2 && args[0].equals("--request")) {
                text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
            } else if (args.length == 0) {
                text = stdin.readLine();
                if (text == null) {
                    throw new IOException("standard input closed before a request arrived");
                }
            } else {
                throw new IOException("usage: WorkerMain [--request FILE] (the request is otherwise the first line of "
                        + "standard input)");
            }
            request = TrainingJson.mapper().readValue(text, WorkerRequest.class);
            if (request.design() == null || request.config() == null || request.djlCache() == null
                    || (request.runFolder() == null && request.runsFolder() == null)) {
                throw new IOException("the request needs design, config, djlCache and runFolder or runsFolder");
            }
        } catch (IOException e) {
            protocol.println(TrainingJson.line(new TrainingEvent.Failed("error", "the worker could not read its request: "
                    + e.getMessage(), 0, 0)));
            System.exit(2);
            return;
        }
        System.exit(run(request, stdin, protocol));
    }

    static int run(WorkerRequest request, BufferedReader stdin, PrintStream protocol) {
        Consumer<TrainingEvent> toParent = e -> protocol.println(TrainingJson.line(e));
        Design design;
        try {
            design = new DesignReader().read(TrainingJson.mapper().writeValueAsString(request.design()),
                    "the training request");
        } catch (ProjectFileException | IOException e) {
            toParent.accept(new TrainingEvent.Failed("design", e.getMessage(), 0, 0));
            return 1;
        }
        TrainingConfig config = request.config();
        Path runFolder;
        try {
            if (request.runFolder() != null) {
                runFolder = Path.of(request.runFolder());
            } else {
                RunStore store = new RunStore(Path.of(request.runsFolder()));
                runFolder = store.runFolder(store.create(design, request.designName(), config));
            }
        } catch (IOException e) {
            toParent.accept(new TrainingEvent.Failed("error", "cannot create the run folder: " + e.getMessage(), 0, 0));
            return 1;
        }
        // The engine first: the bf16 mode finds its switches in the loaded libtorch.
        try {
            DjlRuntime.start(Path.of(request.djlCache()));
        } catch (RuntimeException e) {
            TrainingEvent.Failed failed = new TrainingEvent.Failed("error", "the deep learning engine could not start from "
                    + request.djlCache() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), 0, 0);
            toParent.accept(failed);
            try {
                RunRecorder.recordEnd(runFolder, failed);
            } catch (IOException ignored) {
                // the parent got the event
            }
            return 1;
        }
        java.util.List<TrainingEvent> notes = new java.util.ArrayList<>();
        ExecutionHooks hooks = executionHooks(design, config, Path.of(request.djlCache()), notes);
        RunRecord.Host host = new RunRecord.Host(HostInfo.cpuModel(), Runtime.getRuntime().availableProcessors(),
                hooks.mode().label(), 0, HostInfo.allocator());
        try (RunRecorder recorder = RunRecorder.open(runFolder, host)) {
            java.util.List<TrainingEvent> afterStart = new java.util.ArrayList<>(notes);
            Consumer<TrainingEvent> record = e -> {
                recorder.accept(e); // the record first: when the app sees the last word, it is on disk
                toParent.accept(e);
            };
            // Started comes first; the worker's own notes follow it.
            Consumer<TrainingEvent> out = e -> {
                record.accept(e);
                if (e instanceof TrainingEvent.Started) {
                    afterStart.forEach(record);
                    afterStart.clear();
                }
            };
            Trainer trainer = new Trainer(hooks);
            cancelOnInterrupt(trainer);
            Thread watcher = new Thread(() -> watch(stdin, trainer), "cancel watcher");
            watcher.setDaemon(true);
            watcher.start();
            String name = request.designName() == null ? design.name() : request.designName();
            TrainingEvent last = trainer.run(design, name, config, runFolder.getFileName().toString(), runFolder, out);
            return last instanceof TrainingEvent.Finished ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            toParent.accept(new TrainingEvent.Failed("error", message, 0, 0));
            try {
                RunRecorder.recordEnd(runFolder, new TrainingEvent.Failed("error", message, 0, 0));
            } catch (IOException ignored) {
                // the record cannot be written either; the parent still got the event
            }
            return 1;
        }
    }

    /**
     * Ctrl+C in a terminal interrupts the whole process group, this worker included: it cancels the run
     * (the app or the command line reports the last word) instead of killing the JVM mid-step.
     */
    @SuppressWarnings("removal")
    private static void cancelOnInterrupt(Trainer trainer) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> trainer.cancel());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT on this platform: cancelling through standard input still works
        }
    }

    /** Cancels on a "cancel" line or when standard input closes. */
    private static void watch(BufferedReader stdin, Trainer trainer) {
        try {
            String line;
            while ((line = stdin.readLine()) != null) {
                if (line.trim().equalsIgnoreCase("cancel")) {
                    break;
                }
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: stop as for a closed input
        }
        trainer.cancel();
    }

    /**
     * The execution mode of this run: the one asked for, or for "auto" the fastest this machine ran
     * this design at this batch in a short measured check (remembered per machine, design and batch in
     * a folder beside the engine's cache, so later runs skip it). A mode that cannot run here, or this
     * design, falls back to fp32 and the run's log says why. Runs on the thread that trains: autocast
     * is per thread.
     */
    static ExecutionHooks executionHooks(Design design, TrainingConfig config, Path djlCache,
                                         java.util.List<TrainingEvent> notes) {
        java.util.Optional<ExecutionMode> asked;
        try {
            asked = ModeSelector.override(config.mode());
        } catch (IllegalArgumentException e) {
            notes.add(new TrainingEvent.Log(e.getMessage() + "; running fp32"));
            return ExecutionHooks.fp32();
        }
        try {
            Design trained = DropPathRates.apply(design, config.dropPath(), BlockLibrary.standard());
            Path choices = djlCache.toAbsolutePath().normalize().resolveSibling("execution-modes");
            ModeSelector.Choice choice = new ModeSelector(choices).choose(trained, null, config.batchSize(), asked);
            notes.add(new TrainingEvent.Log(choice.message()));
            CompiledDesign compiled = new DesignCompiler().compile(trained, null);
            return ExecutionModes.hooks(choice.mode(), compiled.program());
        } catch (ModeUnavailableException e) {
            notes.add(new TrainingEvent.Log("Execution mode fp32: " + e.getMessage()));
            return ExecutionHooks.fp32();
        } catch (DesignCompileException | RuntimeException e) {
            // The trainer reports a design that does not compile; the mode check only falls back.
            notes.add(new TrainingEvent.Log("Execution mode fp32: the mode check could not run ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")"));
            return ExecutionHooks.fp32();
        }
    }
}
