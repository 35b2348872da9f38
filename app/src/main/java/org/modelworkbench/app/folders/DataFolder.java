package org.modelworkbench.app.folders;

import java.nio.file.Path;
import java.util.Map;

/**
 * The app's own data folder, for the GUI and the command line alike: the system property
 * {@value #PROPERTY} when set (tests point it into the build folder), otherwise
 * {@code $XDG_DATA_HOME/model-workbench}, otherwise {@code ~/.local/share/model-workbench}. DJL's
 * cache (libtorch, about 450 MB, unpacked on first use) and the runs of designs without a file live
 * here.
 */
public record DataFolder(Path path) {
    public static final String PROPERTY = "modelworkbench.dataDir";

    /** The data folder of this process, from its system properties and environment. */
    public static DataFolder standard() {
        return new DataFolder(resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("user.home")));
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

    /**
     * Where DJL keeps the unpacked engine: {@code DJL_CACHE_DIR} when the process was given one (as a
     * system property, then the environment; the build points every module's tests at one unpacked
     * copy), otherwise {@code djl-cache} in this folder.
     */
    public Path djlCache() {
        for (String given : new String[] {System.getProperty("DJL_CACHE_DIR"), System.getenv("DJL_CACHE_DIR")}) {
            if (given != null && !given.isBlank()) {
                return Path.of(given);
            }
        }
        return path.resolve("djl-cache");
    }

    /** Where the runs of a design that has no file of its own go (a template, an untitled design). */
    public Path runsOf(String designKey) {
        return path.resolve("runs").resolve(designKey);
    }
}
