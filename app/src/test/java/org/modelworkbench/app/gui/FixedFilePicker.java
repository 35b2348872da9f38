package org.modelworkbench.app.gui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.stage.Window;
import org.modelworkbench.app.gui.document.FilePicker;

/** A file dialog that answers with the files a test queued (native dialogs do not exist headless). */
final class FixedFilePicker implements FilePicker {
    final Deque<Path> answers = new ArrayDeque<>();
    int asked;

    FixedFilePicker answer(Path p) {
        answers.add(p);
        return this;
    }

    @Override
    public Optional<Path> open(Window owner, Kind kind, Path folder) {
        asked++;
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> save(Window owner, Kind kind, Path folder, String suggestedName) {
        asked++;
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> folder(Window owner, String title, Path initial) {
        asked++;
        return Optional.ofNullable(answers.poll());
    }
}
