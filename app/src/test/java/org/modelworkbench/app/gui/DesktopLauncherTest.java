package org.modelworkbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DesktopLauncherTest {

    static Properties os(String name) {
        Properties p = new Properties();
        p.setProperty("os.name", name);
        return p;
    }

    @Test
    void linux_needs_an_x11_or_wayland_display_or_the_headless_toolkit() {
        assertThat(DesktopLauncher.displayAvailable(Map.of(), os("Linux"))).isFalse();
        assertThat(DesktopLauncher.displayAvailable(Map.of("DISPLAY", ""), os("Linux"))).isFalse();
        assertThat(DesktopLauncher.displayAvailable(Map.of("DISPLAY", ":0"), os("Linux"))).isTrue();
        assertThat(DesktopLauncher.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0"), os("Linux"))).isTrue();
        Properties monocle = os("Linux");
        monocle.setProperty("glass.platform", "Monocle");
        assertThat(DesktopLauncher.displayAvailable(Map.of(), monocle)).isTrue();
    }

    @Test
    void windows_and_macos_always_have_a_display() {
        assertThat(DesktopLauncher.displayAvailable(Map.of(), os("Windows 11"))).isTrue();
        assertThat(DesktopLauncher.displayAvailable(Map.of(), os("Mac OS X"))).isTrue();
    }

    @Test
    void without_a_display_it_says_so_in_one_line_points_at_the_command_line_and_exits_1() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> launched = new ArrayList<>();

        int code = DesktopLauncher.start(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), os("Linux"),
                () -> launched.add("launched"));

        assertThat(code).isEqualTo(1);
        assertThat(launched).isEmpty();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).contains("needs a display").contains("./workbench --help").doesNotContain("Exception");
    }

    @Test
    void a_toolkit_that_fails_to_start_is_reported_in_one_line_without_a_stack_trace() {
        StringWriter err = new StringWriter();

        int code = DesktopLauncher.start(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("DISPLAY", ":99"), os("Linux"), () -> {
                    throw new UnsupportedOperationException("Unable to open DISPLAY");
                });

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).contains("could not start (Unable to open DISPLAY)").contains("./workbench --help");
    }

    @Test
    void a_missing_gtk_library_is_named_with_the_package_that_brings_it() {
        StringWriter err = new StringWriter();

        int code = DesktopLauncher.start(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("DISPLAY", ":99"), os("Linux"), () -> {
                    throw new UnsupportedOperationException("Unable to load glass GTK library.");
                });

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).contains("Unable to load glass GTK library").contains("apt-get install libgtk-3-0");
    }

    @Test
    void with_a_display_it_launches_and_returns_0_when_the_window_closes() {
        List<String> launched = new ArrayList<>();

        int code = DesktopLauncher.start(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
                Map.of("DISPLAY", ":0"), os("Linux"), () -> launched.add("launched"));

        assertThat(code).isZero();
        assertThat(launched).containsExactly("launched");
    }
}
