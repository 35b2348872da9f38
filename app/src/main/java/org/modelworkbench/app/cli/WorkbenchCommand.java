package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import org.modelworkbench.app.bench.EditorFigures;
import org.modelworkbench.projects.templates.TemplateInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code workbench}: the root command. Without a subcommand it starts the graphical editor (or, with
 * no display, says so in one line and exits 1).
 *
 * <p>The command line depends on neither the GUI nor JavaFX (LayeringTest checks it). What it needs
 * from the graphical side, starting the editor and measuring it ({@code bench editor}), comes in
 * through two narrow interfaces, {@link GuiStarter} and {@link EditorMeasurement}, which
 * {@code org.modelworkbench.app.Main} fills in.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "Model Workbench 0.1.0",
        description = {"Design, profile and train vision networks.",
                "Costs: MACs count conv, linear and matmul (attention and the selective scan included); FLOPs = 2 × MACs."},
        subcommands = {ProfileCommand.class, ValidateCommand.class, TemplatesCommand.class, BlocksCommand.class,
                TrainCommand.class, VisualizeCommand.class, ExportCommand.class, ImportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class WorkbenchCommand implements java.util.concurrent.Callable<Integer> {
    /** The template the command line suggests first (e.g. in examples). */
    public static final String DEFAULT_TEMPLATE = "resnet-fmnist";

    /** What runs when no subcommand is given: the desktop app, until its window closes. */
    @FunctionalInterface
    public interface GuiStarter {
        /** Returns the exit code. */
        int start(PrintWriter out, PrintWriter err);
    }

    /** What {@code bench editor} runs: the editor benchmark, which needs the FX toolkit. */
    @FunctionalInterface
    public interface EditorMeasurement {
        EditorFigures measure(int nodes, int frames, TemplateInfo template);
    }

    /** For a run without the graphical side (tests, a CLI-only embedding): says so and exits 1. */
    static final GuiStarter NO_GUI = (out, err) -> {
        err.println("error: this run of the command line has no graphical editor");
        return 1;
    };

    /** For a run without the graphical side: {@code bench editor} fails with a clear message. */
    static final EditorMeasurement NO_EDITOR_MEASUREMENT = (nodes, frames, template) -> {
        throw new IllegalStateException("this run of the command line cannot measure the editor");
    };

    @Spec
    CommandSpec spec;

    private final GuiStarter gui;
    private final EditorMeasurement editorMeasurement;

    public WorkbenchCommand(GuiStarter gui, EditorMeasurement editorMeasurement) {
        this.gui = gui;
        this.editorMeasurement = editorMeasurement;
    }

    EditorMeasurement editorMeasurement() {
        return editorMeasurement;
    }

    @Override
    public Integer call() {
        return gui.start(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The launcher's entry: standard output and error in UTF-8, the graphical side as given. */
    public static int run(GuiStarter gui, EditorMeasurement editorMeasurement, String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, gui, editorMeasurement, args);
    }

    /** The command line without its graphical side. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, NO_GUI, NO_EDITOR_MEASUREMENT, args);
    }

    /** Runs the command line; {@code gui} is what a run without a subcommand starts. */
    public static int run(PrintWriter out, PrintWriter err, GuiStarter gui, String... args) {
        return run(out, err, gui, NO_EDITOR_MEASUREMENT, args);
    }

    /** Runs the command line with both seams to the graphical side given. */
    public static int run(PrintWriter out, PrintWriter err, GuiStarter gui, EditorMeasurement editorMeasurement,
            String... args) {
        CommandLine cl = new CommandLine(new WorkbenchCommand(gui, editorMeasurement));
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
