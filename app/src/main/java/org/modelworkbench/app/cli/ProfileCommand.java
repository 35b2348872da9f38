package org.modelworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbench profile}: per-node shapes and costs, and totals; with {@code --measure}, the
 * design runs on the PyTorch engine and every node's measured time stands beside its MACs.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Prints every node's output shape, parameters and MACs, and the totals.",
                "With --measure: runs the design on the PyTorch engine (CPU) and prints every node's forward and "
                        + "forward+backward time, its share of the time and of the MACs and its achieved GMAC/s, "
                        + "then throughput and peak memory per batch size (progress on stderr).",
                "MACs count conv, linear and matmul (attention and the selective scan included); FLOPs = 2 × MACs;",
                "activation memory is fp32 bytes of every tensor produced, in training and at inference",
                "(dropout and drop-path produce tensors only in training).",
                "A design with problems prints partial totals, marked as such, and exits with 1."})
final class ProfileCommand implements Callable<Integer> {
    static final String CONVENTION = "MACs count conv, linear and matmul (attention and the selective scan, at (3N+1) "
            + "per token, channel and direction, included); FLOPs = 2 x MACs; activation memory = fp32 bytes of every "
            + "tensor produced (training: every block; inference: without dropout and drop-path)";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE-OR-TEMPLATE", description = "A project file, or a template name (see: workbench templates)")
    String source;

    @Option(names = "--input", paramLabel = "NxCxHxW", description = "Input size for every image input, e.g. 1x3x224x224")
    String input;

    @Option(names = "--json", description = "Print one JSON object with nodes and totals (with --measure: the measured profile)")
    boolean json;

    @Option(names = "--measure", description = "Run the design and measure it (see above)")
    boolean measure;

    @Option(names = "--batch", paramLabel = "B", description = "With --measure: batch size of the per-node table "
            + "(default: N of --input, else " + MeasureCommand.DEFAULT_BATCH + ")")
    Integer batch;

    @Option(names = "--batches", paramLabel = "B1,B2,…", split = ",",
            description = "With --measure: batch sizes of the throughput table (default 1,8,32,128)")
    java.util.List<Integer> batches;

    @Option(names = "--repeats", paramLabel = "N", description = "With --measure: counted runs per figure (default 10)")
    Integer repeats;

