package org.modelworkbench.app.gui;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javafx.application.Application;

/**
 * Starts the graphical editor, or explains in one line why it cannot: on Linux and other X11/Wayland
 * systems the toolkit needs a display (DISPLAY or WAYLAND_DISPLAY), unless the headless Monocle
 * platform was asked for ({@code -Dglass.platform=Monocle}).
 */
public final class DesktopLauncher {
    /** The JVM properties of the headless toolkit (tests and benchmarks on machines without a display). */
    public static final Map<String, String> HEADLESS_PROPERTIES = Map.of(
            "glass.platform", "Monocle",
            "monocle.platform", "Headless",
            "prism.order", "sw",
            "prism.text", "t2k",
            "java.awt.headless", "true",
            "testfx.robot", "glass",
            "testfx.headless", "true",
            "headless.geometry", "1600x1000-32");

    /** Held so that the level set below stays (loggers are only weakly kept). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private DesktopLauncher() {
    }

    /** Runs the app until its window closes; returns the exit code. */
    public static int start(PrintWriter out, PrintWriter err) {
        return start(out, err, System.getenv(), System.getProperties(), () -> Application.launch(WorkbenchApp.class));
    }

    /** {@link #start(PrintWriter, PrintWriter)} with the environment and the launch made explicit (tests). */
    static int start(PrintWriter out, PrintWriter err, Map<String, String> env, Properties properties, Runnable launch) {
        if (!displayAvailable(env, properties)) {
            err.println("workbench: the graphical editor needs a display, and none was found (DISPLAY and "
                    + "WAYLAND_DISPLAY are not set). For the command line, see ./workbench --help");
            err.flush();
            return 1;
        }
        // JavaFX warns that it runs from the class path, which is how this app is packaged on purpose.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            launch.run();
            return 0;
        } catch (RuntimeException | LinkageError e) {
            String why = describe(e);
            err.println("workbench: the graphical editor could not start (" + why + ")." + hint(why)
                    + " For the command line, see ./workbench --help");
            err.flush();
            return 1;
        }
    }

    /** True when the toolkit can open windows: a desktop OS, an X11/Wayland display, or headless Monocle. */
    public static boolean displayAvailable(Map<String, String> env, Properties properties) {
        if ("Monocle".equalsIgnoreCase(properties.getProperty("glass.platform", ""))) {
            return true;
        }
        String os = properties.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    /** Switches this JVM to the headless toolkit; call before the toolkit starts. */
    public static void useHeadlessToolkit() {
        HEADLESS_PROPERTIES.forEach(System::setProperty);
    }

    /** Whether the headless toolkit is needed here (no display and no Monocle asked for). */
    public static boolean needsHeadlessToolkit() {
        return !displayAvailable(System.getenv(), System.getProperties());
    }

    /** What to install when the cause is a missing system library (JavaFX needs GTK 3 on Linux). */
    static String hint(String why) {
        String w = why.toLowerCase(Locale.ROOT);
        if (w.contains("gtk")) {
            return " JavaFX needs the GTK 3 library on Linux (Debian/Ubuntu: apt-get install libgtk-3-0).";
        }
        if (w.contains("libgl") || w.contains("prism")) {
            return " JavaFX needs OpenGL or its software renderer (Debian/Ubuntu: apt-get install libgl1).";
        }
        return "";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
