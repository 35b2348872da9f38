package org.modelworkbench.app;

import org.modelworkbench.app.cli.WorkbenchCommand;
import picocli.CommandLine;

/** Entry point of the launcher: the command line, and (later) the GUI when started without arguments. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WorkbenchCommand.run(args));
    }
}
