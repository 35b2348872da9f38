package org.modelworkbench.app.gui.training;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a design's runs are kept: beside its file ({@code net.json} → {@code net.runs/}), so they
 * move with the project; for a design not saved yet, in the app's data folder under
 * {@code runs/<design name>}.
 *
 * @param unsavedRoot the folder for the runs of designs without a file
 */
public record RunsFolders(Path unsavedRoot) {

    public Path forDesign(Path designFile, String designName) {
        if (designFile != null) {
            String name = designFile.getFileName().toString().replaceFirst("(?i)\\.json$", "");
            Path parent = designFile.toAbsolutePath().getParent();
            return parent.resolve(name + ".runs");
        }
        return unsavedRoot.resolve(slug(designName));
    }

    /** A folder name from a design name: lower case, runs of other characters as one dash. */
    static String slug(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "untitled" : s;
    }
}
