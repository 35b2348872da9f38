package org.modelworkbench.app.gui.document;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for a file. The standard one uses the platform's file dialog; tests supply their own. */
public interface FilePicker {

    /** What the file is for: decides the title and the file type filter. */
    enum Kind {
        PROJECT("Model Workbench project", "*.json", ".json"),
        PNG("PNG image", "*.png", ".png"),
        SVG("SVG drawing", "*.svg", ".svg");

        final String description;
        final String pattern;
        final String extension;

        Kind(String description, String pattern, String extension) {
            this.description = description;
            this.pattern = pattern;
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    Optional<Path> open(Window owner, Kind kind, Path folder);

    Optional<Path> save(Window owner, Kind kind, Path folder, String suggestedName);

    /** A folder (the platform's folder dialog unless a test answers). */
    default Optional<Path> folder(Window owner, String title, Path initial) {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle(title);
        if (initial != null && initial.toFile().isDirectory()) {
            dc.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(dc.showDialog(owner)).map(File::toPath);
    }

    /** The platform's file dialogs, adding the extension when the user leaves it out. */
    static FilePicker standard() {
        return new FilePicker() {
            @Override
            public Optional<Path> open(Window owner, Kind kind, Path folder) {
                FileChooser fc = chooser(kind, folder, "Open " + kind.description);
                File f = fc.showOpenDialog(owner);
                return Optional.ofNullable(f).map(File::toPath);
            }

            @Override
            public Optional<Path> save(Window owner, Kind kind, Path folder, String suggestedName) {
                FileChooser fc = chooser(kind, folder, kind == Kind.PROJECT ? "Save As" : "Export " + kind.description);
                fc.setInitialFileName(suggestedName);
                File f = fc.showSaveDialog(owner);
                if (f == null) {
                    return Optional.empty();
                }
                Path p = f.toPath();
                String name = p.getFileName().toString();
                return Optional.of(name.contains(".") ? p : p.resolveSibling(name + kind.extension));
            }

            private FileChooser chooser(Kind kind, Path folder, String title) {
                FileChooser fc = new FileChooser();
                fc.setTitle(title);
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.description + " (" + kind.pattern + ")",
                        kind.pattern));
                if (folder != null && folder.toFile().isDirectory()) {
                    fc.setInitialDirectory(folder.toFile());
                }
                return fc;
            }
        };
    }
}
