package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.export.ExportException;
import org.modelworkbench.trainer.export.PyTorchExport;
import org.modelworkbench.trainer.export.RunImport;
import org.modelworkbench.trainer.runs.RunRecord;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbench export pytorch SOURCE --out DIR}: the design as a PyTorch package to train anywhere
 * (ADR 17). Progress goes to standard error ({@code exporting NN%: stage}), the written files and the next
 * commands to standard output. Exit codes: 0 written, 1 the design or its weights could not be exported,
 * 2 bad options.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a design as a PyTorch package: model.py, train.py (DDP, torchrun), check.py, README.",
                "FORMAT: pytorch.",
                "SOURCE: a run folder (its design, recipe and best weights), a project file or a template (its",
                "latest run's weights when it has one; see --weights)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "pytorch")
    String format;

    @Parameters(index = "1", paramLabel = "SOURCE", description = "A run folder, a project file or a template")
    String source;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder to write (default: NAME-pytorch)")
    Path out;

    @Option(names = "--weights", paramLabel = "WHICH", description = "latest (the newest run's, else none), "
            + "untrained (the workbench's initialisation), none, or a checkpoint FILE (.params) (default: ${DEFAULT-VALUE})")
    String weights = "latest";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of untrained weights (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--runs", paramLabel = "DIR", description = "Where the design's runs are kept, for --weights latest "
            + "and for bringing the trained run back (default: NAME.runs beside the design file; for a template, "
            + "runs/TEMPLATE in the app's data folder)")
    Path runs;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs train.py runs (default: the run's, else 10)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Global batch size (default: the run's, else 128)")
    Integer batchSize;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"pytorch".equals(format)) {
            err.println("error: unknown export format '" + TerminalText.safe(format) + "'; the one format is pytorch");
            return 2;
        }
        Path run = Path.of(source);
        boolean isRun = Files.isDirectory(run) && Files.isRegularFile(run.resolve(RunStore.DESIGN_FILE))
                && Files.isRegularFile(run.resolve(RunStore.RECORD_FILE));
        Design design;
        TrainingConfig config = TrainingConfig.defaults();
        Path runsFolder;
        try {
            if (isRun) {
                design = RunImport.design(run);
                RunRecord record = TrainingJson.mapper().readValue(run.resolve(RunStore.RECORD_FILE).toFile(), RunRecord.class);
                if (record.config() != null) {
                    config = record.config();
                }
                runsFolder = runs != null ? runs.toAbsolutePath() : run.toAbsolutePath().getParent();
            } else {
                design = DesignSource.loadOrSay(source, err);
                if (design == null) {
                    return 1;
                }
                runsFolder = runs != null ? runs.toAbsolutePath()
                        : DesignSource.file(source).map(RunStore::runsFolderFor).orElse(DataFolder.standard().runsOf(source));
            }
        } catch (ExportException | java.io.IOException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 1;
        }
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        if (batchSize != null) {
            config = config.withBatchSize(batchSize);
        }
        PyTorchExport.Weights chosen;
        switch (weights) {
            case "none" -> chosen = new PyTorchExport.Weights.None();
            case "untrained" -> chosen = new PyTorchExport.Weights.Fresh(seed);
            case "latest" -> {
                Path latest = isRun ? (org.modelworkbench.trainer.train.Checkpoints.exist(run) ? run : null)
                        : new RunStore(runsFolder).newestWithCheckpoint(RunStore.designHash(design)).orElse(null);
                if (latest == null) {
                    err.println("note: " + (isRun ? "the run kept no checkpoint" : "no run of '"
                            + TerminalText.safe(design.name()) + "' kept a checkpoint") + ": exporting without weights "
                            + "(train.py starts from PyTorch's initialisation)");
                }
                chosen = latest == null ? new PyTorchExport.Weights.None() : new PyTorchExport.Weights.Run(latest);
            }
            default -> {
                Path file = Path.of(weights);
                if (!Files.isRegularFile(file)) {
                    err.println("error: --weights must be latest, untrained, none or a checkpoint file; " + weights
                            + " is none of them");
                    return 2;
                }
                chosen = new PyTorchExport.Weights.Checkpoint(file);
            }
        }
        Path target = this.out != null ? this.out : Path.of(safeFolderName(design.name()) + "-pytorch");
        err.println("exporting 10%: writing model.py");
        err.flush();
        PyTorchExport.Result result;
        try {
            result = new PyTorchExport().export(design, config, chosen, target, runsFolder);
        } catch (ExportException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 1;
        }
        err.println("exporting 100%: done");
        Path abs = target.toAbsolutePath();
        out.printf(Locale.ROOT, "Exported '%s' to %s: class %s, %,d parameters%n", TerminalText.safe(design.name()), abs,
                result.className(), result.parameters());
        out.println("weights: " + TerminalText.safe(result.weightsSource()));
        for (String f : result.files()) {
            out.println("  " + f);
        }
        out.println("Next:");
        out.println("  cd " + abs);
        out.println("  python3 check.py                           # the model computes what the workbench computes");
        out.println("  torchrun --nproc_per_node=2 train.py       # train (see README.md for GPUs and nodes)");
        out.println("  # where torchrun is broken (Debian's PyTorch 1.13 on Python 3.11), the same by hand:");
        out.println("  export MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2; "
                + "for r in 0 1; do RANK=$r LOCAL_RANK=$r python3 train.py & done; wait");
        out.println("  workbench import pytorch runs/<run id>     # bring the finished run back");
        return 0;
    }

    private static String safeFolderName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "design" : s;
    }
}
