package org.modelworkbench.editor.palette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelworkbench.editor.palette.TestScenes.shown;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Palette rows show their names whole, or say them whole in a tooltip. */
@ExtendWith(ApplicationExtension.class)
class PaletteNamesTest {
    private PaletteView palette;

    @Start
    void start(Stage stage) {
        palette = new PaletteView(BlockLibrary.standard());
        stage.setScene(TestScenes.scene(palette, 300, 700, false));
        stage.show();
        stage.requestFocus();
    }

    private void assertEveryRowNamedWholeOrInItsTooltip(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int rows = 0;
        for (Node n : robot.lookup(".palette-cell").queryAll()) {
            TreeCell<?> cell = (TreeCell<?>) n;
            if (cell.isEmpty() || cell.getItem() == null || !cell.isVisible()) { // (the flow's measuring cell)
                continue;
            }
            Label name = (Label) cell.lookup(".palette-name");
            String full = name.getText();
            if (!full.equals(shown(name))) {
                assertThat(shown(name)).as(full).matches(".*(…|\\.\\.\\.)");
                assertThat(cell.getTooltip()).as(full).isNotNull();
                assertThat(cell.getTooltip().getText()).as(full).contains(full);
            }
            assertThat(cell.getTooltip()).as(full + " has a tooltip").isNotNull();
            rows++;
        }
        assertThat(rows).isGreaterThanOrEqualTo(2);
    }

    @Test
    void groupAndBlockNamesAreWholeOrCarriedWholeByATooltip(FxRobot robot) {
        assertEveryRowNamedWholeOrInItsTooltip(robot);
        robot.clickOn("#paletteSearch").write("(");
        assertEveryRowNamedWholeOrInItsTooltip(robot);

        // A typical long name fits the palette's own width.
        robot.interact(() -> robot.lookup("#paletteSearch").queryTextInputControl().clear());
        robot.clickOn("#paletteSearch").write("inverted");
        WaitForAsyncUtils.waitForFxEvents();
        assertEveryRowNamedWholeOrInItsTooltip(robot);
        Label ir = null;
        for (Node n : robot.lookup(".palette-name").queryAll()) {
            if ("Inverted residual (MobileNetV2)".equals(((Label) n).getText())) {
                ir = (Label) n;
            }
        }
        assertThat(ir).isNotNull();
        assertThat(shown(ir)).isEqualTo("Inverted residual (MobileNetV2)");
        assertThat(ir.getWidth()).isGreaterThanOrEqualTo(Math.floor(ir.prefWidth(-1)));
    }
}
