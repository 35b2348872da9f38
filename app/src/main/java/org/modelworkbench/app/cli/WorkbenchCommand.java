package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench}: the root command. Without a subcommand it profiles the default template. */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "Model Workbench 0.1.0",
        description = {"Design, profile, train and inspect vision networks.",
                "Costs: MACs count conv, linear and matmul (attention and the selective scan included); FLOPs = 2 × MACs."},
        subcommands = {ProfileCommand.class, ValidateCommand.class, TemplatesCommand.class, BlocksCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class WorkbenchCommand implements java.util.concurrent.Callable<Integer> {
    /** The template shown when the launcher starts without arguments. */
    public static final String DEFAULT_TEMPLATE = "resnet-fmnist";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Model Workbench 0.1.0 — the graphical editor is not in this build yet; this is the profile of the");
        out.println("default template. Try: workbench templates | workbench profile <file-or-template> | workbench --help");
        out.println();
        return new CommandLine(new ProfileCommand()).setOut(out).setErr(spec.commandLine().getErr())
                .execute(DEFAULT_TEMPLATE);
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new WorkbenchCommand());
        cl.setOut(out);
        cl.setErr(err);
        // Bad input is reported as one clear line, never as a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
