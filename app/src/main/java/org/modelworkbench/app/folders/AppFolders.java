package org.modelworkbench.app.folders;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the app keeps its own files (preferences, recent projects, autosaves, the unpacked deep
 * learning engine): the system property
 * {@value #DATA_DIR_PROPERTY} when set (tests point it into the build folder), otherwise
 * {@code $XDG_DATA_HOME/model-workbench}, otherwise {@code ~/.local/share/model-workbench}.
 * The command line and the GUI share it, so it lives outside both.
 */
public final class AppFolders {
    public static final String DATA_DIR_PROPERTY = "modelworkbench.dataDir";

    private final Path data;

    public AppFolders(Path data) {
        this.data = data;
    }

    /** The folders of this process, from its system properties and environment. */
    public static AppFolders standard() {
        return new AppFolders(resolve(System.getProperty(DATA_DIR_PROPERTY), System.getenv(),
                System.getProperty("user.home")));
    }

    public static Path resolve(String override, Map<String, String> env, String home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "model-workbench");
        }
        return Path.of(home, ".local", "share", "model-workbench");
    }

    public Path data() {
        return data;
    }

    public Path preferencesFile() {
        return data.resolve("preferences.json");
    }

    public Path autosaveFolder() {
        return data.resolve("autosave");
    }

    /**
     * Where DJL unpacks libtorch (about 450 MB, once) and keeps its cache: inside the app's own folder,
     * never {@code ~/.djl.ai}. A child process started with the same data folder finds it unpacked.
     */
    public Path engineCache() {
        return data.resolve("djl");
    }
}
