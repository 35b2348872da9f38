package org.modelworkbench.app.gui.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.app.gui.theme.Theme;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PreferencesTest {
    @TempDir
    Path dir;

    @Test
    void theme_recent_projects_and_toggles_survive_a_restart() throws Exception {
        Path file = dir.resolve("sub/preferences.json");
        Preferences p = Preferences.load(file);
        p.setTheme(Theme.DARK);
        p.addRecent(dir.resolve("a.json"));
        p.addRecent(dir.resolve("b.json"));
        p.addRecent(dir.resolve("a.json"));
        p.setMinimap(false);
        p.setWindow(1200, 700, true);
        p.save();

        Preferences q = Preferences.load(file);
        assertThat(q.theme()).isEqualTo(Theme.DARK);
        assertThat(q.recent()).containsExactly(dir.resolve("a.json"), dir.resolve("b.json"));
        assertThat(q.minimap()).isFalse();
        assertThat(q.snapToGrid()).isTrue();
        assertThat(q.width()).isEqualTo(1200);
        assertThat(q.maximized()).isTrue();
    }

    @Test
    void a_save_that_cannot_write_names_the_file_and_the_reason_and_leaves_no_temporary_file() throws Exception {
        Path file = dir.resolve("preferences.json");
        Files.createDirectories(file.resolve("in-the-way"));
        Preferences p = Preferences.load(file);
        p.setTheme(Theme.DARK);

        assertThatThrownBy(p::save).isInstanceOfSatisfying(PreferencesException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.reason()).isEqualTo("a folder of that name is in the way");
            assertThat(e.getMessage()).isEqualTo("Could not save the settings to " + file + ": a folder of that name is in the way");
        });
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void the_recent_list_keeps_the_newest_ten() {
        Preferences p = Preferences.load(dir.resolve("p.json"));
        for (int i = 0; i < 15; i++) {
            p.addRecent(dir.resolve(i + ".json"));
        }
        assertThat(p.recent()).hasSize(Preferences.MAX_RECENT).first().isEqualTo(dir.resolve("14.json"));
    }

    @Test
    void a_damaged_or_missing_file_gives_the_defaults() throws Exception {
        Path file = dir.resolve("preferences.json");
        assertThat(Preferences.load(file).theme()).isEqualTo(Theme.LIGHT);
        Files.writeString(file, "{ not json");
        Preferences p = Preferences.load(file);
        assertThat(p.theme()).isEqualTo(Theme.LIGHT);
        assertThat(p.recent()).isEmpty();
    }
}
