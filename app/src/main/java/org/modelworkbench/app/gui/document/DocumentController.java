package org.modelworkbench.app.gui.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.Window;
import org.modelworkbench.app.gui.dialogs.Dialogs;
import org.modelworkbench.app.gui.prefs.Preferences;
import org.modelworkbench.app.gui.prefs.PreferencesException;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.editor.edit.RenameDesign;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * New, open, save, save as and close of the one design a window shows, with the unsaved-changes
 * question before anything would discard edits, file errors shown as a dialog (the current design
 * stays open), the recent-projects list and the autosave kept up to date. Every method returns
 * whether it went through (false: cancelled or failed).
 */
public final class DocumentController {
    private final BlockLibrary library;
    private final Preferences preferences;
    private final Autosave autosave;
    private final Supplier<Window> owner;
    private final ObjectProperty<Document> document = new SimpleObjectProperty<>(this, "document");
    private FilePicker picker = FilePicker.standard();
    private Consumer<String> onStatus = s -> { };
    private Consumer<String> onPreferencesProblem = s -> { };
    /** The settings problem reported last (null: none since the last good save), so it is told once. */
    private String preferencesProblem;

    public DocumentController(BlockLibrary library, Preferences preferences, Autosave autosave, Supplier<Window> owner) {
        this.library = library;
        this.preferences = preferences;
        this.autosave = autosave;
        this.owner = owner;
        // Autosaves are written on a background thread; a failure shows like any other status.
        autosave.setOnFailure(problem -> Platform.runLater(() -> onStatus.accept(problem)));
    }

    /** The open design, or null when none is (the start page shows). */
    public ReadOnlyObjectProperty<Document> documentProperty() {
        return document;
    }

    public Document document() {
        return document.get();
    }

    public Preferences preferences() {
        return preferences;
    }

    public Autosave autosave() {
        return autosave;
    }

    public BlockLibrary library() {
        return library;
    }

    public void setFilePicker(FilePicker picker) {
        this.picker = picker;
    }

    public FilePicker filePicker() {
        return picker;
    }

    /** Short messages for the status bar ("Saved resnet.json"). */
    public void setOnStatus(Consumer<String> onStatus) {
        this.onStatus = onStatus;
    }

    /**
     * Where a failed settings save is told, once (a lasting notice naming the file and the reason);
     * it is told again only after a save has worked or the reason changed.
     */
    public void setOnPreferencesProblem(Consumer<String> onPreferencesProblem) {
        this.onPreferencesProblem = onPreferencesProblem;
    }

    /**
     * Writes the settings (recent projects, theme, toggles, window size); a failure is told through
     * {@link #setOnPreferencesProblem} the first time and returned.
     *
     * @return true when the settings were written
     */
    public boolean savePreferences() {
        try {
            preferences.save();
            preferencesProblem = null;
            return true;
        } catch (PreferencesException e) {
            if (!e.getMessage().equals(preferencesProblem)) {
                preferencesProblem = e.getMessage();
                onPreferencesProblem.accept(e.getMessage());
            }
            return false;
        }
    }

    /** The name of a new blank design, until it is renamed or first saved. */
    public static final String UNTITLED = "Untitled design";

    /** A design with one image input, ready for blocks. */
    public static Design blankDesign() {
        DesignBuilder b = new DesignBuilder(UNTITLED);
        b.add("input", InputBlocks.IMAGE_ID, Map.of());
        return b.build();
    }

    public boolean newBlank() {
        return replaceWith(blankDesign(), null, "starting a new design");
    }

    /** Opens a fresh copy of a shipped template (not tied to a file). */
    public boolean newFromTemplate(TemplateInfo template) {
        if (!confirmDiscard("opening " + template.name())) {
            return false;
        }
        try {
            show(new Document(new EditorModel(Templates.load(template.id()), library), null, template.id()));
            onStatus.accept("New design from the template " + template.name());
            return true;
        } catch (ProjectFileException e) {
            Dialogs.fileError(owner.get(), "Could not open the template", e);
            return false;
        }
    }

    /**
     * Opens a design that belongs to no file (a training run's snapshot) as a new document, after
     * the unsaved-changes question; {@code status} says where it came from.
     */
    public boolean openUntitled(Design design, String status) {
        if (!confirmDiscard("opening " + design.name())) {
            return false;
        }
        show(new Document(new EditorModel(design, library), null));
        onStatus.accept(status);
        return true;
    }

    /** Asks for a project file and opens it. */
    public boolean open() {
        if (!confirmDiscard("opening another design")) {
            return false;
        }
        Optional<Path> file = picker.open(owner.get(), FilePicker.Kind.PROJECT, folder());
        return file.isPresent() && load(file.get());
    }

    /** Opens a file (e.g. a recent project) after the unsaved-changes question. */
    public boolean open(Path file) {
        return confirmDiscard("opening " + file.getFileName()) && load(file);
    }

