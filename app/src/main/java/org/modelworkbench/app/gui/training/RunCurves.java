package org.modelworkbench.app.gui.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.trainer.train.BlockStats;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.modelworkbench.visualizers.confusion.ConfusionMatrix;
import org.modelworkbench.visualizers.curves.SeriesBuffer;

/**
 * What one run has reported, as curves: training loss and accuracy per progress event, validation
 * loss and accuracy per epoch (at the step the epoch ended), and per block the inspected
 * statistics, all over the step; plus how it ended. A live run is fed its events as they come; a
 * recorded run replays the same events from its record ({@link #replay}), so both show alike.
 * Plain data, touched on one thread (the FX thread).
 */
public final class RunCurves {
    private final String givenRunId;
    private final String label;
    private final SeriesBuffer trainLoss = new SeriesBuffer();
    private final SeriesBuffer trainAccuracy = new SeriesBuffer();
    private final SeriesBuffer validationLoss = new SeriesBuffer();
    private final SeriesBuffer validationAccuracy = new SeriesBuffer();
    private final SeriesBuffer learningRate = new SeriesBuffer();
    private final Map<String, EnumMap<InspectionStatistic, SeriesBuffer>> blocks = new LinkedHashMap<>();
    private final List<TrainingEvent.Epoch> epochs = new ArrayList<>();
    private TrainingEvent.Started started;
    private TrainingEvent.Progress lastProgress;
    private TrainingEvent.Inspection lastInspection;
    private TrainingEvent.Finished finished;
    private TrainingEvent.Failed failed;
    private ConfusionMatrix confusion;
    private long lastStep;

    /** @param runId the run's id; null for a live run not started yet (its Started event names it) */
    public RunCurves(String runId, String label) {
        this.givenRunId = runId;
        this.label = label;
    }

    /** A recorded run's curves from its events. */
    public static RunCurves replay(String runId, String label, List<TrainingEvent> events) {
        RunCurves c = new RunCurves(runId, label);
        events.forEach(c::apply);
        return c;
    }

    /** Takes in one event (in the order the run reported them). */
    public void apply(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            started = s;
        } else if (event instanceof TrainingEvent.Progress p) {
            lastProgress = p;
            lastStep = Math.max(lastStep, p.step());
            add(trainLoss, p.step(), p.loss());
            add(trainAccuracy, p.step(), p.accuracy());
            add(learningRate, p.step(), p.learningRate());
        } else if (event instanceof TrainingEvent.Epoch e) {
            epochs.add(e);
            long spe = stepsPerEpoch();
            double x = spe > 0 ? (double) e.epoch() * spe : lastStep;
            add(validationLoss, x, e.validationLoss());
            add(validationAccuracy, x, e.validationAccuracy());
        } else if (event instanceof TrainingEvent.Inspection i) {
            lastInspection = i;
            for (BlockStats b : i.blocks()) {
                EnumMap<InspectionStatistic, SeriesBuffer> series = blocks.computeIfAbsent(b.node(),
                        k -> new EnumMap<>(InspectionStatistic.class));
                for (InspectionStatistic st : InspectionStatistic.measured()) {
                    add(series.computeIfAbsent(st, k -> new SeriesBuffer()), i.step(), st.of(b));
                }
            }
        } else if (event instanceof TrainingEvent.Finished f) {
            finished = f;
            confusion = null;
            if (f.confusion() != null && f.confusion().length > 0) {
                try {
                    confusion = new ConfusionMatrix(f.confusion(), f.classes());
                } catch (IllegalArgumentException bad) {
                    // A malformed matrix is not shown; the run's other results still are.
                    confusion = null;
                }
            }
        } else if (event instanceof TrainingEvent.Failed f) {
            failed = f;
        }
    }

    /** A point out of order (a duplicated event) is dropped rather than failing the view. */
    private static void add(SeriesBuffer s, double x, double y) {
        if (s.isEmpty() || x >= s.lastX()) {
            s.add(x, y);
        }
    }

    /** The run's id (null while a live run has not said it yet). */
    public String runId() {
        return givenRunId != null ? givenRunId : started != null ? started.runId() : null;
    }

    /** How the legend names the run. */
    public String label() {
        return label;
    }

    public SeriesBuffer trainLoss() {
        return trainLoss;
    }

    public SeriesBuffer trainAccuracy() {
        return trainAccuracy;
    }

    public SeriesBuffer validationLoss() {
        return validationLoss;
    }

    public SeriesBuffer validationAccuracy() {
        return validationAccuracy;
    }

    public SeriesBuffer learningRate() {
        return learningRate;
    }

    /** The block's statistics over the steps (empty when it was never inspected). */
    public Map<InspectionStatistic, SeriesBuffer> block(String nodeId) {
        EnumMap<InspectionStatistic, SeriesBuffer> b = blocks.get(nodeId);
        return b == null ? Map.of() : Collections.unmodifiableMap(b);
    }

    /** The blocks inspected so far. */
    public java.util.Set<String> inspectedBlocks() {
        return Collections.unmodifiableSet(blocks.keySet());
    }

    /** The latest statistics of each block, or null before the first inspection. */
    public TrainingEvent.Inspection lastInspection() {
        return lastInspection;
    }

    public TrainingEvent.Started started() {
        return started;
    }

    public TrainingEvent.Progress lastProgress() {
        return lastProgress;
    }

    public List<TrainingEvent.Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public TrainingEvent.Finished finished() {
        return finished;
    }

    public TrainingEvent.Failed failed() {
        return failed;
    }

    /** The test set's confusion matrix once the run finished with one; else null. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /** True once the run reported how it ended. */
    public boolean ended() {
        return finished != null || failed != null;
    }

    public long stepsPerEpoch() {
        if (started != null && started.stepsPerEpoch() > 0) {
            return started.stepsPerEpoch();
        }
        if (lastProgress != null && started != null && started.epochs() > 0 && lastProgress.totalSteps() > 0) {
            return lastProgress.totalSteps() / started.epochs();
        }
        return 0;
    }

    /** The run's length in steps, as far as it is known (0: not yet). */
    public long totalSteps() {
        if (lastProgress != null && lastProgress.totalSteps() > 0) {
            return lastProgress.totalSteps();
        }
        if (started != null && started.stepsPerEpoch() > 0) {
            return started.stepsPerEpoch() * started.epochs();
        }
        return 0;
    }
}
