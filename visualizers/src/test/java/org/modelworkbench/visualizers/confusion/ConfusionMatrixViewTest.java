package org.modelworkbench.visualizers.confusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.ViewScenes;
import org.modelworkbench.visualizers.color.ColorMap;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ConfusionMatrixViewTest {
    static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    @TempDir
    Path shots;
    Stage stage;
    ConfusionMatrixView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = new ConfusionMatrixView();
        view.setId("confusion");
        ViewScenes.show(stage, new StackPane(view), 560, 520, false);
    }

    /** A Fashion-MNIST-like result: 1,000 images per class, shirts often taken for T-shirts. */
    static ConfusionMatrix fashion() {
        int[][] c = new int[10][10];
        for (int a = 0; a < 10; a++) {
            c[a][a] = 900;
            c[a][(a + 1) % 10] = 100;
        }
        c[6][6] = 700;
        c[6][0] = 250;
        c[6][7] = 50;
        return new ConfusionMatrix(c, FASHION);
    }

    @Test
    void hoveringACellSaysWhatItCountsInWords(FxRobot robot) {
        robot.interact(() -> view.setMatrix(fashion()));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D cell = view.localToScreen(view.cellCenter(6, 0));
        robot.moveTo(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.hoverTextProperty().get()).isEqualTo("actual Shirt predicted as T-shirt/top: 250 (25.0 %)");
        robot.moveTo(view.localToScreen(view.cellCenter(3, 3)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.hoverTextProperty().get()).isEqualTo("actual Dress predicted as Dress: 900 (90.0 %) — correct");
    }

    @Test
    void cellsAreColouredByTheirShareOfTheActualClass(FxRobot robot) {
        ConfusionMatrix m = fashion();
        robot.interact(() -> view.setMatrix(m));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> img[0] = ViewScenes.snapshot(view, shots.resolve("confusion.png")));
        assertThat(view.cellSize()).as("ten classes fit with their names").isGreaterThanOrEqualTo(24);
        // A corner of the cell, clear of its text.
        Color diagonal = pixelNearCorner(img[0], view.cellCenter(1, 1));
        Color empty = pixelNearCorner(img[0], view.cellCenter(1, 5));
        assertThat(diagonal).isEqualTo(snap(ColorMap.BLUES.at(0.9)));
        assertThat(empty).isEqualTo(snap(ColorMap.BLUES.at(0)));
        assertThat(ConfusionMatrixView.cellColor(m, 6, 0)).isEqualTo(ColorMap.BLUES.at(0.25));
    }

    @Test
    void withoutAMatrixTheViewSaysWhenOneWillBeShown(FxRobot robot) {
        robot.interact(() -> view.setMatrix(null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.cellAt(200, 200)).isEmpty();
    }

    private Color pixelNearCorner(WritableImage img, Point2D center) {
        double c = view.cellSize();
        return img.getPixelReader().getColor((int) (center.getX() - c / 2 + 4), (int) (center.getY() - c / 2 + 4));
    }

    /** A colour as an 8-bit snapshot stores it. */
    private static Color snap(Color c) {
        return Color.rgb((int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }
}
