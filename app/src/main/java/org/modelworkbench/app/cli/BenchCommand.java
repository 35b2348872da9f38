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
 * time and frame times of the graph editor (headless when there is no display).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs a benchmark and prints a table.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    WorkbenchCommand root;

    @Parameters(paramLabel = "WHAT", description = {
            "analysis: whole-design and incremental analysis of a generated design",
            "editor: open time and pan/zoom frame times of the graph editor on a generated design"})
    String what;

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
        if (!what.equals("analysis") && !what.equals("editor")) {
            spec.commandLine().getErr().println("error: unknown benchmark '" + what + "'; available: analysis, editor");
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
