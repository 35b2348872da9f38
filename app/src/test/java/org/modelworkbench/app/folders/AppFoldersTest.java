package org.modelworkbench.app.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AppFoldersTest {

    @Test
    void the_data_folder_is_the_override_then_xdg_data_home_then_local_share() {
        assertThat(AppFolders.resolve("/custom/x", Map.of("XDG_DATA_HOME", "/data"), "/home/u")).isEqualTo(Path.of("/custom/x"));
        assertThat(AppFolders.resolve(null, Map.of("XDG_DATA_HOME", "/data"), "/home/u"))
                .isEqualTo(Path.of("/data/model-workbench"));
        assertThat(AppFolders.resolve(null, Map.of("XDG_DATA_HOME", "relative"), "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/model-workbench"));
        assertThat(AppFolders.resolve("", Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/share/model-workbench"));
    }

    @Test
    void autosaves_live_inside_the_data_folder() {
        AppFolders folders = new AppFolders(Path.of("/d"));
        assertThat(folders.autosaveFolder()).isEqualTo(Path.of("/d/autosave"));
    }
}
