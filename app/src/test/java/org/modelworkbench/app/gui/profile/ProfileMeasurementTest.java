package org.modelworkbench.app.gui.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.profile.ProfileView;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.profile.ProfileJson;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The profile panel's Measure, driven through its button with stand-ins for the child process (shell
 * scripts in place of java): the measured columns and the throughput table appear, a failing child is
 * a message in the panel, Cancel stops it, and an edit marks the figures as out of date.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProfileMeasurementTest {
    @TempDir
    Path dir;
    private Stage stage;
    private EditorModel model;
    private ProfileView view;
    private ProfileMeasurement measurement;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 1400, 700));
        stage.show();
    }

    @AfterEach
    void dispose() throws Exception {
        if (measurement != null) {
            WaitForAsyncUtils.asyncFx(() -> measurement.dispose()).get();
        }
    }

    /** Lookups start at the view: other test classes may leave windows with a profile panel open. */
    private void show(Path java, boolean measurable) throws Exception {
        MeasureProcess.Launch launch = new MeasureProcess.Launch(java, "/no/classes", dir.resolve("data"), dir, Map.of());
        WaitForAsyncUtils.asyncFx(() -> {
            try {
                model = new EditorModel(Templates.load("resnet-fmnist"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            view = new ProfileView(model);
            measurement = new ProfileMeasurement(model, view, launch, measurable);
            stage.getScene().setRoot(view);
            stage.toFront();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Presses a button of this view (fired: a window left open by another test may cover the stage). */
    private void press(FxRobot robot, String id) {
        Button b = robot.from(view).lookup(id).queryButton();
        assertThat(b.isDisabled()).as(id + " is enabled").isFalse();
        robot.interact(b::fire);
    }

    private Path script(String body) throws Exception {
        Path f = dir.resolve("java-" + System.nanoTime());
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    }

    private String status() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> measurement.statusText()).get();
    }

    @Test
    void measuring_shows_the_measured_columns_beside_the_static_ones_and_the_throughput_table(FxRobot robot)
            throws Exception {
        Path json = Files.writeString(dir.resolve("profile.json"), ProfileJson.write(SampleProfiles.resnet()));
        show(script("echo 'measuring 50%: per-node forward+backward (run 2 of 4)' >&2\nsleep 0.3\ncat '" + json + "'"),
                true);

        press(robot, "#measureProfile");
        waitUntil(() -> !measurement.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents(3);

        assertThat(status()).startsWith("Measured in ");
        assertThat(view.measuredValues()).isNotNull();
        assertThat(view.measuredValues().value("stage3_block1", MeasuredColumns.FORWARD).getAsDouble()).isEqualTo(40);
        assertThat(view.measuredValues().flag("stage3_block1")).hasValueSatisfying(
                f -> assertThat(f).startsWith("slow for its cost: 40.0% of the forward time"));
        assertThat(view.measuredValues().value("input", MeasuredColumns.FORWARD)).isEmpty();
        assertThat(view.table().getColumns()).extracting(c -> c.getId()).endsWith("col-share", "col-measured-fwd",
                "col-measured-fwdbwd", "col-measured-time", "col-measured-gmacs");
        assertThat(robot.from(view).lookup("#measuredCaption").queryLabeled().getText())
                .startsWith("Measured at 8x1x28x28 (median of 10 runs): whole model forward")
                .contains("1 block is slow for its cost");
        assertThat(robot.from(view).lookup("#throughputTable").tryQuery()).isPresent();
        assertThat(robot.from(view).lookup("#throughputTable .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Batch", "Images/s", "128", "skipped: would take about 95 s (limit 60 s per batch size)");
        assertThat(robot.from(view).lookup("#measureProfile").queryButton().isDisabled()).isFalse();

        // An edit afterwards: the figures stay, marked as out of date.
        WaitForAsyncUtils.asyncFx(() -> model.addNode("activation.relu", 900, 40)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status()).startsWith("The design changed since it was measured");
        assertThat(view.measuredValues()).isNotNull();
    }

    @Test
    void a_child_that_cannot_start_becomes_a_message_in_the_panel(FxRobot robot) throws Exception {
        show(dir.resolve("no-such-java"), true);

        press(robot, "#measureProfile");
        waitUntil(() -> !measurement.runningProperty().get());

        assertThat(status()).startsWith("The measuring process could not start");
        assertThat(robot.from(view).lookup("#measureStatus").queryLabeled().getStyleClass()).contains("error");
        assertThat(view.measuredValues()).isNull();
        assertThat(robot.from(view).lookup("#measureProfile").queryButton().isDisabled()).isFalse();
    }

    @Test
    void a_child_that_fails_leaves_its_error_in_the_panel(FxRobot robot) throws Exception {
        show(script("echo \"error: measuring failed: block 'stem_conv' (conv.conv2d) failed: out of memory\" >&2\nexit 1"),
                true);

        press(robot, "#measureProfile");
        waitUntil(() -> !measurement.runningProperty().get());

        assertThat(status()).isEqualTo("Measuring failed: measuring failed: block 'stem_conv' (conv.conv2d) failed: "
                + "out of memory");
    }

    @Test
    void cancel_stops_the_measuring_process(FxRobot robot) throws Exception {
        show(script("echo 'measuring 3%: per-node forward (run 1 of 13)' >&2\nsleep 30"), true);

        press(robot, "#measureProfile");
        waitUntil(() -> measurement.statusText().startsWith("Per-node forward"));
        Button cancel = robot.from(view).lookup("#cancelMeasure").queryButton();
        assertThat(cancel.isVisible()).isTrue();
        assertThat(robot.from(view).lookup("#measureProgress").query().isVisible()).isTrue();
        press(robot, "#cancelMeasure");
        waitUntil(() -> !measurement.runningProperty().get());

        assertThat(status()).isEqualTo("Measurement cancelled");
        assertThat(cancel.isVisible()).isFalse();
        assertThat(view.measuredValues()).isNull();
    }

    @Test
    void inside_a_composite_block_measure_is_disabled_and_says_why(FxRobot robot) throws Exception {
        show(dir.resolve("no-such-java"), false);

        assertThat(robot.from(view).lookup("#measureProfile").queryButton().isDisabled()).isTrue();
        assertThat(status()).startsWith("Measuring runs the whole design");
    }
}
