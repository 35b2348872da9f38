package org.modelworkbench.app.gui.training;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.modelworkbench.trainer.runs.RunSummary;
import org.modelworkbench.trainer.train.TrainingEvent;

/** How the training panel words numbers and failures. */
public final class TrainingText {
    private TrainingText() {
    }

    /** "45 s", "3 min 12 s", "1 h 05 min"; "–" when unknown. */
    public static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + String.format(Locale.ROOT, "%02d", s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    }

    /** A count with thin spaces between thousands: "12 345". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u2009');
    }

    /** "91.23 %"; "–" for NaN. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** The progress line: "Epoch 3 of 10 · step 1 234 of 4 690 · 2 140 images/s · 3 min 12 s left". */
    public static String progress(TrainingEvent.Progress p, int epochs) {
        StringBuilder b = new StringBuilder("Epoch ").append(p.epoch());
        if (epochs > 0) {
            b.append(" of ").append(epochs);
        }
        b.append(" · step ").append(count(p.step()));
        if (p.totalSteps() > 0) {
            b.append(" of ").append(count(p.totalSteps()));
        }
        if (p.imagesPerSecond() > 0) {
            b.append(" · ").append(count(Math.round(p.imagesPerSecond()))).append(" images/s");
        }
        if (p.etaSeconds() >= 0 && Double.isFinite(p.etaSeconds())) {
            b.append(" · ").append(duration(p.etaSeconds())).append(" left");
        }
        return b.toString();
    }

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ROOT);
    private static final DateTimeFormatter STARTED_FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** When a run started, short, in {@code zone}: "Jan 4, 10:15"; "" when unknown. */
    public static String runStarted(RunSummary s, ZoneId zone) {
        return s.started() == null ? "" : STARTED.withZone(zone).format(s.started());
    }

    /**
     * A kept run's results on one short line, for the history's narrow list: "test 93.61 % · 12 ep ·
     * bf16-autocast" (the mode that ran; the test accuracy left out until there is one).
     */
    public static String runDetails(RunSummary s) {
        StringBuilder b = new StringBuilder();
        if (!Double.isNaN(s.testAccuracy())) {
            b.append("test ").append(percent(s.testAccuracy())).append(" · ");
        } else if (!Double.isNaN(s.bestValidationAccuracy())) {
            b.append("val ").append(percent(s.bestValidationAccuracy())).append(" · ");
        }
        b.append(s.epochsRun()).append(" ep");
        String mode = s.shownMode();
        if (!mode.isEmpty()) {
            b.append(" · ").append(mode);
        }
        return b.toString();
    }

    /** Everything the history knows of a run, one fact a line (the row's tooltip). */
    public static String runTooltip(RunSummary s, ZoneId zone) {
        StringBuilder b = new StringBuilder("Run ").append(s.runId());
        if (s.started() != null) {
            b.append("\nStarted ").append(STARTED_FULL.withZone(zone).format(s.started()));
        }
        b.append("\nStatus: ").append(s.status());
        b.append("\nTest accuracy: ").append(percent(s.testAccuracy()));
        b.append("\nBest validation accuracy: ").append(percent(s.bestValidationAccuracy()));
        b.append("\nEpochs run: ").append(s.epochsRun());
        if (s.config() != null) {
            b.append(" of ").append(s.config().epochs());
        }
        b.append("\nTime: ").append(duration(s.wallSeconds()));
        String configured = s.config() == null ? null : s.config().mode();
        if (s.mode() != null && !s.mode().isBlank()) {
            b.append("\nMode: ").append(s.mode());
            if (configured != null && !configured.equals(s.mode())) {
                b.append(" (chosen for \"").append(configured).append("\")");
            }
        } else if (configured != null) {
            b.append("\nMode: ").append(configured).append(" (not chosen yet)");
        }
        if (s.config() != null) {
            b.append("\n").append(s.config().optimizer()).append(", learning rate ")
                    .append(String.format(Locale.ROOT, "%.3g", s.config().learningRate()))
                    .append(", batch ").append(s.config().batchSize());
        }
        return b.toString();
    }

    /** The banner's title for a failure. */
    public static String failureTitle(TrainingEvent.Failed f) {
        return switch (f.kind()) {
            case "nan" -> "Training stopped: the loss is no longer a number";
            case "out-of-memory" -> "Training stopped: out of memory";
            case "crash" -> "The training worker crashed";
            case "data" -> "Training could not read the dataset";
            case "design" -> "This design cannot be trained";
            default -> "Training failed";
        };
    }

    /** The banner's text: the message, where it happened, and what to try. */
    public static String failureText(TrainingEvent.Failed f) {
        String where = f.epoch() > 0 || f.step() > 0 ? " (epoch " + f.epoch() + ", step " + count(f.step()) + ")" : "";
        String advice = switch (f.kind()) {
            case "nan" -> " Try a lower learning rate, a warm-up, or label smoothing.";
            case "out-of-memory" -> " Try a smaller batch.";
            case "crash" -> " The app keeps running; what the run saved (its record and last checkpoint) is kept.";
            default -> "";
        };
        String message = f.message() == null || f.message().isBlank() ? "no message" : f.message().strip();
        String text = message + where;
        return (text.endsWith(".") ? text : text + ".") + advice;
    }
}
