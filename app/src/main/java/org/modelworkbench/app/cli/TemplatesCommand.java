package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench templates}: the shipped templates. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Lists the shipped templates with their input size, parameters and MACs.")
final class TemplatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--names", description = "Print only the template names, one per line")
    boolean namesOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (namesOnly) {
            Templates.list().forEach(t -> out.println(t.id()));
            return 0;
        }
        Table table = new Table("template", "name", "input", "params", "MACs").alignRight(3, 4);
        for (TemplateInfo t : Templates.list()) {
            Design d = Templates.load(t.id());
            DesignAnalysis a = DesignAnalyzer.analyze(d);
            String input = a.order().isEmpty() ? "" : a.node(a.order().get(0)).outputs().stream()
                    .map(Shape::toAscii).findFirst().orElse("");
            table.row(t.id(), t.name(), input, Numbers.grouped(a.totals().params()), Numbers.si(a.totals().macs()));
        }
        out.print(table.render());
        out.println();
        out.println("Profile one with: workbench profile <template> [--input 1x3x224x224]");
        return 0;
    }
}
