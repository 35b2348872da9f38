package org.modelworkbench.app.gui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;

/** The two looks of the app: AtlantaFX Primer light and dark, applied to every window at once. */
public enum Theme {
    LIGHT("Light"), DARK("Dark");

    /** The app's own rules on top of the theme (Modena colours for ControlsFX, the shell's styles). */
    public static final String APP_CSS = Theme.class.getResource("/org/modelworkbench/app/gui/workbench.css").toExternalForm();

    private final String displayName;

    Theme(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public String userAgentStylesheet() {
        return this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    /** Sets the theme for every window of the application (call on the FX thread or before start). */
    public void apply() {
        Application.setUserAgentStylesheet(userAgentStylesheet());
    }

    public static Optional<Theme> fromName(String name) {
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(name) || t.displayName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
