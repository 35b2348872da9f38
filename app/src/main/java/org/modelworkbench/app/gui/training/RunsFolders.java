package org.modelworkbench.app.gui.training;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a design's runs are kept: beside its file ({@code net.json} → {@code net.runs/}), so they
 * move with the project; for a design not saved yet, in the app's data folder: under
 * {@code runs/<template id>} when it was opened from a shipped template (where {@code workbench
 * train <template id>} keeps that template's runs, {@code DataFolder.runsOf}), else under
 * {@code runs/<design name>}.
 *
 * @param unsavedRoot the folder for the runs of designs without a file
 */
public record RunsFolders(Path unsavedRoot) {

    public Path forDesign(Path designFile, String designName) {
        return forDesign(designFile, null, designName);
    }

    /** @param templateId the template the design was opened from (null: none) */
    public Path forDesign(Path designFile, String templateId, String designName) {
        if (designFile != null) {
            String name = designFile.getFileName().toString().replaceFirst("(?i)\\.json$", "");
            Path parent = designFile.toAbsolutePath().getParent();
            return parent.resolve(name + ".runs");
        }
        if (templateId != null && !templateId.isBlank()) {
            return unsavedRoot.resolve(slug(templateId));
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
