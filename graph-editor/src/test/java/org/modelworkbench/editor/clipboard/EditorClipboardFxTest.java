package org.modelworkbench.editor.clipboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelworkbench.editor.model.EditorModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** On the FX thread the fragment goes through the system clipboard as text. */
@ExtendWith(ApplicationExtension.class)
class EditorClipboardFxTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    @BeforeEach
    void forgetTheClipboard() {
        EditorClipboard.reset();
    }

    @Test
    void aCopyOnTheFxThreadIsProjectJsonTextThatPastesBack(FxRobot robot) {
        EditorModel m = new EditorModel(EditorClipboardTest.chain());
        AtomicReference<String> text = new AtomicReference<>();
        AtomicReference<List<String>> pasted = new AtomicReference<>();
        robot.interact(() -> {
            m.selection().addAll(List.of("conv1", "bn1"));
            EditorClipboard.copy(m);
            Clipboard cb = Clipboard.getSystemClipboard();
            text.set(cb.hasString() ? cb.getString() : null);
            pasted.set(EditorClipboard.paste(m));
        });
        // Monocle has a working clipboard (elsewhere, without one, the in-memory copy would serve)
        assertThat(text.get()).contains("\"formatVersion\" : " + org.modelworkbench.projects.files.Migrations.CURRENT_VERSION).contains("\"conv1\"");
        assertThat(pasted.get()).containsExactly("conv1_2", "bn1_2");
    }

    @Test
    void textCopiedElsewhereIsNotPastedAsBlocks(FxRobot robot) {
        EditorModel m = new EditorModel(EditorClipboardTest.chain());
        AtomicReference<List<String>> pasted = new AtomicReference<>();
        AtomicReference<Boolean> systemWorks = new AtomicReference<>();
        robot.interact(() -> {
            m.selection().add("conv1");
            EditorClipboard.copy(m);
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString("some other text");
            Clipboard.getSystemClipboard().setContent(c);
            systemWorks.set("some other text".equals(Clipboard.getSystemClipboard().getString()));
            pasted.set(EditorClipboard.paste(m));
        });
        assertThat(systemWorks.get()).isTrue();
        assertThat(pasted.get()).isEmpty();
    }
}
