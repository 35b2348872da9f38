package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import org.modelworkbench.app.gui.DesktopLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code workbench}: the root command. Without a subcommand it starts the graphical editor (or, with
 * no display, says so in one line and exits 1).
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "Model Workbench 0.1.0",
        description = {"Design, profile, train and inspect vision networks.",
                "Costs: MACs count conv, linear and matmul (attention and the selective scan included); FLOPs = 2 × MACs."},
        subcommands = {ProfileCommand.class, ValidateCommand.class, TemplatesCommand.class, BlocksCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class WorkbenchCommand implements java.util.concurrent.Callable<Integer> {
    /** The template the command line suggests first (e.g. in examples). */
    public static final String DEFAULT_TEMPLATE = "resnet-fmnist";

    /** What runs when no subcommand is given: the desktop app, until its window closes. */
    @FunctionalInterface
    public interface GuiStarter {
        /** Returns the exit code. */
        int start(PrintWriter out, PrintWriter err);
    }

    @Spec
    CommandSpec spec;

    private final GuiStarter gui;

    public WorkbenchCommand() {
        this(DesktopLauncher::start);
    }

    public WorkbenchCommand(GuiStarter gui) {
        this.gui = gui;
    }

    @Override
    public Integer call() {
        return gui.start(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, DesktopLauncher::start, args);
    }

    /** Runs the command line; {@code gui} is what a run without a subcommand starts. */
    public static int run(PrintWriter out, PrintWriter err, GuiStarter gui, String... args) {
        CommandLine cl = new CommandLine(new WorkbenchCommand(gui));
        cl.setOut(out);
        cl.setErr(err);
        // Bad input is reported as one clear line, never as a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("error: " + org.modelworkbench.app.format.TerminalText.safe(
                    ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