    private boolean load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            Design d = ProjectFiles.read(abs);
            show(new Document(new EditorModel(d, library), abs));
            preferences.addRecent(abs);
            savePreferences();
            onStatus.accept("Opened " + abs.getFileName());
            return true;
        } catch (ProjectFileException e) {
            Dialogs.fileError(owner.get(), "Could not open " + abs.getFileName(), e);
            return false;
        }
    }

    /** Saves to the document's file, asking for one first if it has none. */
    public boolean save() {
        Document doc = document.get();
        if (doc == null) {
            return false;
        }
        return doc.path() == null ? saveAs() : write(doc, doc.path());
    }

    public boolean saveAs() {
        Document doc = document.get();
        if (doc == null) {
            return false;
        }
        String suggested = doc.path() != null ? doc.path().getFileName().toString() : fileNameFor(doc.model().design().name());
        Optional<Path> file = picker.save(owner.get(), FilePicker.Kind.PROJECT, folder(), suggested);
        return file.isPresent() && write(doc, file.get());
    }

    /** Saves to {@code file} directly (no dialog); used by Save As and by tests. */
    public boolean saveTo(Path file) {
        Document doc = document.get();
        return doc != null && write(doc, file);
    }

    private boolean write(Document doc, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        nameAfterFileOnFirstSave(doc, abs);
        try {
            ProjectFiles.write(doc.model().design(), abs);
        } catch (ProjectFileException e) {
            Dialogs.fileError(owner.get(), "Could not save " + abs.getFileName(), e);
            return false;
        }
        doc.saved(abs);
        autosave.discard();
        preferences.addRecent(abs);
        savePreferences();
        onStatus.accept("Saved " + abs);
        return true;
    }

    /**
     * An "Untitled design" saved to a file for the first time takes the file's name ("cifar
     * net.json" → "cifar net"), so that the title, the status bar and the file agree. It is done as
     * its own undoable step (Undo Rename to …) before writing, not by changing the design behind the
     * history's back: the saved file holds the name, and undoing it is an unsaved change like any other.
     */
    private static void nameAfterFileOnFirstSave(Document doc, Path file) {
        var design = doc.model().design();
        if (doc.path() != null || !UNTITLED.equals(design.name()) || doc.model().isReadOnly()) {
            return;
        }
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.json$", "").strip();
        if (!stem.isEmpty()) {
            doc.model().execute(new RenameDesign(design, stem, design.description()));
        }
    }

    /** Closes the design (the start page shows). */
    public boolean close() {
        if (document.get() == null) {
            return true;
        }
        if (!confirmDiscard("closing")) {
            return false;
        }
        show(null);
        return true;
    }

    /** Opens unsaved work left by a crash, marked as changed, tied to the file it came from. */
    public boolean recover(Autosave.Entry entry) {
        if (!confirmDiscard("recovering " + entry.name())) {
            return false;
        }
        try {
            Design d = Autosave.read(entry);
            Document doc = new Document(new EditorModel(d, library), entry.originalPath());
            doc.markRecovered();
            show(doc);
            Autosave.delete(entry);
            autosave.update(doc);
            onStatus.accept("Recovered " + entry.name() + " (not saved yet)");
            return true;
        } catch (ProjectFileException e) {
            Dialogs.fileError(owner.get(), "Could not recover " + entry.name(), e);
            return false;
        }
    }

    /**
     * True when nothing would be lost: no changes, or the user saved them or chose not to. False when
     * the user cancelled (or the save failed or was cancelled).
     */
    public boolean confirmDiscard(String beforeWhat) {
        Document doc = document.get();
        if (doc == null || !doc.isDirty()) {
            return true;
        }
        return switch (Dialogs.askToSave(owner.get(), doc.displayNameProperty().get(), beforeWhat)) {
            case SAVE -> save();
            case DONT_SAVE -> true;
            case CANCEL -> false;
        };
    }

    private boolean replaceWith(Design design, Path path, String beforeWhat) {
        if (!confirmDiscard(beforeWhat)) {
            return false;
        }
        show(new Document(new EditorModel(design, library), path));
        return true;
    }

    /** Shows a document without asking (the caller asked). */
    public void show(Document doc) {
        autosave.discard();
        document.set(doc);
    }

    /** Writes the autosave if the design has unsaved changes (the window's timer calls this). */
    public Optional<String> autosaveNow() {
        return autosave.update(document.get());
    }

    private Path folder() {
        Document doc = document.get();
        if (doc != null && doc.path() != null && doc.path().getParent() != null) {
            return doc.path().getParent();
        }
        for (Path p : preferences.recent()) {
            if (p.getParent() != null && Files.isDirectory(p.getParent())) {
                return p.getParent();
            }
        }
        return Path.of(System.getProperty("user.home"));
    }

    /** "ResNet (Fashion-MNIST)" → "resnet-fashion-mnist.json". */
    public static String fileNameFor(String designName) {
        String s = designName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return (s.isEmpty() ? "design" : s) + ".json";
    }
}
