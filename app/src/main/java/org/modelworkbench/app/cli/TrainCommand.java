package org.modelworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingConfigCheck;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.trainer.train.TrainingJson;
import org.modelworkbench.trainer.worker.TrainingJob;
import org.modelworkbench.trainer.worker.TrainingRequest;
import org.modelworkbench.trainer.worker.WorkerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbench train}: trains a design in a worker process (so a crash is reported, not fatal),
 * printing progress, a line per epoch and the test accuracy; {@code --json} prints the worker's event
 * lines as they come. Ctrl+C cancels the run cleanly. Exit codes: 0 finished, 1 failed, 2 bad
 * options, 130 cancelled.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a design on an image dataset and reports the test accuracy of its best epoch.",
                "The run (design snapshot, settings, metrics, checkpoints) is kept beside the design file in",
                "NAME.runs/, or for a template in the app's data folder (see --runs)."})
final class TrainCommand implements Callable<Integer> {
    private static final TrainingConfig D = TrainingConfig.defaults();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE-OR-TEMPLATE", description = "A project file, or a template name (see: workbench templates)")
    String source;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist (default; Debian's package, or the bundled sample), fashion-mnist-sample, "
                    + "cifar-10 or image-folder")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "The dataset's folder")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training images (default: ${DEFAULT-VALUE})")
    int epochs = D.epochs();

    @Option(names = "--batch", paramLabel = "B", description = "Images per step (default: ${DEFAULT-VALUE})")
    int batch = D.batchSize();

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate (default: ${DEFAULT-VALUE})")
    double lr = D.learningRate();

    @Option(names = "--optimizer", paramLabel = "sgd|adamw", description = "SGD with Nesterov momentum, or AdamW (default: ${DEFAULT-VALUE})")
    String optimizer = D.optimizer();

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum or AdamW's beta1 (default: ${DEFAULT-VALUE})")
    double momentum = D.momentum();

    @Option(names = "--weight-decay", paramLabel = "WD", description = "Default: ${DEFAULT-VALUE}")
    double weightDecay = D.weightDecay();

    @Option(names = "--schedule", paramLabel = "constant|cosine|one-cycle", description = "Default: ${DEFAULT-VALUE}")
    String schedule = D.schedule();

    @Option(names = "--warmup", paramLabel = "EPOCHS", description = "Linear warm-up for constant and cosine (default: ${DEFAULT-VALUE})")
    double warmup = D.warmupEpochs();

    @Option(names = "--label-smoothing", paramLabel = "E", description = "Default: ${DEFAULT-VALUE}")
    double labelSmoothing = D.labelSmoothing();

    @Option(names = "--drop-path", paramLabel = "RATE", description = "Largest stochastic-depth rate, rising linearly over the blocks; 0 keeps the design's own (default)")
    double dropPath = D.dropPath();

    @Option(names = "--no-augment", description = "Train without random crop and flip")
    boolean noAugment;

    @Option(names = "--validation", paramLabel = "FRACTION", description = "Training images held out for validation (default: ${DEFAULT-VALUE})")
    double validation = D.validationFraction();

    @Option(names = "--patience", paramLabel = "EPOCHS", description = "Stop after this many epochs without a better validation accuracy; 0: never (default)")
    int patience = D.earlyStopPatience();

    @Option(names = "--seed", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}")
    long seed = D.seed();

    @Option(names = "--mode", paramLabel = "auto|fp32|fp32-cl|bf16-autocast", description = "Execution mode (default: ${DEFAULT-VALUE})")
    String mode = D.mode();

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads; 0: the physical cores (default)")
    int threads = D.threads();

    @Option(names = "--limit-batches", paramLabel = "K", description = "At most K training batches per epoch (smoke runs)")
    int limitBatches = D.limitBatches();

    @Option(names = "--progress-every", paramLabel = "STEPS", description = "Default: ${DEFAULT-VALUE}")
    int progressEvery = D.progressEvery();

    @Option(names = "--inspect-every", paramLabel = "STEPS", description = "Per-block statistics every STEPS steps, in --json and the run record; 0: off (default: ${DEFAULT-VALUE})")
    int inspectEvery = D.inspectEvery();

    @Option(names = "--runs", paramLabel = "DIR", description = "Where to keep the run (default: NAME.runs beside the design file; for a template, runs/TEMPLATE in the app's data folder)")
    Path runs;

    @Option(names = "--json", description = "Print the worker's events, one JSON object per line, and nothing else")
    boolean json;

    TrainingConfig config() {
        return new TrainingConfig(dataset, data == null ? null : data.toAbsolutePath().toString(), epochs, batch, optimizer,
                lr, momentum, optimizer.equalsIgnoreCase("sgd") && momentum > 0, weightDecay, schedule, warmup,
                labelSmoothing, dropPath, patience, seed, !noAugment, validation, progressEvery, inspectEvery, mode,
                threads, limitBatches);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config = config();
        var problems = TrainingConfigCheck.problems(config);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("error: " + TerminalText.safe(p)));
            return 2;
        }
        Design design = DesignSource.loadOrSay(source, err);
        if (design == null) {
            return 1;
        }
        DataFolder folders = DataFolder.standard();
        Path runsFolder = runs != null ? runs.toAbsolutePath()
                : DesignSource.file(source).map(RunStore::runsFolderFor).orElse(folders.runsOf(source));
        WorkerLauncher launcher = new WorkerLauncher(folders.djlCache());
        TrainingReport report = new TrainingReport();
        TrainingJob job;
        try {
            job = launcher.start(new TrainingRequest(design, design.name(), runsFolder, config), e -> {
                if (json) {
                    out.println(TrainingJson.line(e));
                } else {
                    report.line(e).ifPresent(out::println);
                }
                out.flush();
            });
        } catch (IOException e) {
            err.println("error: the training could not start: " + TerminalText.safe(e.getMessage()));
            return 1;
        }
        // Ctrl+C: the worker, in the same process group, gets the signal too and cancels itself; this hook
        // also asks it, and waits for its last word so that it is printed before the JVM ends.
        Thread onInterrupt = new Thread(() -> {
            job.cancel();
            try {
                job.done().get(WorkerLauncher.CANCEL_GRACE_MILLIS + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
                // exiting anyway
            }
            out.flush();
        }, "cancel training on Ctrl+C");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        TrainingEvent last;
        try {
            last = job.done().get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the same last event
            }
        }
        if (last instanceof TrainingEvent.Failed f) {
            err.println("error: " + TerminalText.safe(f.message()));
            if (!json) {
                out.println("run kept in " + job.runFolder());
            }
            return 1;
        }
        if (!json) {
            out.println("run saved in " + job.runFolder());
        }
        return ((TrainingEvent.Finished) last).status().equals("cancelled") ? 130 : 0;
    }
}
