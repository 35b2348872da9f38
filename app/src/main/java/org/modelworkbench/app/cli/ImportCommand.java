package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.trainer.export.ExportException;
import org.modelworkbench.trainer.export.PyTorchExport;
import org.modelworkbench.trainer.export.RunImport;
import org.modelworkbench.trainer.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbench import pytorch RUN}: a run the exported train.py wrote becomes a workbench run (its
 * curves in the history, its weights for every visualizer). Exit codes: 0 imported, 1 it could not be,
 * 2 bad options.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Brings a run trained by an exported train.py back as a workbench run.",
                "FORMAT: pytorch. RUN: the run folder train.py wrote (runs/<id> in the export folder)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "pytorch")
    String format;

    @Parameters(index = "1", paramLabel = "RUN", description = "The run folder")
    Path run;

    @Option(names = "--into", paramLabel = "SOURCE", description = "The project file or template whose runs it joins "
            + "(default: the one it was exported from)")
    String into;

    @Option(names = "--runs", paramLabel = "DIR", description = "The runs folder it joins (overrides --into)")
    Path runs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"pytorch".equals(format)) {
            err.println("error: unknown import format '" + TerminalText.safe(format) + "'; the one format is pytorch");
            return 2;
        }
        Path folder;
        if (runs != null) {
            folder = runs.toAbsolutePath();
        } else if (into != null) {
            folder = DesignSource.file(into).map(RunStore::runsFolderFor).orElse(DataFolder.standard().runsOf(into));
        } else {
            folder = PyTorchExport.runsFolderOf(run).orElse(null);
            if (folder == null) {
                err.println("error: " + run + " does not say which design's runs it joins (no workbench.json in its "
                        + "export folder): give --into FILE-OR-TEMPLATE or --runs DIR");
                return 2;
            }
        }
        err.println("importing 10%: converting the checkpoints");
        err.flush();
        RunImport.Imported imported;
        try {
            imported = new RunImport().importRun(run, new RunStore(folder));
        } catch (ExportException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 1;
        }
        err.println("importing 100%: done");
        var r = imported.record();
        out.printf(Locale.ROOT, "Imported run %s of '%s' into %s%n", imported.runId(), TerminalText.safe(r.designName()),
                imported.folder());
        out.printf(Locale.ROOT, "  %s, %d epochs, test accuracy %s, %d events, checkpoints: %s%n", r.status(),
                r.epochsRun(), Double.isNaN(r.testAccuracy()) ? "—" : String.format(Locale.ROOT, "%.2f %%",
                        100 * r.testAccuracy()), imported.events(), String.join(", ", imported.checkpoints()));
        out.println("Open it: workbench visualize confusion " + imported.folder());
        return 0;
    }
}
