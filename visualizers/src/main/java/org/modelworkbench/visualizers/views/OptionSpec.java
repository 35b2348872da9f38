package org.modelworkbench.visualizers.views;

import java.util.List;

/**
 * One of a view's own options, for the CLI's {@code --option key=value} and the GUI's controls.
 *
 * @param key          the name in {@link ViewOptions#extra()}
 * @param label        the GUI's label
 * @param defaultValue the value used when none is given, as text
 * @param choices      the allowed values (a choice box); empty: a number or free text (a text field)
 * @param help         one sentence: what it changes
 */
public record OptionSpec(String key, String label, String defaultValue, List<String> choices, String help) {
    public OptionSpec {
        choices = List.copyOf(choices);
    }

    public static OptionSpec choice(String key, String label, String defaultValue, List<String> choices, String help) {
        return new OptionSpec(key, label, defaultValue, choices, help);
    }

    public static OptionSpec number(String key, String label, String defaultValue, String help) {
        return new OptionSpec(key, label, defaultValue, List.of(), help);
    }
}
