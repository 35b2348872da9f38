package org.modelworkbench.app.gui.training;

import java.nio.file.Path;
import java.util.Objects;
import org.modelworkbench.projects.design.Design;

/**
 * What the training panel trains: the open document's design (as it is when Train is pressed; the
 * run takes a copy), its name, its file (null until saved), and the document itself as a token, so
 * the heat-map is painted only on the canvas of the design that was trained.
 */
public record TrainingTarget(Object document, Design design, String name, Path file) {
    public TrainingTarget {
        Objects.requireNonNull(document);
        Objects.requireNonNull(design);
        Objects.requireNonNull(name);
    }
}
