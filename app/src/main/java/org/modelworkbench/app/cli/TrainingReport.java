package org.modelworkbench.app.cli;

import java.util.Locale;
import java.util.Optional;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.trainer.train.TrainingEvent;

/**
 * How {@code workbench train} shows a run's events to a person: one line per event worth a line
 * (inspections are left to --json). Keeps the number of epochs and the best epoch for the last line.
 */
final class TrainingReport {
    private int epochs;
    private int bestEpoch;

    /** The line for {@code e}, or empty for an event shown only in --json. */
    Optional<String> line(TrainingEvent e) {
        return Optional.ofNullable(text(e));
    }

    private String text(TrainingEvent e) {
        if (e instanceof TrainingEvent.Started s) {
            epochs = s.epochs();
            return String.format(Locale.ROOT, "training %s on %s: %s training, %s validation, %s test images; "
                            + "%d epoch%s of %s steps; %s, %d thread%s; %s parameters",
                    TerminalText.safe(s.design()), s.dataset(), Numbers.grouped(s.trainImages()),
                    Numbers.grouped(s.validationImages()), Numbers.grouped(s.testImages()), s.epochs(),
                    s.epochs() == 1 ? "" : "s", Numbers.grouped(s.stepsPerEpoch()), s.mode(), s.threads(),
                    s.threads() == 1 ? "" : "s", Numbers.grouped(s.parameters()));
        }
        if (e instanceof TrainingEvent.Progress p) {
            return String.format(Locale.ROOT, "epoch %d/%d  step %s/%s  loss %.4f  acc %.2f %%  lr %s  %s img/s  ETA %s",
                    p.epoch(), epochs, Numbers.grouped(p.step()), Numbers.grouped(p.totalSteps()), p.loss(),
                    100 * p.accuracy(), rate(p.learningRate()), Numbers.grouped(Math.round(p.imagesPerSecond())),
                    duration(p.etaSeconds()));
        }
        if (e instanceof TrainingEvent.Epoch ep) {
            if (ep.best()) {
                bestEpoch = ep.epoch();
            }
            String validation = Double.isNaN(ep.validationAccuracy()) ? "no validation"
                    : String.format(Locale.ROOT, "validation loss %.4f acc %.2f %%%s", ep.validationLoss(),
                            100 * ep.validationAccuracy(), ep.best() ? " (best)" : "");
            return String.format(Locale.ROOT, "epoch %d/%d done in %s: train loss %.4f acc %.2f %%, %s", ep.epoch(),
                    epochs, duration(ep.seconds()), ep.trainLoss(), 100 * ep.trainAccuracy(), validation);
        }
        if (e instanceof TrainingEvent.Log l) {
            return TerminalText.safe(l.message());
        }
        if (e instanceof TrainingEvent.Finished f) {
            return finished(f);
        }
        return null; // inspections and checkpoints are for --json; a Failed is printed as an error
    }

    private String finished(TrainingEvent.Finished f) {
        if (f.status().equals("cancelled")) {
            return "cancelled after " + f.epochsRun() + " complete epoch" + (f.epochsRun() == 1 ? "" : "s") + " ("
                    + duration(f.wallSeconds()) + ")";
        }
        return String.format(Locale.ROOT, "test accuracy: %.2f %% (loss %.4f) with the weights of epoch %d; %s%d epoch%s "
                        + "in %s", 100 * f.testAccuracy(), f.testLoss(), bestEpoch,
                f.status().equals("early-stopped") ? "stopped early after " : "", f.epochsRun(),
                f.epochsRun() == 1 ? "" : "s", duration(f.wallSeconds()));
    }

    /** A learning rate to three significant digits: 0.0412, 0.1, 4.00e-07. */
    static String rate(double lr) {
        if (lr == 0 || !Double.isFinite(lr)) {
            return String.valueOf(lr);
        }
        if (Math.abs(lr) < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", lr);
        }
        return new java.math.BigDecimal(lr).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** 75 → "1:15", 3725 → "1:02:05". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
