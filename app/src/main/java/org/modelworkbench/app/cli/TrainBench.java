package org.modelworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.bench.TrainBenchmark;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.data.DatasetException;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.engine.ExecutionMode;
import org.modelworkbench.trainer.engine.ModeUnavailableException;

/** {@code workbench bench train}: training speed of one design in one execution mode. */
final class TrainBench {
    private TrainBench() {
    }

    static int run(PrintWriter out, PrintWriter err, String source, String modeLabel, int batch, int warmup, int steps,
                   int threads, Path data, boolean json) {
        if (batch < 1 || batch > 4096 || warmup < 0 || warmup > 10_000 || steps < 1 || steps > 100_000
                || threads < 0 || threads > 1024) {
            err.println("error: --batch must be 1 … 4096, --warmup 0 … 10,000, --steps 1 … 100,000 and --threads 0 … 1,024");
            return 2;
        }
        ExecutionMode mode;
        try {
            mode = ExecutionMode.fromLabel(modeLabel);
        } catch (IllegalArgumentException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 2;
        }
        Design design = DesignSource.loadOrSay(source, err);
        if (design == null) {
            return 1;
        }
        if (threads > 0) {
            // Read by the engine when it starts (below), not later.
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        DjlRuntime.start(org.modelworkbench.app.folders.DataFolder.standard().djlCache());
        TrainBenchmark.Result r;
        try {
            r = TrainBenchmark.run(design, source, new TrainBenchmark.Settings(mode, batch, warmup, steps, threads, data, 42));
        } catch (ModeUnavailableException | DesignCompileException | DatasetException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 1;
        }
        if (json) {
            try {
                out.println(new ObjectMapper().writeValueAsString(r));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return 0;
        }
        out.println("Training benchmark: " + TerminalText.safe(r.design()) + ", " + r.parameters() + " parameters, batch "
                + r.batch() + ", " + r.threads() + " threads, " + r.warmup() + " warm-up and " + r.steps()
                + " timed steps; data: " + r.data() + "; malloc: " + r.allocator() + "; " + r.cpu());
        Table t = new Table("mode", "img/s", "median step", "fastest", "slowest", "loss first → last").alignRight(1, 2, 3, 4);
        t.row(r.mode(), String.format(Locale.ROOT, "%,.0f", r.imagesPerSecond()), ms(r.medianStepMs()), ms(r.minStepMs()),
                ms(r.maxStepMs()), String.format(Locale.ROOT, "%.3f → %.3f", r.firstLoss(), r.lastLoss()));
        out.print(t.render());
        if (r.allocator().equals("glibc")) {
            out.println("Note: glibc's malloc is about a third slower here; the workbench launcher preloads tcmalloc"
                    + " when it is installed (apt-get install libtcmalloc-minimal4).");
        }
        return 0;
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

}
