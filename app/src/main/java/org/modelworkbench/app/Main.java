package org.modelworkbench.app;

import org.modelworkbench.app.cli.WorkbenchCommand;

/**
 * Entry point of the launcher: without arguments the graphical editor, with arguments the command
 * line ({@code workbench --help}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WorkbenchCommand.run(args));
    }
}
