package org.modelworkbench.app.gui.visualize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.child.ChildProcess;
import org.modelworkbench.app.gui.training.RunsFolders;
import org.modelworkbench.app.gui.training.TrainingTarget;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.Composite;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class VisualizePanelModelTest {
    @TempDir
    Path runs;

    /** The "FX thread": tasks queue until the test runs them. */
    final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    final List<VisualizeProcess.Request> requests = new ArrayList<>();

    void runUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(end);
            Runnable r = ui.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** A confusion bundle: predictions right except {@code wrong} of them. */
    static Bundle confusion(String design, int wrong) {
        float[] labels = {0, 1, 2, 0, 1, 2};
        float[] predicted = labels.clone();
        for (int i = 0; i < wrong; i++) {
            predicted[i] = (labels[i] + 1) % 3;
        }
        return Bundle.builder("confusion").meta("design", design).meta("weights", "test weights")
                .meta("classNames", List.of("a", "b", "c"))
                .tensor("labels", FloatTensor.of(labels, 6)).tensor("predicted", FloatTensor.of(predicted, 6)).build();
    }

    VisualizePanelModel model(VisualizeProcess.Outcome outcome) throws Exception {
        VisualizePanelModel.Prober prober = new VisualizePanelModel.Prober() {
            @Override
            public VisualizeProcess.Outcome run(VisualizeProcess.Request request, ChildProcess.Listener listener) {
                requests.add(request);
                listener.progress(0.5, "probing");
                return outcome;
            }

            @Override
            public void cancel() {
            }
        };
        VisualizePanelModel m = new VisualizePanelModel(prober, new RunsFolders(runs), Runnable::run, ui::add);
        m.targetProperty().set(new TrainingTarget(new Object(), Templates.load("resnet-fmnist"), "ResNet", null,
                "resnet-fmnist"));
        runUntil(() -> !m.compareChoices().isEmpty()); // the runs are read off the FX thread
        return m;
    }

    @Test
    void aProbeOfADesignWithoutRunsUsesFreshWeightsSaysSoAndDrawsTheView() throws Exception {
        VisualizePanelModel m = model(new VisualizeProcess.Outcome.Probed(confusion("ResNet", 1), null, List.of(), 1.5));

        m.open("confusion", "head");
        runUntil(() -> !m.drawn().isEmpty());

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("confusion");
            assertThat(r.node()).isEqualTo("head");
            assertThat(r.runFolder()).isNull();
            assertThat(r.untrained()).isTrue();
            assertThat(r.compare()).isNull();
        });
        assertThat(m.notes()).first().asString().contains("untrained");
        assertThat(m.drawn()).extracting(d -> d.panel().name()).containsExactly("confusion");
        assertThat(m.runningProperty().get()).isFalse();
        assertThat(m.errorProperty().get()).isEmpty();
    }

    @Test
    void comparingWithTheUntrainedDesignDrawsEachPanelSideBySide() throws Exception {
        VisualizePanelModel m = model(new VisualizeProcess.Outcome.Probed(confusion("ResNet", 0),
                confusion("ResNet", 3), List.of(), 1.5));
        m.compareProperty().set(m.compareChoices().stream()
                .filter(w -> w instanceof VisualizePanelModel.Weights.Untrained).findFirst().orElseThrow());

        m.open("confusion", null);
        runUntil(() -> !m.drawn().isEmpty());

        assertThat(requests.get(0).compare()).isEqualTo("untrained");
        VisualizePanelModel.Drawn d = m.drawn().get(0);
        assertThat(d.panel().figure()).isInstanceOf(Composite.class);
        Composite both = (Composite) d.panel().figure();
        assertThat(both.panelBounds(1).getMinX()).isGreaterThan(both.panelBounds(0).getMaxX() - 1);
        assertThat(d.image().getWidth()).isEqualTo(both.width());
    }

    @Test
    void aFailedProbeLeavesTheMessageAndNoFigures() throws Exception {
        VisualizePanelModel m = model(new VisualizeProcess.Outcome.Failed("The probe failed: no attention"));

        m.open("attention", null);
        runUntil(() -> !m.errorProperty().get().isEmpty());

        assertThat(m.errorProperty().get()).isEqualTo("The probe failed: no attention");
        assertThat(m.drawn()).isEmpty();
        assertThat(m.runningProperty().get()).isFalse();
    }
}
