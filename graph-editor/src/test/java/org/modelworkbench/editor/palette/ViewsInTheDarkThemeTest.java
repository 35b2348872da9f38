package org.modelworkbench.editor.palette;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.editor.inspector.InspectorView;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.problems.ProblemsView;
import org.modelworkbench.editor.profile.ProfileView;
import org.modelworkbench.projects.templates.Templates;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ViewsInTheDarkThemeTest {
    private EditorModel model;

    /** Snapshots to look at; keep them with -Djunit.jupiter.tempdir.cleanup.mode.default=never. */
    @TempDir
    Path shots;

    @Start
    void start(Stage stage) throws Exception {
        model = new EditorModel(Templates.load("resnet-fmnist"));
        model.selection().add("stem_conv");
    }

    @Test
    void everyViewTakesItsColoursFromTheThemeSoItIsDarkInTheDarkThemeAndLightInTheLightOne(FxRobot robot) {
        robot.interact(() -> {
            for (boolean dark : new boolean[] {true, false}) {
                String theme = dark ? "dark" : "light";
                check(new PaletteView(BlockLibrary.standard()), 300, 600, dark, "g2-palette-" + theme + ".png");
                check(new InspectorView(model), 360, 720, dark, "g2-inspector-" + theme + ".png");
                check(new ProfileView(model), 1000, 420, dark, "g2-profile-" + theme + ".png");
                check(new ProblemsView(model), 640, 200, dark, "g2-problems-" + theme + ".png");
            }
        });
    }

    /** The background (the bottom-right corner) is dark in the dark theme and light in the light one. */
    private void check(Parent view, double w, double h, boolean dark, String file) {
        Scene scene = TestScenes.scene(view, w, h, dark);
        ((Region) view).resize(w, h);
        view.applyCss();
        view.layout();
        WritableImage img = TestScenes.snapshot(view, shots.resolve(file));
        assertThat(img.getWidth()).as("width of %s", file).isEqualTo(w);
        assertThat(img.getHeight()).as("height of %s", file).isEqualTo(h);
        Color corner = img.getPixelReader().getColor((int) w - 3, (int) h - 3);
        if (dark) {
            assertThat(corner.getBrightness()).as("background of %s", file).isLessThan(0.3);
        } else {
            assertThat(corner.getBrightness()).as("background of %s", file).isGreaterThan(0.85);
        }
        assertThat(scene.getRoot()).isSameAs(view);
    }
}
