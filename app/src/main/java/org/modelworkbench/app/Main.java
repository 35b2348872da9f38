package org.modelworkbench.app;

import org.modelworkbench.app.bench.EditorBenchmark;
import org.modelworkbench.app.cli.WorkbenchCommand;
import org.modelworkbench.app.gui.DesktopLauncher;

/**
 * Entry point of the launcher: without arguments the graphical editor, with arguments the command
 * line ({@code workbench --help}). The one place that wires the command line to the graphical side.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WorkbenchCommand.run(DesktopLauncher::start, EditorBenchmark::measure, args));
    }
}
