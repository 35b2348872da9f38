package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench validate}: exit 0 for a valid design, 1 with every located error otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a project file: its format, every block and wire, and every tensor shape.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A project file (or a template name)")
    String source;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Design design;
        try {
            design = DesignSource.load(source);
        } catch (ProjectFileException e) {
            err.println("invalid: " + TerminalText.safe(e.getMessage()));
            return 1;
        }
        DesignAnalysis a = DesignAnalyzer.analyze(design);
        if (a.hasProblems()) {
            err.println("invalid: " + TerminalText.safe(source) + ": " + a.problems().size() + " problem" + (a.problems().size() == 1 ? "" : "s") + ":");
            for (Problem p : a.problems()) {
                err.println("  " + TerminalText.safe(p.toString()));
            }
            return 1;
        }
        out.println("valid: " + TerminalText.safe(source) + " — \"" + TerminalText.safe(design.name()) + "\", " + design.size() + " nodes, "
                + design.edges().size() + " edges, " + Numbers.grouped(a.totals().params()) + " params, "
                + Numbers.si(a.totals().macs()) + " MACs");
        return 0;
    }
}
