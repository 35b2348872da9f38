package org.modelworkbench.app.gui.training;

import java.nio.file.Path;
import java.util.Objects;
import org.modelworkbench.projects.design.Design;

/**
 * What the training panel trains: the open document's design (as it is when Train is pressed; the
 * run takes a copy), its name, its file (null until saved), the template it was opened from (null:
 * none), and the document itself as a token, so the heat-map is painted only on the canvas of the
 * design that was trained.
 */
public record TrainingTarget(Object document, Design design, String name, Path file, String templateId) {
    public TrainingTarget {
        Objects.requireNonNull(document);
        Objects.requireNonNull(design);
        Objects.requireNonNull(name);
    }

    /** A design not opened from a template. */
    public TrainingTarget(Object document, Design design, String name, Path file) {
        this(document, design, name, file, null);
    }
}
