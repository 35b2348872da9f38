package org.modelworkbench.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.editor.clipboard.EditorClipboard;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.palette.PaletteView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** New blocks find room of their own instead of landing on others. */
@ExtendWith(ApplicationExtension.class)
class FreePlacementTest {
    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(CanvasFixtures.small());
        PaletteView palette = new PaletteView(BlockLibrary.standard());
        canvas = CanvasFixtures.show(stage, model, false, palette);
        palette.setOnAddBlock(canvas::addBlockAtCenter);
    }

    private void assertNothingOverlaps() {
        List<NodeGeometry> all = canvas.nodeGeometries();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Bounds a = all.get(i).bounds();
                Bounds b = all.get(j).bounds();
                assertThat(a.intersects(b)).as(all.get(i).id() + " on " + all.get(j).id()).isFalse();
            }
        }
    }

    @Test
    void addingThreeBlocksWithEnterInThePalettePutsThemSideBySideNotOnTopOfEachOther(FxRobot robot) {
        // The middle of the view is on the design, so even the first has to move.
        robot.interact(() -> canvas.centerOn("relu"));
        Set<String> before = new HashSet<>(model.design().nodeOrder());
        robot.clickOn("#paletteSearch").write("batch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#paletteSearch");
        for (int i = 0; i < 3; i++) {
            robot.type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
        }
        Set<String> added = new HashSet<>(model.design().nodeOrder());
        added.removeAll(before);
        assertThat(added).hasSize(3);
        assertNothingOverlaps();
        // Each still lands near the middle of the view.
        Bounds view = canvas.visibleBoundsProperty().get();
        for (String id : added) {
            assertThat(view.intersects(canvas.geometryOf(id).bounds())).as(id + " in view").isTrue();
        }
    }

    @Test
    void pastingTwiceLandsEachCopyOnNoOtherBlock(FxRobot robot) {
        robot.clickOn("#node-conv1");
        robot.press(KeyCode.SHIFT).clickOn("#node-relu").release(KeyCode.SHIFT);
        robot.interact(() -> {
            EditorClipboard.copy(model);
            EditorClipboard.paste(model);
            EditorClipboard.paste(model);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.design().size()).isEqualTo(10);
        assertNothingOverlaps();
        assertThat(model.commands().undoDescriptionProperty().get()).isEqualTo("Paste 2 blocks");
    }
}