    @Option(names = "--warmup", paramLabel = "N", description = "With --measure: uncounted runs before each figure (default 3)")
    Integer warmup;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalysisOptions options;
        try {
            options = new AnalysisOptions(input == null ? null : Shape.parse(input));
        } catch (IllegalArgumentException e) {
            err.println("error: --input: " + TerminalText.safe(e.getMessage()));
            return 2;
        }
        if (!measure && (batch != null || batches != null || repeats != null || warmup != null)) {
            err.println("error: --batch, --batches, --repeats and --warmup need --measure");
            return 2;
        }
        Design design = DesignSource.loadOrSay(source, err);
        if (design == null) {
            return 1;
        }
        if (measure) {
            return new MeasureCommand(out, err).run(design, options.inputOverride(), batch, batches, repeats, warmup, json);
        }
        DesignAnalysis a = DesignAnalyzer.analyze(design, options);
        if (json) {
            out.println(toJson(design, a));
        } else {
            printTable(out, design, a);
        }
        if (a.hasProblems()) {
            for (Problem p : a.problems()) {
                err.println("problem: " + TerminalText.safe(p.toString()));
            }
            return 1;
        }
        return 0;
    }

    private static void printTable(PrintWriter out, Design design, DesignAnalysis a) {
        out.println(TerminalText.safe(design.name())
                + (design.description().isEmpty() ? "" : " — " + TerminalText.safe(design.description())));
        out.println();
        Table t = new Table("node", "type", "output", "layout", "params", "MACs").alignRight(4, 5);
        for (String id : a.order()) {
            NodeAnalysis n = a.node(id);
            Node node = design.node(id).orElseThrow();
            String shape = n.evaluated() ? String.join(", ", n.outputs().stream().map(Shape::toAscii).toList())
                    : n.problems().isEmpty() ? "(not evaluated)" : "(error)";
            String layout = n.evaluated() ? String.join(", ", n.outputLayouts().stream().map(Layout::shortName).toList()) : "";
            t.row(TerminalText.safe(id), TerminalText.safe(node.type()), shape, layout, Numbers.grouped(n.params()),
                    Numbers.grouped(n.macs()));
        }
        out.print(t.render());
        out.println();
        var totals = a.totals();
        if (a.hasProblems()) {
            long evaluated = a.nodes().values().stream().filter(NodeAnalysis::evaluated).count();
            int n = a.problems().size();
            out.println("partial: " + n + " problem" + (n == 1 ? "" : "s") + " — totals cover only the valid part ("
                    + evaluated + " of " + a.nodes().size() + " nodes evaluated); the problems follow on stderr");
        }
        String mark = a.hasProblems() ? " — partial" : "";
        out.println("params      " + Numbers.grouped(totals.params()) + " (" + Numbers.si(totals.params()) + ")" + mark);
        out.println("MACs        " + Numbers.grouped(totals.macs()) + " (" + Numbers.si(totals.macs()) + ")" + mark);
        out.println("FLOPs       " + Numbers.grouped(totals.flops()) + " (" + Numbers.si(totals.flops()) + ")" + mark);
        out.println("activations " + Numbers.bytes(totals.activationBytes()) + " (" + Numbers.grouped(totals.activationBytes())
                + " bytes) in training" + mark);
        out.println("            " + Numbers.bytes(totals.inferenceActivationBytes()) + " ("
                + Numbers.grouped(totals.inferenceActivationBytes()) + " bytes) at inference (no dropout or drop-path "
                + "tensors)" + mark);
        out.println();
        out.println("Convention: " + CONVENTION + ".");
    }

    static String toJson(Design design, DesignAnalysis a) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("design", design.name());
        root.put("convention", CONVENTION);
        root.put("partial", a.hasProblems());
        ArrayNode nodes = root.putArray("nodes");
        for (String id : a.order()) {
            NodeAnalysis n = a.node(id);
            ObjectNode o = nodes.addObject();
            o.put("id", id);
            o.put("type", design.node(id).orElseThrow().type());
            ArrayNode outs = o.putArray("outputs");
            n.outputs().forEach(s -> outs.add(s.toAscii()));
            // "outputs" keeps its format-1 strings for existing scripts; "tensors" adds each output's layout.
            ArrayNode tensors = o.putArray("tensors");
            for (int i = 0; i < n.outputs().size(); i++) {
                ObjectNode t = tensors.addObject();
                t.put("port", n.outputPorts().get(i));
                ArrayNode dims = t.putArray("shape");
                for (int d : n.outputs().get(i).dims()) {
                    dims.add(d);
                }
                t.put("layout", n.outputLayouts().get(i).shortName());
            }
            o.put("params", n.params());
            o.put("macs", n.macs());
            o.put("flops", n.flops());
            o.put("activationBytes", n.activationBytes());
            o.put("inferenceActivationBytes", n.inferenceActivationBytes());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("params", a.totals().params());
        totals.put("macs", a.totals().macs());
        totals.put("flops", a.totals().flops());
        totals.put("activationBytes", a.totals().activationBytes());
        totals.put("inferenceActivationBytes", a.totals().inferenceActivationBytes());
        ArrayNode problems = root.putArray("problems");
        for (Problem p : a.problems()) {
            ObjectNode o = problems.addObject();
            o.put("node", p.nodeId());
            if (p.port() != null) {
                o.put("port", p.port());
            }
            o.put("kind", p.kind().name());
            o.put("message", p.message());
            if (p.fix() != null) {
                o.put("fix", p.fix().description());
            }
        }
        return m.writeValueAsString(root);
    }
}
