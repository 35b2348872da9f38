package org.modelworkbench.visualizers.curves;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.ViewScenes;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MetricChartTest {
    /** Screenshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    Stage stage;
    MetricChart chart;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        chart = new MetricChart("Loss");
        chart.setId("chart");
        StackPane root = new StackPane(chart);
        root.setStyle("-fx-padding: 12;");
        ViewScenes.show(stage, root, 824, 324, false);
    }

    private void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> chart.layout());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aHundredThousandPointsPerSeriesAreDrawnAsAtMostTwoPerPixelColumn(FxRobot robot) {
        SeriesBuffer train = MinMaxDecimationTest.noisyLoss(100_000, 7);
        SeriesBuffer val = new SeriesBuffer();
        for (int i = 0; i < 100_000; i++) {
            val.add(i, 0.2 + 2.2 * Math.exp(-i / 25_000.0) + 0.01 * Math.sin(i / 50.0));
        }
        ChartSeries t = new ChartSeries("train", "train loss", train, Color.web("#0969da"), false);
        ChartSeries v = new ChartSeries("val", "val loss", val, Color.web("#0969da"), true);
        robot.interact(() -> chart.series().setAll(t, v));
        settle(robot);

        double width = chart.plotWidth();
        assertThat(width).isGreaterThan(600);
        assertThat(chart.drawnPoints(t)).isPositive().isLessThanOrEqualTo((int) (2 * Math.round(width) + 2));
        assertThat(chart.drawnPoints(v)).isPositive().isLessThanOrEqualTo((int) (2 * Math.round(width) + 2));
        assertThat(chart.yAxis().max()).as("the planted spike is in view").isGreaterThanOrEqualTo(9.5);
        assertThat(chart.yAxis().min()).as("the planted dip is in view").isLessThanOrEqualTo(-4);
        assertThat(chart.xAxis().max()).isGreaterThanOrEqualTo(99_999);
        robot.interact(() -> ViewScenes.snapshot(stage.getScene().getRoot(), shots.resolve("chart-100k.png")));
    }

    @Test
    void pointsAppendedWhileARunGoesOnAreDrawnAtTheNextFrame(FxRobot robot) {
        SeriesBuffer live = new SeriesBuffer();
        for (int i = 1; i <= 100; i++) {
            live.add(i * 20, 2.0 / i);
        }
        ChartSeries s = new ChartSeries("live", "train loss", live, Color.web("#cf222e"), false);
        robot.interact(() -> {
            chart.xMaxHintProperty().set(4000);
            chart.series().setAll(s);
        });
        settle(robot);
        assertThat(chart.xAxis().max()).as("the run's length, known from the start").isEqualTo(4000);
        int before = chart.drawnPoints(s);
        assertThat(before).isEqualTo(100);

        robot.interact(() -> {
            for (int i = 101; i <= 130; i++) {
                live.add(i * 20, 2.0 / i);
            }
            chart.refresh();
        });
        settle(robot);
        assertThat(chart.drawnPoints(s)).isEqualTo(130);
        assertThat(chart.xAxis().max()).as("the axis did not move: only new columns were touched").isEqualTo(4000);
    }

    @Test
    void theCrosshairNamesTheValueOfEachShownSeriesWhereThePointerIs(FxRobot robot) {
        SeriesBuffer loss = new SeriesBuffer();
        SeriesBuffer val = new SeriesBuffer();
        for (int i = 0; i <= 100; i++) {
            loss.add(i, 1.0 - i / 200.0);
        }
        val.add(50, 0.8);
        val.add(100, 0.7);
        ChartSeries a = new ChartSeries("train", "train loss", loss, Color.web("#0969da"), false);
        ChartSeries b = new ChartSeries("val", "val loss", val, Color.web("#0969da"), true);
        robot.interact(() -> chart.series().setAll(a, b));
        settle(robot);

        Point2D at = chart.localToScreen(chart.toLocal(50, 0.75));
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.hoverTextProperty().get()).isEqualTo("step 50\ntrain loss 0.75\nval loss 0.8");
        Point2D between = chart.localToScreen(chart.toLocal(70, 0.75));
        robot.moveTo(between);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.hoverTextProperty().get()).as("the validation curve has no point at step 70")
                .isEqualTo("step 70\ntrain loss 0.65");
        robot.moveTo(chart.localToScreen(5, 5)).moveBy(-40, -40);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.hoverTextProperty().get()).isEmpty();
    }

    @Test
    void clickingALegendItemHidesItsSeriesAndClickingAgainShowsIt(FxRobot robot) {
        SeriesBuffer data = new SeriesBuffer();
        for (int i = 0; i < 50; i++) {
            data.add(i, Math.sqrt(i));
        }
        ChartSeries s = new ChartSeries("acc", "train accuracy", data, Color.web("#1a7f37"), false);
        ChartSeries other = new ChartSeries("acc2", "val accuracy", data, Color.web("#1a7f37"), true);
        robot.interact(() -> chart.series().setAll(s, other));
        settle(robot);
        assertThat(chart.drawnPoints(s)).isEqualTo(50);

        robot.clickOn("#legend-acc");
        settle(robot);
        assertThat(s.isVisible()).isFalse();
        assertThat(chart.drawnPoints(s)).isZero();
        assertThat(chart.drawnPoints(other)).isEqualTo(50);
        robot.clickOn("#legend-acc");
        settle(robot);
        assertThat(chart.drawnPoints(s)).isEqualTo(50);
    }

    @Test
    void aLogAxisTicksInDecadesAndLeavesOutValuesThatAreNotPositive(FxRobot robot) {
        SeriesBuffer ratio = new SeriesBuffer();
        ratio.add(0, 0);
        for (int i = 1; i <= 200; i++) {
            ratio.add(i, 1e-2 / i);
        }
        ChartSeries s = new ChartSeries("ratio", "update ratio", ratio, Color.web("#8250df"), false);
        robot.interact(() -> {
            chart.logYProperty().set(true);
            chart.series().setAll(s);
        });
        settle(robot);
        assertThat(chart.yAxis().log()).isTrue();
        assertThat(chart.yAxis().min()).isCloseTo(1e-5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(chart.yAxis().max()).isCloseTo(1e-2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(chart.drawnPoints(s)).isEqualTo(200);
        robot.interact(() -> ViewScenes.snapshot(stage.getScene().getRoot(), shots.resolve("chart-log.png")));
    }

    @Test
    void whenTheThemeRecoloursTheTitleTheAxesAreRedrawnInItsColour(FxRobot robot) {
        SeriesBuffer data = new SeriesBuffer();
        for (int i = 0; i < 200; i++) {
            data.add(i, 1.0 / (1 + i));
        }
        robot.interact(() -> chart.series().setAll(new ChartSeries("s", "train loss", data, Color.web("#0969da"), false)));
        settle(robot);
        assertThat(redPixels(robot)).isZero();
        // What a theme switch does to the title's text colour, made unmistakable: red.
        robot.interact(() -> chart.lookup(".metric-chart-title").setStyle("-fx-text-fill: #ff0000; -fx-font-weight: bold;"));
        settle(robot);
        assertThat(redPixels(robot)).as("axis labels and grid in the title's colour").isGreaterThan(100);
    }

    private int redPixels(FxRobot robot) {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = chart.snapshot(null, null));
        double titleBottom = chart.lookup(".metric-chart-title").getBoundsInParent().getMaxY();
        int red = 0;
        for (int y = (int) titleBottom + 6; y < img[0].getHeight(); y++) {
            for (int x = 0; x < img[0].getWidth(); x++) {
                Color c = img[0].getPixelReader().getColor(x, y);
                if (c.getRed() > 0.6 && c.getGreen() < 0.6 * c.getRed() && c.getBlue() < 0.6 * c.getRed()) {
                    red++;
                }
            }
        }
        return red;
    }

    @Test
    void aValidationCurveShowsItsFirstEpochAsAMarkerAndThenADashedLine(FxRobot robot) {
        SeriesBuffer train = new SeriesBuffer();
        for (int step = 20; step <= 840; step += 20) {
            train.add(step, 0.5 + 0.4 * step / 840.0);
        }
        SeriesBuffer validation = new SeriesBuffer();
        validation.add(420, 0.5);
        ChartSeries t = new ChartSeries("train", "train", train, Color.web("#0969da"), false);
        ChartSeries v = new ChartSeries("val", "validation", validation, Color.web("#ff0000"), true);
        robot.interact(() -> chart.series().setAll(t, v));
        settle(robot);

        assertThat(chart.drawnPoints(v)).isEqualTo(1);
        Point2D first = chart.toLocal(420, 0.5);
        assertThat(redPixelsAround(robot, first, 6)).as("a ring larger than a training dot").isGreaterThanOrEqualTo(30);

        robot.interact(() -> {
            validation.add(840, 0.9);
            chart.refresh();
        });
        settle(robot);
        assertThat(chart.drawnPoints(v)).isEqualTo(2);
        Point2D middle = chart.toLocal(630, 0.7);
        assertThat(redPixelsAround(robot, middle, 12)).as("the line between the epochs").isPositive();
    }

    /** Red pixels within {@code r} of a point of the chart. */
    private int redPixelsAround(FxRobot robot, Point2D at, int r) {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = chart.snapshot(null, null));
        int red = 0;
        for (int y = (int) at.getY() - r; y <= at.getY() + r; y++) {
            for (int x = (int) at.getX() - r; x <= at.getX() + r; x++) {
                if (x < 0 || y < 0 || x >= img[0].getWidth() || y >= img[0].getHeight()) {
                    continue;
                }
                Color c = img[0].getPixelReader().getColor(x, y);
                if (c.getRed() > 0.6 && c.getGreen() < 0.6 * c.getRed() && c.getBlue() < 0.6 * c.getRed()) {
                    red++;
                }
            }
        }
        return red;
    }

    @Test
    void anEmptyChartSaysSoAndHasNoAxes(FxRobot robot) {
        robot.interact(() -> chart.series().setAll(new ChartSeries("e", "empty", new SeriesBuffer(), Color.GRAY, false)));
        settle(robot);
        assertThat(chart.xAxis()).isNull();
        assertThat(chart.yAxis()).isNull();
    }
}
