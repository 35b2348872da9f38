package org.modelworkbench.visualizers.views;

import java.util.List;
import org.modelworkbench.visualizers.bundle.Bundle;

/**
 * A visualizer as the CLI and the GUI use it: turns a {@link Bundle} (what a probe of the model
 * captured) and the user's {@link ViewOptions} into figures with their numbers. Pure computation and
 * Java2D: no JavaFX, no engine. Rendering must be quick enough to follow a slider (heavy maths that
 * does not depend on the options belongs in the bundle or in a cache keyed by the bundle).
 */
public interface View {
    /** The CLI name: attention, filters, spectra, erf, activations, gradcam, confusion, embedding, similarity. */
    String kind();

    /** The GUI's name ("Attention maps"). */
    String title();

    /** What the view shows and how to read it, a short paragraph for the GUI's help and the CLI's --help. */
    String description();

    /** The view's own options (beyond the common ones of {@link ViewOptions}). */
    default List<OptionSpec> options(Bundle bundle) {
        return List.of();
    }

    /** The layers or nodes a user may pick ({@link ViewOptions#layer()}); empty when the view has no such choice. */
    default List<String> layers(Bundle bundle) {
        return List.of();
    }

    /** How many images the bundle lets the user step through (1 when the view aggregates over images). */
    default int images(Bundle bundle) {
        return 1;
    }

    /** Whether the view has attention heads to choose from for these options (the GUI shows a head control). */
    default int heads(Bundle bundle, ViewOptions options) {
        return 0;
    }

    /**
     * The figures for {@code options}.
     *
     * @throws IllegalArgumentException naming the option or the data that is wrong
     */
    List<Panel> render(Bundle bundle, ViewOptions options);
}
