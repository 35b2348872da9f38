package org.modelworkbench.visualizers.views;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.Figure;

/**
 * One figure of a view and the numbers behind it: the CLI writes {@code name.png} and
 * {@code name[-table].csv}; the GUI shows the figure, offers the same two exports, and asks the
 * picker what a click means.
 *
 * @param name    file-name stem, unique within a view's panels ("rollout", "mad-by-layer")
 * @param title   what the figure shows, in words
 * @param figure  the drawing
 * @param tables  CSV tables by name ("" for the main one: written as {@code name.csv}; others as
 *                {@code name-key.csv})
 * @param caption how to read it: one or two sentences shown under the figure in the GUI
 * @param picker  what a click on the figure selects (a query cell, a node); {@link Picker#NONE} if nothing
 */
public record Panel(String name, String title, Figure figure, Map<String, Csv> tables, String caption, Picker picker) {
    public Panel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(figure, "figure");
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        caption = caption == null ? "" : caption;
        picker = picker == null ? Picker.NONE : picker;
    }

    /** A panel with one table, no picking. */
    public static Panel of(String name, String title, Figure figure, Csv table, String caption) {
        return new Panel(name, title, figure, table == null ? Map.of() : Map.of("", table), caption, Picker.NONE);
    }

    public Panel withPicker(Picker p) {
        return new Panel(name, title, figure, tables, caption, p);
    }
}
