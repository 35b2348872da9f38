package org.modelworkbench.editor.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.editor.palette.TestScenes.shown;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.TestScenes;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The profile panel as a reader meets it: whole names, a visible input override, legible problem rows. */
@ExtendWith(ApplicationExtension.class)
class ProfileReadabilityTest {
    @TempDir
    Path shots;
    private Stage stage;
    private EditorModel model;
    private ProfileView profile;

    /** A MobileNetV2 tail with typical ids, plus "mismatch", an add of two different shapes (a problem row). */
    static Design tail() {
        DesignBuilder b = new DesignBuilder("Tail");
        String x = b.input("input", 160, 7, 7);
        String ir = b.add("invertedresidual_12", "mbconv.inverted_residual", Map.of("out_channels", 320), x);
        String conv = b.add("conv_1280", "conv.conv2d", Map.of("out_channels", 1280, "kernel", 1, "padding", 0), ir);
        b.add("mismatch", "merge.add", Map.of(), conv, x);
        return b.build();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        show(false);
        stage.show();
        stage.requestFocus();
    }

    private void show(boolean dark) {
        model = new EditorModel(tail());
        profile = new ProfileView(model);
        stage.setScene(TestScenes.scene(profile, 1100, 420, dark));
    }

    /** Cells of a column as drawn: its item and the text it actually shows. */
    private List<TableCell<?, ?>> cells(FxRobot robot, String columnId) {
        WaitForAsyncUtils.waitForFxEvents();
        List<TableCell<?, ?>> list = new ArrayList<>();
        for (Node n : robot.lookup(".table-row-cell .table-cell").queryAll()) {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId()) && !c.isEmpty()
                    && c.getItem() != null) {
                list.add(c);
            }
        }
        return list;
    }

    @Test
    void idsTypesAndShapesShowWholeOrCarryATooltipAndHeadersAreNotCut(FxRobot robot) {
        assertColumnsReadable(robot);
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("panels-profile-columns.png")));
    }

    @Test
    void columnsAreFittedAlsoWhenThePanelIsShownAfterItsDesignWasAnalysed(FxRobot robot) {
        // As in the app: the panel is made (and filled) first, put on screen later.
        robot.interact(() -> {
            model = new EditorModel(tail());
            profile = new ProfileView(model);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.setScene(TestScenes.scene(new javafx.scene.layout.StackPane(profile), 1100, 420, false)));
        assertColumnsReadable(robot);
    }

    private void assertColumnsReadable(FxRobot robot) {
        for (String col : List.of("col-node", "col-type", "col-output")) {
            List<TableCell<?, ?>> cells = cells(robot, col);
            assertThat(cells).as(col).hasSizeGreaterThanOrEqualTo(4);
            for (TableCell<?, ?> c : cells) {
                String item = String.valueOf(c.getItem());
                assertThat(c.getTooltip()).as(col + " " + item).isNotNull();
                assertThat(c.getTooltip().getText()).as(col).contains(item);
                if (!item.equals(shown(c))) {
                    assertThat(shown(c)).as(col + " " + item).endsWith("…");
                }
            }
        }
        // Typical values fit: the cell is as wide as it wants to be, and shows them whole.
        for (String value : List.of("invertedresidual_12", "conv_1280", "1×1280×7×7", "Inverted residual (MobileNetV2)")) {
            TableCell<?, ?> c = cells(robot, value.startsWith("1×") ? "col-output" : value.contains(" ") ? "col-type" : "col-node")
                    .stream().filter(x -> value.equals(x.getItem())).findFirst().orElseThrow();
            assertThat(shown(c)).as(value).isEqualTo(value);
            assertThat(c.getWidth()).as(value).isGreaterThanOrEqualTo(Math.floor(c.prefWidth(-1)));
        }
        for (Node h : robot.lookup(".column-header .label").queryAll()) {
            Label l = (Label) h;
            if (l.getText() != null && !l.getText().isEmpty()) {
                assertThat(shown(l)).as("header").isEqualTo(l.getText());
            }
        }
        // No column is pushed out of sight: they all fit, or the table scrolls sideways.
        var table = profile.table();
        double columns = table.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum();
        boolean scrolls = robot.lookup(".scroll-bar").queryAll().stream().anyMatch(n -> n.isVisible()
                && ((javafx.scene.control.ScrollBar) n).getOrientation() == javafx.geometry.Orientation.HORIZONTAL);
        assertThat(columns <= table.getWidth() || scrolls).as("columns %.0f in %.0f, scrolls %s", columns, table.getWidth(), scrolls)
                .isTrue();
    }

    @Test
    void anInputSizeOverrideShowsAChipWithTheSizeAndResetBringsTheDesignsSizeBack(FxRobot robot) {
        assertThat(robot.lookup("#inputOverrideChip").query().isVisible()).isFalse();
        assertThat(model.inputOverrideProperty().get()).isNull();

        robot.clickOn("#inputSize").write("1x160x14x14").type(KeyCode.ENTER);

        assertThat(model.inputOverrideProperty().get()).hasToString("1×160×14×14");
        Node chip = robot.lookup("#inputOverrideChip").query();
        assertThat(chip.isVisible()).isTrue();
        assertThat(((Region) chip).getWidth()).isGreaterThanOrEqualTo(((Region) chip).prefWidth(-1) - 0.5);
        Label text = robot.lookup("#inputOverrideText").queryAs(Label.class);
        assertThat(shown(text)).isEqualTo("Input overridden: 1×160×14×14");
        assertThat(robot.lookup("#inputSize").query().getStyleClass()).contains("overridden");
        robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("panels-profile-override.png")));

        robot.clickOn("#inputOverrideReset");

        assertThat(model.inputOverrideProperty().get()).isNull();
        assertThat(model.optionsProperty().get().inputOverride()).isNull();
        assertThat(chip.isVisible()).isFalse();
        assertThat(robot.lookup("#inputSize").queryTextInputControl().getText()).isEmpty();
        assertThat(robot.lookup("#inputSize").query().getStyleClass()).doesNotContain("overridden");
    }

    @Test
    void rowsOfBlocksWithProblemsAreReadableInTheLightAndDarkThemesSelectedOrNot(FxRobot robot) {
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> show(dark));
            WaitForAsyncUtils.waitForFxEvents();
            String theme = dark ? "dark" : "light";
            assertThat(minContrastOfProblemRow(robot)).as(theme + ", not selected").isGreaterThanOrEqualTo(4.5);

            robot.interact(() -> {
                profile.table().requestFocus();
                model.selection().add("mismatch");
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(minContrastOfProblemRow(robot)).as(theme + ", selected").isGreaterThanOrEqualTo(4.5);
            robot.interact(() -> TestScenes.snapshot(profile, shots.resolve("panels-profile-problem-" + theme + ".png")));
        }
    }

    /** The lowest WCAG contrast between a problem row's cell text and what is painted behind it. */
    private double minContrastOfProblemRow(FxRobot robot) {
        TableRow<?> row = null;
        for (Node n : robot.lookup(".problem-row").queryAll()) {
            row = (TableRow<?>) n;
        }
        assertThat(row).isNotNull();
        Color base = fillOf(profile, Color.WHITE);
        Color behind = fillOf(row, base);
        double min = Double.MAX_VALUE;
        for (Node n : row.lookupAll(".table-cell")) {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (c.getText() == null || c.getText().isEmpty() || !(c.getTextFill() instanceof Color fg)) {
                continue;
            }
            Color bg = fillOf(c, behind);
            min = Math.min(min, contrast(over(fg, bg), bg));
        }
        assertThat(min).isLessThan(Double.MAX_VALUE);
        return min;
    }

    /** The colour a region paints over {@code under}: its fills in order, each composited on the last. */
    private static Color fillOf(Region r, Color under) {
        Color c = under;
        if (r.getBackground() != null) {
            for (BackgroundFill f : r.getBackground().getFills()) {
                if (f.getFill() instanceof Color fill) {
                    c = over(fill, c);
                }
            }
        }
        return c;
    }

    private static Color over(Color top, Color under) {
        double a = top.getOpacity();
        return new Color(top.getRed() * a + under.getRed() * (1 - a), top.getGreen() * a + under.getGreen() * (1 - a),
                top.getBlue() * a + under.getBlue() * (1 - a), 1);
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
