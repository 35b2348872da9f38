package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.app.gui.WorkbenchFixture.fx;
import static org.modelworkbench.app.gui.WorkbenchFixture.waitUntil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.actions.ActionId;
import org.modelworkbench.app.gui.training.FakeHistory;
import org.modelworkbench.app.gui.training.ScriptedLauncher;
import org.modelworkbench.app.gui.training.Scripts;
import org.modelworkbench.app.gui.training.TrainingPanel;
import org.modelworkbench.app.gui.training.TrainingServices;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.train.TrainingEvent;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Training as a user sees it, with a scripted launcher instead of a worker: Train… opens the panel,
 * Train starts a run whose events (played from a thread of their own, as the worker's reader thread
 * would) draw curves and progress; the gradient norm colours the canvas; Stop asks the run to
 * cancel; the confusion matrix shows when it ends; a crash shows a banner; the history overlays
 * recorded runs and opens the exact design a run trained. Writes the panel's screenshot for the
 * documentation (see {@link WorkbenchFixture#docsImages}).
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TrainingJourneyTest {
    static final String TEMPLATE = "resnet-fmnist";

    @TempDir
    Path data;
    /** A plain verify writes the screenshot here; -Pdocs-images writes docs/images instead. */
    @TempDir
    Path scratch;
    WorkbenchFixture app;
    Stage stage;
    final ScriptedLauncher launcher = new ScriptedLauncher();
    final FakeHistory history = new FakeHistory();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = WorkbenchFixture.open(stage, data, new TrainingServices(launcher, history::in));
    }

    @AfterEach
    void closeTheWindow() {
        app.close();
    }

    EditorModel openTemplate(FxRobot robot) {
        WorkbenchFixture.scrollIntoView(robot.lookup("#template-" + TEMPLATE).query());
        robot.clickOn("#template-" + TEMPLATE);
        waitUntil(() -> app.document() != null);
        WorkbenchFixture.showTopReadable(robot);
        WorkbenchFixture.settle(robot);
        return app.document().model();
    }

    /** Ctrl+T, as a user opens the panel. */
    void openTrainingPanel(FxRobot robot) {
        fx(() -> app.window.stage().getScene().getRoot().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WorkbenchFixture.settle(robot);
        TabPane bottom = robot.lookup("#bottom-tabs").queryAs(TabPane.class);
        assertThat(bottom.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-training");
    }

    TrainingPanel panel(FxRobot robot) {
        return robot.lookup("#training-panel").queryAs(TrainingPanel.class);
    }

    /** Plays a run's events from a thread of its own, as a worker's reader thread would. */
    void play(List<? extends TrainingEvent> events) {
        Thread t = new Thread(() -> launcher.emit(events), "worker-events");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void play(TrainingEvent... events) {
        play(List.of(events));
    }

    /** The blocks the scripted inspections report on; the first gets the largest gradient. */
    static List<String> inspected(EditorModel model) {
        List<String> nodes = new ArrayList<>();
        model.design().nodes().forEach(n -> {
            if (!n.id().equals("input")) {
                nodes.add(n.id());
            }
        });
        return nodes;
    }

    String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void train_watch_the_curves_and_the_heat_map_then_stop_and_read_the_confusion_matrix(FxRobot robot) {
        EditorModel model = openTemplate(robot);
        openTrainingPanel(robot);
        assertThat(text(robot, "#training-progress-text")).isEqualTo("Not trained yet");

        robot.clickOn("#training-train");
        waitUntil(() -> launcher.requests.size() == 1);
        assertThat(launcher.requests.get(0).designName()).isEqualTo(model.design().name());
        assertThat(launcher.requests.get(0).config().dataset()).isEqualTo("fashion-mnist");
        Path runsFolder = launcher.requests.get(0).runsFolder();
        assertThat(runsFolder.endsWith(Path.of("runs", TEMPLATE))).as("%s: where `workbench train %s` keeps them",
                runsFolder, TEMPLATE).isTrue();

        List<String> nodes = inspected(model);
        List<TrainingEvent> firstEpochs = new ArrayList<>();
        firstEpochs.add(Scripts.started("run-1", 3, 100));
        firstEpochs.addAll(Scripts.epoch(1, 3, 100, 5));
        firstEpochs.add(Scripts.inspection(1, 100, nodes));
        firstEpochs.addAll(Scripts.epoch(2, 3, 100, 5).subList(0, 12));
        play(firstEpochs);
        TrainingPanel panel = panel(robot);
        waitUntil(() -> panel.lossChart().drawnPoints(panel.lossChart().series().get(0)) == 32);
        assertThat(panel.accuracyChart().drawnPoints(panel.accuracyChart().series().get(0))).isEqualTo(32);
        assertThat(panel.lossChart().drawnPoints(panel.lossChart().series().get(1))).as("one validation point").isEqualTo(1);
        // The epoch's validation (78 % here) is only in the dashed series, at the epoch's last step;
        // the training curve has the progress points alone, with no jump at the epoch's end.
        double[][] acc = new double[4][];
        fx(() -> {
            var train = panel.accuracyChart().series().get(0);
            var validation = panel.accuracyChart().series().get(1);
            acc[0] = train.data().xs();
            acc[1] = train.data().ys();
            acc[2] = validation.dashed() ? validation.data().xs() : null;
            acc[3] = validation.data().ys();
        });
        double validationAccuracy = 0.78 + 0.03;
        double epochTrainAccuracy = 0.8 + 0.03;
        assertThat(acc[2]).as("dashed, at the epoch's last step").containsExactly(100);
        assertThat(acc[3]).containsExactly(validationAccuracy);
        assertThat(acc[0]).hasSize(32).doesNotHaveDuplicates().isSorted();
        assertThat(acc[1]).doesNotContain(validationAccuracy, epochTrainAccuracy);
        assertThat(text(robot, "#training-progress-text")).startsWith("Epoch 2 of 3 · step 160 of 300 · ");
        assertThat(robot.lookup("#status-job").query().isVisible()).isTrue();
        assertThat(text(robot, "#status-job-text")).startsWith("Training 53 % · epoch 2/3");
        assertThat(robot.lookup("#training-train").query().isDisabled()).as("one run at a time").isTrue();

        // The heat-map: the gradient norm of the latest inspection over the graph.
        robot.clickOn("#training-statistic");
        robot.clickOn("Gradient norm");
        GraphCanvas canvas = WorkbenchFixture.canvas(robot);
        waitUntil(() -> canvas.getOverlay() != null);
        WorkbenchFixture.settle(robot);
        var overlay = canvas.getOverlay();
        assertThat(overlay.title()).isEqualTo("Gradient norm");
        assertThat(canvas.nodeView(nodes.get(0)).orElseThrow().overlayFill()).isEqualTo(overlay.scale().top());
        assertThat(canvas.nodeView("input").orElseThrow().overlayFill()).as("no statistics: neutral").isNull();
        assertThat(canvas.overlayLegend().isVisible()).isTrue();

        // A block picked on the canvas shows its curves.
        robot.clickOn("#node-" + nodes.get(1));
        WorkbenchFixture.settle(robot);
        assertThat(panel.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("training-tab-block");
        assertThat(panel.blockChart().series()).extracting(s -> s.name())
                .contains("Gradient norm", "Weight norm", "Update/weight ratio");
        assertThat(text(robot, "#training-block-title")).startsWith(nodes.get(1) + " · run run-1");

        WritableImage shot = WorkbenchFixture.snapshot(stage.getScene().getRoot(),
                WorkbenchFixture.docsImages(scratch).resolve("training-panel.png"));
        ImageStats window = ImageStats.of(shot);
        assertThat(window.meanBrightness()).as("the light theme").isGreaterThan(0.7);
        Node charts = robot.lookup("#training-charts").query();
        ImageStats curves = ImageStats.of(shot, charts.localToScene(charts.getLayoutBounds()));
        assertThat(curves.drawnShare()).as("curves, axes and labels are drawn").isGreaterThan(0.03);
        fx(() -> app.window.themeProperty().set(org.modelworkbench.app.gui.theme.Theme.DARK));
        WorkbenchFixture.settle(robot);
        WritableImage dark = WorkbenchFixture.snapshot(stage.getScene().getRoot(), scratch.resolve("training-panel-dark.png"));
        ImageStats darkCurves = ImageStats.of(dark, charts.localToScene(charts.getLayoutBounds()));
        assertThat(darkCurves.meanBrightness()).as("the curves follow the dark theme").isLessThan(0.35);
        assertThat(darkCurves.drawnShare()).isGreaterThan(0.03);
        fx(() -> app.window.themeProperty().set(org.modelworkbench.app.gui.theme.Theme.LIGHT));

        robot.clickOn("#training-stop");
        waitUntil(() -> launcher.job().cancels == 1);
        assertThat(text(robot, "#training-progress-text")).isEqualTo("Stopping…");
        play(Scripts.finished("cancelled", 1));
        waitUntil(() -> panel.confusionView().getMatrix() != null);
        WorkbenchFixture.settle(robot);
        assertThat(panel.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("training-tab-confusion");
        assertThat(text(robot, "#training-progress-text")).startsWith("Stopped after 1 epoch in 2 min 12 s: test accuracy 89.80 %");
        assertThat(text(robot, "#training-confusion-summary"))
                .isEqualTo("Test accuracy 89.80 % of 10\u2009000 images · most confused: Shirt → T-shirt/top (220)");
        robot.moveTo(panel.confusionView().localToScreen(panel.confusionView().cellCenter(6, 0)));
        WorkbenchFixture.settle(robot);
        assertThat(panel.confusionView().hoverTextProperty().get())
                .isEqualTo("actual Shirt predicted as T-shirt/top: 220 (22.0 %)");
        assertThat(robot.lookup("#status-job").query().isVisible()).as("no run going").isFalse();
        assertThat(robot.lookup("#training-train").query().isDisabled()).isFalse();
    }

    @Test
    void a_crashed_worker_shows_a_banner_and_the_app_keeps_working(FxRobot robot) {
        openTemplate(robot);
        openTrainingPanel(robot);
        Node banner = robot.lookup("#training-failure").query();
        assertThat(banner.isVisible()).isFalse();
        robot.clickOn("#training-train");
        waitUntil(() -> launcher.requests.size() == 1);
        play(Scripts.started("run-1", 3, 100),
                new TrainingEvent.Failed("crash", "the worker process ended with exit code 134 (SIGABRT)", 1, 42));
        waitUntil(banner::isVisible);
        var message = (atlantafx.base.controls.Message) banner;
        assertThat(message.getTitle()).isEqualTo("The training worker crashed");
        assertThat(message.getDescription()).startsWith("the worker process ended with exit code 134 (SIGABRT) (epoch 1, step 42).")
                .contains("The app keeps running");
        assertThat(text(robot, "#training-progress-text")).isEqualTo("The training worker crashed");

        // The app goes on: the window shows, edits work, another run can start.
        assertThat(stage.isShowing()).isTrue();
        double zoom = WorkbenchFixture.canvas(robot).getZoom();
        fx(() -> app.window.actions().perform(ActionId.ZOOM_IN));
        assertThat(WorkbenchFixture.canvas(robot).getZoom()).isGreaterThan(zoom);
        assertThat(robot.lookup("#training-train").query().isDisabled()).isFalse();
        robot.clickOn("#training-train");
        waitUntil(() -> launcher.requests.size() == 2);
        waitUntil(() -> !banner.isVisible());
    }

    @Test
    void the_build_without_a_worker_says_so_when_train_is_pressed(FxRobot robot) {
        fx(() -> {
            app.close();
            app = WorkbenchFixture.open(stage, data.resolve("plain"));
        });
        openTemplate(robot);
        openTrainingPanel(robot);
        robot.clickOn("#training-train");
        Node banner = robot.lookup("#training-failure").query();
        waitUntil(banner::isVisible);
        assertThat(((atlantafx.base.controls.Message) banner).getDescription()).startsWith(TrainingServices.UNAVAILABLE);
    }

    /** What a label draws (its text with an ellipsis when it does not fit). */
    static String shownText(Label label) {
        Node text = label.lookup(".text");
        return text instanceof javafx.scene.text.Text t ? t.getText() : "";
    }

    @Test
    void the_history_overlays_two_recorded_runs_and_opens_the_design_a_run_trained(FxRobot robot) throws Exception {
        Design snapshot = Templates.load("mobilenetv2-fmnist");
        List<String> nodes = List.of("stem_conv", "stage1_block1");
        history.add(Scripts.summary("r1", "completed", 0.9131, 3, "fp32"), Scripts.wholeRun("r1", 3, 100, nodes), snapshot)
                .add(Scripts.summary("r2", "cancelled", 0.8874, 2, "fp32-cl"), Scripts.wholeRun("r2", 2, 100, nodes), snapshot);
        openTemplate(robot);
        openTrainingPanel(robot);
        WorkbenchFixture.snapshot(stage.getScene().getRoot(), scratch.resolve("training-settings.png"));
        robot.clickOn("#training-tab-runs");
        @SuppressWarnings("unchecked")
        TableView<Object> table = robot.lookup("#training-history").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        WorkbenchFixture.settle(robot);
        assertThat(history.folders).isNotEmpty();
        // Two short lines a run, each read whole in the narrow side pane; the mode is the one that ran.
        List<Label> details = robot.lookup("#training-history .run-details").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).toList();
        assertThat(details).extracting(Label::getText)
                .containsExactly("test 88.74 % · 2 ep · fp32-cl", "test 91.31 % · 3 ep · fp32");
        List<Label> texts = new ArrayList<>(details);
        texts.addAll(robot.lookup("#training-history .run-started").queryAllAs(Label.class));
        texts.addAll(robot.lookup("#training-history .run-status").queryAllAs(Label.class));
        assertThat(texts).hasSize(6).allSatisfy(l -> assertThat(shownText(l)).as("not cut short").isEqualTo(l.getText()));
        assertThat(table.getWidth()).as("the side pane's width").isLessThan(360);

        List<Node> boxes = new ArrayList<>(robot.lookup("#training-history .check-box").queryAll());
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
        robot.clickOn(boxes.get(0));
        robot.clickOn(boxes.get(1));
        TrainingPanel panel = panel(robot);
        waitUntil(() -> panel.lossChart().series().size() == 4);
        assertThat(panel.lossChart().series()).extracting(s -> s.name())
                .containsExactly("run r2 · train", "run r2 · validation", "run r1 · train", "run r1 · validation");
        waitUntil(() -> panel.lossChart().drawnPoints(panel.lossChart().series().get(2)) == 30);
        assertThat(panel.lossChart().xAxis().max()).isGreaterThanOrEqualTo(300);

        robot.clickOn("#training-x-epochs");
        WorkbenchFixture.settle(robot);
        assertThat(panel.lossChart().xLabelProperty().get()).isEqualTo("epoch");
        assertThat(panel.lossChart().xAxis().max()).isEqualTo(3);

        robot.clickOn("cancelled");
        WorkbenchFixture.settle(robot);
        waitUntil(() -> panel.confusionView().getMatrix() != null);
        robot.clickOn("#training-open-design");
        waitUntil(() -> app.document() != null && app.document().model().design().name().endsWith("(run r2)"));
        assertThat(app.document().model().design().name()).isEqualTo(snapshot.name() + " (run r2)");
        assertThat(app.document().path()).as("a new, untitled document").isNull();
        assertThat(app.document().model().design().size()).isEqualTo(snapshot.size());
    }
}
