package org.modelworkbench.app.gui.training;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** Asks the user for a folder (the dataset's). The standard one is the platform's dialog; tests supply their own. */
@FunctionalInterface
public interface FolderPicker {
    Optional<Path> pick(Window owner, String title, Path initial);

    static FolderPicker standard() {
        return (owner, title, initial) -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            if (initial != null && Files.isDirectory(initial)) {
                chooser.setInitialDirectory(initial.toFile());
            }
            File f = chooser.showDialog(owner);
            return Optional.ofNullable(f).map(File::toPath);
        };
    }
}
