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
 * execution mode, the Java half of {@code bench/train-vs-pytorch.sh}; {@code workbench bench scan}:
 * the trainer's selective scan against a per-timestep loop.
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
            "train: training images/s of DESIGN in one execution mode (--mode, --batch, --warmup, --steps)",
            "scan: the selective scan (Mamba, VMamba) against a per-timestep loop, forward and backward",
            "visualizers: spectra of every ResNet-18 layer (64 images, 224x224), k-means and naming of 10,000 kernels, "
                    + "attention rollout and hidden attention"})
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

    @Option(names = "--length", description = "scan: sequence length L (default: two problems at 3,136 = 56×56)")
    Integer length;

    @Option(names = "--channels", description = "scan: scanned channels d_inner (default 192)")
    Integer channels;

    @Option(names = "--states", description = "scan: state size d_state (default 16)")
    Integer states;

    @Option(names = "--directions", description = "scan: directions K (default 1)")
    Integer directions;

    @Option(names = "--chunks", split = ",", description = "scan: chunk sizes to compare, 0 for the scan's default "
            + "(default 0,14,56)")
    int[] chunks = {0, 14, 56};

    @Option(names = "--previous", description = "scan: also time the trainer's first scan (16-step chunks with l×l weights)")
    boolean previous;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!what.equals("analysis") && !what.equals("editor") && !what.equals("train") && !what.equals("scan")
                && !what.equals("visualizers")) {
            spec.commandLine().getErr().println("error: unknown benchmark '" + what
                    + "'; available: analysis, editor, train, scan, visualizers");
            return 2;
        }
        if (what.equals("visualizers")) {
            // Each prints its own table on standard output (they are plain mains in the visualizers module).
            out.flush();
            org.modelworkbench.visualizers.spectra.SpectraBench.main(new String[0]);
            System.out.println();
            org.modelworkbench.visualizers.filters.FilterBench.main(new String[0]);
            System.out.println();
            org.modelworkbench.visualizers.attention.AttentionBench.main(new String[0]);
            System.out.flush();
            return 0;
        }
        if (what.equals("train")) {
            return TrainBench.run(out, spec.commandLine().getErr(), design == null ? WorkbenchCommand.DEFAULT_TEMPLATE : design,
                    mode, batch, warmup, steps, threads, data, json);
        }
        if (design != null) {
            spec.commandLine().getErr().println("error: only 'bench train' takes a design");
            return 2;
        }
        if (what.equals("scan")) {
            int scanRounds = spec.commandLine().getParseResult().hasMatchedOption("--rounds") ? rounds : 5;
            for (Integer v : new Integer[] {length, channels, states, directions}) {
                if (v != null && (v < 1 || v > 1_000_000)) {
                    spec.commandLine().getErr().println("error: --length, --channels, --states and --directions must be "
                            + "1 … 1,000,000");
                    return 2;
                }
            }
            if (scanRounds < 1 || scanRounds > 1000 || java.util.Arrays.stream(chunks).anyMatch(c -> c < 0)) {
                spec.commandLine().getErr().println("error: --rounds must be 1 … 1,000 and --chunks ≥ 0 (0: the default)");
                return 2;
            }
            return ScanBench.run(out, spec.commandLine().getErr(),
                    ScanBench.problems(length, channels, states, directions, scanRounds, chunks, previous));
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
