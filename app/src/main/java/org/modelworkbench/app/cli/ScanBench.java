package org.modelworkbench.app.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.trainer.bench.ScanBenchmark;
import org.modelworkbench.trainer.engine.DjlRuntime;

/**
 * {@code workbench bench scan}: the selective scan as the trainer runs it against a per-timestep loop
 * of NDArray ops, forward and forward + backward, with the error of each against a float64 loop. By
 * default two problems at 56×56 (L = 3,136): Mamba's d_state 16 with d_inner 192, and VMamba-T's first
 * stage (d_state 1, 96 channels, four directions).
 */
final class ScanBench {
    static final double TARGET_SPEEDUP = 10;
    static final double TARGET_ERROR = 1e-4;

    private ScanBench() {
    }

    /** The standard problems, or the one the options describe. */
    static List<ScanBenchmark.Config> problems(Integer length, Integer channels, Integer states, Integer directions,
                                               int rounds, int[] chunks, boolean previous) {
        if (length == null && channels == null && states == null && directions == null) {
            return List.of(new ScanBenchmark.Config(3136, 192, 16, 1, 1, 1, rounds, chunks, previous),
                    new ScanBenchmark.Config(3136, 96, 1, 4, 1, 1, rounds, chunks, previous));
        }
        return List.of(new ScanBenchmark.Config(length == null ? 3136 : length, channels == null ? 192 : channels,
                states == null ? 16 : states, directions == null ? 1 : directions, 1, 1, rounds, chunks, previous));
    }

    static int run(PrintWriter out, PrintWriter err, List<ScanBenchmark.Config> problems) {
        DjlRuntime.start(org.modelworkbench.app.folders.DataFolder.standard().djlCache());
        out.println("Selective scan benchmark: median and best of the measured rounds after one warm-up, batch 1; "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version")
                + (System.getenv("LD_PRELOAD") != null && System.getenv("LD_PRELOAD").contains("tcmalloc")
                        ? ", tcmalloc" : ", glibc malloc (preload tcmalloc for figures comparable to training)"));
        out.println("Per-timestep loop: the decays and inputs for all steps at once, then h_t = dA_t·h + dBu_t and "
                + "y_t = C_t·h_t one step at a time (4 ops a step). Two-pass scan: the trainer's SelectiveScan. "
                + "Error: max |y − y64| / max |y64| against a float64 step-by-step loop.");
        boolean met = true;
        boolean measured = false;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ScanBenchmark.Config c : problems) {
                out.println();
                out.println(String.format(Locale.ROOT, "L = %d, d_inner = %d, d_state = %d, directions = %d, %d rounds",
                        c.length(), c.channels(), c.states(), c.directions(), c.rounds()));
                List<ScanBenchmark.Row> rows = new ScanBenchmark(c).run(manager);
                Table t = new Table("variant", "pass", "median", "best", "speed-up", "error").alignRight(2, 3, 4, 5);
                for (ScanBenchmark.Row r : rows) {
                    double loop = rows.stream().filter(x -> x.variant().equals(rows.get(0).variant())
                            && x.pass().equals(r.pass())).findFirst().orElseThrow().medianMs();
                    double speedup = loop / r.medianMs();
                    if (r.variant().contains("(default)")) {
                        measured = true;
                        met &= speedup >= TARGET_SPEEDUP && r.relativeError() < TARGET_ERROR;
                    }
                    t.row(r.variant(), r.pass(), ms(r.medianMs()), ms(r.bestMs()),
                            String.format(Locale.ROOT, "%.1f×", speedup),
                            String.format(Locale.ROOT, "%.1e", r.relativeError()));
                }
                out.print(t.render());
            }
        }
        out.println();
        out.println("Target: the default scan ≥ " + (int) TARGET_SPEEDUP + "× faster than the per-timestep loop and "
                + "within 1e-4 of float64, in both passes: "
                + (!measured ? "not measured (add 0 to --chunks)" : met ? "met" : "NOT met") + ".");
        return 0;
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f ms" : "%.1f ms", v);
    }

}
