package org.modelworkbench.app.gui.document;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.modelworkbench.editor.model.EditorModel;

/**
 * One open design: its editor model, the file it belongs to (none until first saved), and whether it
 * has unsaved changes. A design recovered from an autosave counts as changed until it is saved,
 * although its undo history is empty.
 */
public final class Document {
    private final EditorModel model;
    private final String templateId;
    private final ObjectProperty<Path> path = new SimpleObjectProperty<>(this, "path");
    private final BooleanProperty recovered = new SimpleBooleanProperty(this, "recovered");
    private final BooleanBinding dirty;
    private final StringBinding displayName;
    private final StringBinding designName;

    public Document(EditorModel model, Path path) {
        this(model, path, null);
    }

    /** @param templateId the shipped template the design was opened from (null: none) */
    public Document(EditorModel model, Path path, String templateId) {
        this.model = model;
        this.templateId = templateId;
        this.path.set(path);
        this.dirty = model.commands().dirtyProperty().or(recovered);
        this.displayName = Bindings.createStringBinding(() -> {
            Path p = this.path.get();
            return p == null ? model.design().name() : p.getFileName().toString();
        }, this.path, model.commands().revisionProperty());
        // Only commands change a design, and each one (done, undone, redone) bumps the revision.
        this.designName = Bindings.createStringBinding(() -> model.design().name(), model.commands().revisionProperty());
    }

    public EditorModel model() {
        return model;
    }

    /**
     * The id of the shipped template this design was opened from ("resnet-fmnist"), or null: its
     * runs are kept with the command line's runs of that template until it has a file.
     */
    public String templateId() {
        return templateId;
    }

    public Path path() {
        return path.get();
    }

    public ObjectProperty<Path> pathProperty() {
        return path;
    }

    /** Unsaved changes: edits since the last save, or a recovered design not yet saved. */
    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** The file name once saved, the design's name before. */
    public StringBinding displayNameProperty() {
        return displayName;
    }

    /** The design's own name (File › Rename Design… changes it), whether or not it has a file. */
    public StringBinding designNameProperty() {
        return designName;
    }

    /**
     * What the window's title calls the document: the design's name; once saved, also the file's
     * name, unless the design is named after its file ("resnet.json" for a design named "resnet").
     */
    public static String titleText(String name, String fileName, Path path) {
        if (path == null) {
            return name;
        }
        return fileName.equals(name + ".json") ? fileName : name + " — " + fileName;
    }

    public void markRecovered() {
        recovered.set(true);
    }

    /** After a successful save to {@code file}. */
    public void saved(Path file) {
        path.set(file);
        recovered.set(false);
        model.commands().markSaved();
    }
}
