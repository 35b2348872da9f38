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
    public static final String DATA_DIR_PROPERTY = DataFolder.PROPERTY;

    private final Path data;

    public AppFolders(Path data) {
        this.data = data;
    }

    /** The folders of this process, from its system properties and environment. */
    public static AppFolders standard() {
        return new AppFolders(resolve(System.getProperty(DATA_DIR_PROPERTY), System.getenv(),
                System.getProperty("user.home")));
    }

    /** The folder rule is {@link DataFolder}'s, shared with the command line. */
    public static Path resolve(String override, Map<String, String> env, String home) {
        return DataFolder.resolve(override, env, home);
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
}
