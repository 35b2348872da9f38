package org.modelworkbench.app.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.app.folders.AppFolders;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.training.TrainingServices;
import org.modelworkbench.app.gui.window.MainWindow;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Opens a main window over a fresh app data folder, for the GUI journeys. */
final class WorkbenchFixture {
    final Path data;
    final Preferences preferences;
    final MainWindow window;
    boolean quitCalled;

    private WorkbenchFixture(Path data, Preferences preferences, MainWindow window) {
        this.data = data;
        this.preferences = preferences;
        this.window = window;
    }

    /** Call in @Start: a window of 1400×900 over {@code data} (a test's @TempDir: an empty data folder). */
    static WorkbenchFixture open(Stage stage, Path data) {
        return open(stage, data, TrainingServices.unavailable());
    }

    /** {@link #open(Stage, Path)} with the training launcher and run histories of the test. */
    static WorkbenchFixture open(Stage stage, Path data, TrainingServices training) {
        Preferences prefs = Preferences.load(data.resolve("preferences.json"));
        prefs.theme().apply();
        WorkbenchFixture[] f = new WorkbenchFixture[1];
        MainWindow w = new MainWindow(stage, new AppFolders(data), prefs, url -> { }, () -> f[0].quitCalled = true,
                training);
        f[0] = new WorkbenchFixture(data, prefs, w);
        stage.show();
        stage.requestFocus();
        return f[0];
    }

    /** The window's open document; null on the start page. */
    Document document() {
        return window.documents().document();
    }

    /** The open design's canvas. */
    static GraphCanvas canvas(FxRobot robot) {
        return robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
    }

    /** Opens the menu-bar menu {@code menuId} and clicks its item {@code itemId}, as a user would. */
    static void clickMenu(FxRobot robot, String menuId, String itemId) {
        robot.clickOn("#" + menuId);
        robot.clickOn("#" + itemId);
        settle(robot);
    }

    /**
     * Ends the window cleanly (call in @AfterEach): its autosave timer stops and its files are
     * written before JUnit deletes the test's data folder.
     */
    void close() {
        fx(window::shutdown);
    }

    /**
     * Where documentation screenshots go: docs/images when the build asks for them (the
     * {@code docs-images} Maven profile sets {@code modelworkbench.docsImages}), else {@code scratch}
     * (a test's @TempDir), so that a plain {@code verify} leaves the tracked images alone.
     */
    static Path docsImages(Path scratch) {
        String asked = System.getProperty("modelworkbench.docsImages", "");
        return asked.isBlank() ? scratch : Path.of(asked);
    }

    static void waitUntil(BooleanSupplier condition) {
        waitUntil(condition, 20);
    }

    /** Waits up to {@code seconds} (a child process that starts the engine takes several). */
    static void waitUntil(BooleanSupplier condition, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                boolean[] r = new boolean[1];
                WaitForAsyncUtils.asyncFx(() -> r[0] = condition.getAsBoolean()).get();
                return r[0];
            });
        } catch (Exception e) {
            throw new AssertionError("condition not met in " + seconds + " s", e);
        }
    }

    static void fx(Runnable r) {
        WaitForAsyncUtils.waitForAsyncFx(20_000, r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes a PNG of a node (scene root for the whole window) and returns the image. */
    static WritableImage snapshot(Node node, Path file) {
        WritableImage[] img = new WritableImage[1];
        fx(() -> img[0] = node.snapshot(null, null));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return img[0];
    }

    /**
     * Monocle keeps the drag view of a stage that a previous test replaced; the next platform drag
     * then fails in notifyDragLeave. Forget it before a palette drag (same workaround as the canvas tests).
     */
    static void forgetStaleMonocleDragView() {
        fx(() -> {
            try {
                Class<?> input = Class.forName("com.sun.glass.ui.monocle.MouseInput");
                var getInstance = input.getDeclaredMethod("getInstance");
                getInstance.setAccessible(true);
                Object instance = getInstance.invoke(null);
                var field = input.getDeclaredField("dragView");
                field.setAccessible(true);
                field.set(instance, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not Monocle, or another version: nothing to work around.
            }
        });
    }

    /**
     * Hides tooltips and other popups: under Monocle a press that lands on a tooltip window makes a
     * following platform drag fail ("dropTargetAssistant is null").
     */
    static void hidePopups() {
        fx(() -> new java.util.ArrayList<>(javafx.stage.Window.getWindows()).stream()
                .filter(w -> w instanceof javafx.stage.PopupWindow)
                .forEach(javafx.stage.Window::hide));
    }

    /** Scrolls the enclosing scroll pane so that the node is in view (as the user would). */
    static void scrollIntoView(Node node) {
        fx(() -> {
            javafx.scene.Parent p = node.getParent();
            while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                javafx.geometry.Bounds b = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double extra = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                if (extra > 0) {
                    sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 40) / extra)));
                }
            }
        });
    }

    /**
     * Waits until the open design is on the canvas, then shows its top at a readable 80 % (designs
     * open zoomed to fit, which for a tall design draws the overview without block skins): the view
     * in which the robot clicks blocks by id.
     */
    static void showTopReadable(FxRobot robot) {
        waitUntil(() -> robot.lookup("#graph-canvas").tryQuery().isPresent()
                && !robot.lookup("#graph-canvas").queryAs(GraphCanvas.class).nodeGeometries().isEmpty());
        fx(() -> {
            GraphCanvas canvas = robot.lookup("#graph-canvas").queryAs(GraphCanvas.class);
            javafx.geometry.Bounds b = canvas.contentBounds();
            double z = 0.8;
            canvas.setView(z, canvas.getWidth() / 2 - b.getCenterX() * z, 40 - b.getMinY() * z);
        });
        waitUntil(() -> robot.lookup("#graph-canvas").queryAs(GraphCanvas.class).nodeViewCount() > 0);
    }

    static void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents(3);
        robot.sleep(50);
        Platform.requestNextPulse();
        WaitForAsyncUtils.waitForFxEvents(3);
    }
}
