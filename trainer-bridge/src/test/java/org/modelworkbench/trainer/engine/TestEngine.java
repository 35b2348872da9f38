package org.modelworkbench.trainer.engine;

import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * The engine for tests. Its cache is one folder under the module's build output (target/djl-cache,
 * set by the pom), not a fresh temporary folder per test: unpacking libtorch costs about 450 MB and
 * 3 s, and the build folder is cleaned with the build and ignored by git, so nothing lands in the
 * source tree or the user's home.
 */
public final class TestEngine {
    private TestEngine() {
    }

    public static Engine start() {
        String dir = System.getProperty(DjlRuntime.TEST_CACHE_PROPERTY, "target/djl-cache");
        return DjlRuntime.start(Path.of(dir));
    }
}
