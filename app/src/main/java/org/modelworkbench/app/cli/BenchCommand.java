package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.modelworkbench.app.bench.AnalysisBenchmark;
import org.modelworkbench.app.format.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code workbench bench analysis}: measured analysis times; {@code workbench bench editor}: open
 * time and frame times of the graph editor (headless when there is no display);
 * {@code workbench bench train DESIGN --mode M}: training images per second of a design in one
 * execution mode, the Java half of {@code bench/train-vs-pytorch.sh}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs a benchmark and prints a table.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    WorkbenchCommand root;

    @Parameters(index = "0", paramLabel = "WHAT", description = {
            "analysis: whole-design and incremental analysis of a generated design",
            "editor: open time and pan/zoom frame times of the graph editor on a generated design",
            "train: training images/s of DESIGN in one execution mode (--mode, --batch, --warmup, --steps)"})
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DESIGN",
            description = "train: a project file or template (default " + WorkbenchCommand.DEFAULT_TEMPLATE + ")")
    String design;

    @Option(names = "--mode", defaultValue = "fp32", description = "train: fp32, fp32-cl or bf16-autocast (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--batch", defaultValue = "128", description = "train: images per step (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--warmup", defaultValue = "8", description = "train: steps left out of the timing (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--steps", defaultValue = "40", description = "train: timed steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--threads", defaultValue = "0",
            description = "train: intra-op threads (default: the engine's, one per core)")
    int threads;

    @Option(names = "--data", paramLabel = "DIR",
            description = "train: Fashion-MNIST's folder (default: Debian's, else the bundled sample)")
    java.nio.file.Path data;

    @Option(names = "--json", description = "train: one JSON object instead of the table")
    boolean json;

    @Option(names = "--template", defaultValue = "resnet50",
            description = "editor: the template also opened in the main window (default ${DEFAULT-VALUE})")
    String template;

    @Option(names = "--nodes", defaultValue = "2000", description = "Size of the generated design (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--rounds", defaultValue = "200", description = "Measured rounds per case (default ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!what.equals("analysis") && !what.equals("editor") && !what.equals("train")) {
            spec.commandLine().getErr().println("error: unknown benchmark '" + what + "'; available: analysis, editor, train");
            return 2;
        }
        if (what.equals("train")) {
            return TrainBench.run(out, spec.commandLine().getErr(), design == null ? WorkbenchCommand.DEFAULT_TEMPLATE : design,
                    mode, batch, warmup, steps, threads, data, json);
        }
        if (design != null) {
            spec.commandLine().getErr().println("error: only 'bench train' takes a design");
            return 2;
        }
        if (nodes < 20 || nodes > 1_000_000 || rounds < 5 || rounds > 100_000) {
            spec.commandLine().getErr().println("error: --nodes must be 20 … 1,000,000 and --rounds 5 … 100,000");
            return 2;
        }
        if (what.equals("editor")) {
            return EditorBench.run(out, spec.commandLine().getErr(), nodes, Math.min(rounds, 2000), template,
                    root.editorMeasurement());
        }
        out.println("Analysis benchmark: generated residual chain of about " + nodes + " nodes, " + rounds
                + " rounds per case after warm-up; " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version"));
        Table t = new Table("case", "median", "p90", "best", "rounds", "note").alignRight(1, 2, 3, 4);
        for (AnalysisBenchmark.Result r : new AnalysisBenchmark(nodes, rounds).run()) {
            t.row(r.name(), AnalysisBenchmark.format(r.medianMs()), AnalysisBenchmark.format(r.p90Ms()),
                    AnalysisBenchmark.format(r.bestMs()), String.valueOf(r.rounds()), r.note());
        }
        out.print(t.render());
        out.println("Targets: full analysis of 2,000 nodes < 20 ms; re-analysis after one edit < 1 ms.");
        return 0;
    }
}
