package org.modelworkbench.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {

    @Test
    void theEngineStartsOfflineWithItsNativesUnpackedIntoTheGivenFolder() throws Exception {
        Engine engine = TestEngine.start();

        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(System.getProperty(DjlRuntime.OFFLINE_PROPERTY)).isEqualTo("true");
        Path pytorch = DjlRuntime.cacheDir().resolve("pytorch");
        assertThat(pytorch).isDirectory();
        try (var files = Files.walk(pytorch)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("libtorch_cpu"));
        }
    }

    @Test
    void aSecondFolderIsRefusedOnceTheEngineRuns() {
        TestEngine.start();

        assertThatThrownBy(() -> DjlRuntime.start(DjlRuntime.cacheDir().resolve("elsewhere")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already runs");
    }
}
