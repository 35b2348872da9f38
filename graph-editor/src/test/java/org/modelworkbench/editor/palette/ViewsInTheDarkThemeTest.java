package org.modelworkbench.editor.palette;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

    @Start
    void start(Stage stage) throws Exception {
        model = new EditorModel(Templates.load("resnet-fmnist"));
        model.selection().add("stem_conv");
    }

    @Test
    void everyViewTakesItsColoursFromTheThemeSoItIsDarkInTheDarkTheme(FxRobot robot) {
        robot.interact(() -> {
            check(new PaletteView(BlockLibrary.standard()), 300, 600, "/tmp/g2-palette-dark.png");
            check(new InspectorView(model), 360, 720, "/tmp/g2-inspector-dark.png");
            check(new ProfileView(model), 1000, 420, "/tmp/g2-profile-dark.png");
            check(new ProblemsView(model), 640, 200, "/tmp/g2-problems-dark.png");
        });
    }

    private static void check(Parent view, double w, double h, String file) {
        Scene scene = TestScenes.scene(view, w, h, true);
        ((Region) view).resize(w, h);
        view.applyCss();
        view.layout();
        TestScenes.snapshot(view, file);
        WritableImage img = view.snapshot(null, null);
        Color corner = img.getPixelReader().getColor((int) w - 3, (int) h - 3);
        assertThat(corner.getBrightness()).as("background of %s", file).isLessThan(0.3);
        assertThat(scene.getRoot()).isSameAs(view);
    }
}
