package org.modelworkbench.editor.palette;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class PaletteViewTest {
    /** Snapshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;
    private PaletteView palette;
    private final List<String> added = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final Pane dropTarget = new Pane();

    @Start
    void start(Stage stage) {
        palette = new PaletteView(BlockLibrary.standard());
        palette.setOnAddBlock(added::add);
        dropTarget.setId("dropTarget");
        dropTarget.setPrefSize(300, 640);
        dropTarget.setOnDragOver(e -> {
            if (e.getDragboard().hasContent(GraphCanvas.BLOCK_TYPE)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        dropTarget.setOnDragDropped(e -> {
            dropped.add((String) e.getDragboard().getContent(GraphCanvas.BLOCK_TYPE));
            e.setDropCompleted(true);
            e.consume();
        });
        stage.setScene(TestScenes.scene(new HBox(palette, dropTarget), 600, 640, false));
        stage.show();
        stage.requestFocus();
    }

    @Test
    void typingInTheSearchFieldFiltersTheBlocksAndADoubleClickAddsOne(FxRobot robot) {
        int all = palette.visibleTypes().size();
        assertThat(all).isEqualTo(BlockLibrary.standard().types().size());

        robot.clickOn("#paletteSearch").write("swin");
        WaitForAsyncUtils.waitForFxEvents();
        List<BlockType> shown = palette.visibleTypes();
        assertThat(shown).isNotEmpty().hasSizeLessThan(all);
        assertThat(shown).allSatisfy(t -> assertThat((t.displayName() + t.id() + t.category().displayName()
                + t.description() + t.paper().citation()).toLowerCase(Locale.ROOT)).contains("swin"));
        assertThat(shown).extracting(BlockType::id).contains("swin.block");
        robot.interact(() -> TestScenes.snapshot(palette, shots.resolve("g2-palette-search.png")));

        robot.doubleClickOn(cellOf(robot, "swin.block"));
        assertThat(added).containsExactly("swin.block");

        robot.clickOn("#paletteSearch").eraseText(4).write("depthw");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertThat(added).containsExactly("swin.block", "conv.depthwise");

        BlockType mine = BlockLibrary.standard().find("mbconv.mbconv").orElseThrow();
        robot.interact(() -> palette.userBlocks().add(mine));
        assertThat(palette.visibleTypes().get(0)).isSameAs(mine); // "My blocks" comes first
        robot.interact(() -> palette.userBlocks().clear());

        robot.clickOn("#paletteSearch").eraseText(6).write("qqq");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(palette.visibleTypes()).isEmpty();
        assertThat(robot.lookup("#paletteEmpty").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void rightClickingABlockOffersToAddItOrCopyItsTypeIdAndAGroupToOpenOrCloseAll(FxRobot robot) {
        robot.rightClickOn(cellOf(robot, "conv.conv2d"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#palette-menu-add");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(added).containsExactly("conv.conv2d");

        robot.rightClickOn(cellOf(robot, "norm.layer_norm"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#palette-menu-copy-id");
        WaitForAsyncUtils.waitForFxEvents();
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(copied[0]).isEqualTo("norm.layer_norm");

        robot.rightClickOn(robot.lookup(".palette-group").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#palette-menu-collapse-all");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".palette-entry").queryAll()).as("no block rows under closed groups").isEmpty();
        assertThat(robot.lookup(".palette-group").queryAll()).isNotEmpty();
    }

    @Test
    void hoveringABlockShowsItsDescriptionAndSourcePaper(FxRobot robot) throws Exception {
        robot.moveTo(cellOf(robot, "conv.conv2d"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> showingTooltip() != null);
        Tooltip tip = showingTooltip();
        assertThat(tip.getText()).contains("Conv2d", "2-D convolution", "LeCun", "https://doi.org/10.1109/5.726791");
        robot.interact(() -> {
            TestScenes.snapshot(palette, shots.resolve("g2-palette.png"));
            TestScenes.snapshot(tip.getScene().getRoot(), shots.resolve("g2-palette-tooltip.png"));
        });
        robot.moveTo("#paletteSearch");
    }

    @Test
    void draggingAnEntryCarriesItsBlockTypeIdToTheDropTarget(FxRobot robot) {
        robot.drag(cellOf(robot, "norm.layer_norm")).dropTo("#dropTarget");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dropped).containsExactly("norm.layer_norm");
        assertThat(added).isEmpty();
    }

    private static Tooltip showingTooltip() {
        for (Window w : Window.getWindows()) {
            if (w instanceof Tooltip t && t.isShowing()) {
                return t;
            }
        }
        return null;
    }

    private static TreeCell<?> cellOf(FxRobot robot, String typeId) {
        return robot.lookup("#palette-" + typeId.replace('.', '-')).queryAs(TreeCell.class);
    }
}
