package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.profile.MeasuredProfile;
import org.modelworkbench.trainer.profile.MeasuredProfiler;
import org.modelworkbench.trainer.profile.ProfileJson;
import org.modelworkbench.trainer.profile.ProfileOptions;

/**
 * {@code workbench profile --measure}: starts the engine (its natives unpacked into the app's data
 * folder), measures the design and prints the result as a table or as JSON. Progress goes to
 * standard error as lines {@code measuring 42%: <stage>}, at most two a second, so that standard
 * output stays clean JSON; the GUI reads them from its child process.
 */
final class MeasureCommand {
    static final int DEFAULT_BATCH = 8;
    /** The prefix of a progress line on standard error. */
    static final String PROGRESS_PREFIX = "measuring ";
    private static final long PROGRESS_NANOS = 500_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private long lastProgress;

    MeasureCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int run(Design design, Shape input, Integer batch, List<Integer> batches, Integer repeats, Integer warmup,
            boolean json) {
        ProfileOptions options;
        try {
            options = ProfileOptions.DEFAULT.withInput(input)
                    .withBatch(batch != null ? batch : input == null ? Integer.valueOf(DEFAULT_BATCH) : null)
                    .withBatches(batches != null ? batches : ProfileOptions.DEFAULT_BATCHES)
                    .withRepeats(repeats != null ? repeats : ProfileOptions.DEFAULT.repeats(),
                            warmup != null ? warmup : ProfileOptions.DEFAULT.warmup());
        } catch (IllegalArgumentException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 2;
        }
        try {
            DjlRuntime.start(org.modelworkbench.app.folders.DataFolder.standard().djlCache());
        } catch (RuntimeException | LinkageError e) {
            err.println("error: the PyTorch engine could not start: " + TerminalText.safe(firstLine(e)));
            return 1;
        }
        MeasuredProfile profile;
        try {
            profile = new MeasuredProfiler(options).measure(design, (fraction, stage) -> progress(fraction, stage));
        } catch (DesignCompileException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("error: measuring failed: " + TerminalText.safe(firstLine(e)));
            return 1;
        }
        if (json) {
            out.println(ProfileJson.write(profile));
        } else {
            MeasuredReport.print(out, profile);
        }
        return 0;
    }

    private void progress(double fraction, String stage) {
        long now = System.nanoTime();
        if (fraction >= 1 || now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            err.println(String.format(Locale.ROOT, "%s%d%%: %s", PROGRESS_PREFIX, Math.round(100 * fraction), stage));
            err.flush();
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
