package org.modelworkbench.trainer.engine;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Starts DJL's PyTorch engine offline, with its cache in a folder the app owns. libtorch comes from
 * the {@code pytorch-native-cpu} jar on the class path and is unpacked (about 450 MB) into
 * {@code <cache>/pytorch/…} on first use; without this DJL would write to {@code ~/.djl.ai} and try
 * the network. The engine is a process singleton: the first {@link #start} decides the folder.
 */
public final class DjlRuntime {
    /** The system property naming DJL's cache folder (DJL reads it as well as the environment variable). */
    public static final String CACHE_PROPERTY = "DJL_CACHE_DIR";
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** Where tests and builds keep the unpacked natives (set by the build; see the module's pom). */
    public static final String TEST_CACHE_PROPERTY = "mw.djl.cache";

    private static Path started;

    private DjlRuntime() {
    }

    /**
     * Points DJL at {@code cacheDir}, forbids downloads and loads the engine. Calling it again with the
     * same folder returns the running engine; another folder is refused, because the natives are
     * already loaded from the first one.
     */
    public static synchronized Engine start(Path cacheDir) {
        Path dir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        if (started != null && !started.equals(dir)) {
            throw new IllegalStateException("the DJL engine already runs with its cache in " + started
                    + "; it cannot move to " + dir + " in the same process");
        }
        if (started == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
            System.setProperty(CACHE_PROPERTY, dir.toString());
            started = dir;
        }
        return Engine.getEngine("PyTorch");
    }

    /** The folder the engine was started with, or null before {@link #start}. */
    public static synchronized Path cacheDir() {
        return started;
    }
}
