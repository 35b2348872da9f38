package org.modelworkbench.trainer.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.UserBlockType;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Turns a design into a DJL block. The design is analysed first (a design with problems is refused,
 * naming the first one); then every library composite is expanded into the primitive graph the
 * analysis prices (ADR 2), with "auto" values bound for the tensors that reach it, so that the model
 * runs exactly the computation whose costs the analysis reports. Only primitives have kernels
 * ({@link Kernels}).
 */
public final class DesignCompiler {
    private final BlockLibrary library;

    public DesignCompiler(BlockLibrary library) {
        this.library = library;
    }

    public DesignCompiler() {
        this(BlockLibrary.standard());
    }

    /** The design as a DJL block, at {@code input} (N×C×H×W; null: the design's own input size). */
    public CompiledDesign compile(Design design, Shape input) throws DesignCompileException {
        Program program = flatten(design, input);
        return new CompiledDesign(program, new DesignBlock(program));
    }

    /** The design as primitives in topological order, checked by the analysis. */
    public Program flatten(Design design, Shape input) throws DesignCompileException {
        DesignAnalysis analysis;
        try (DesignAnalyzer analyzer = new DesignAnalyzer(design, library, new AnalysisOptions(input))) {
            analysis = analyzer.analysis();
        }
        if (analysis.hasProblems()) {
            int n = analysis.problems().size();
            throw new DesignCompileException("the design cannot be compiled: " + analysis.problems().get(0)
                    + (n > 1 ? " (and " + (n - 1) + " more problem" + (n > 2 ? "s" : "") + ")" : ""));
        }
        Builder b = new Builder();
        List<Integer> inputSlots = new ArrayList<>();
        List<Shape> inputShapes = new ArrayList<>();
        Map<String, Integer> portSlots = b.design("", design, analysis, Map.of(), inputSlots, inputShapes);
        if (inputSlots.isEmpty()) {
            throw new DesignCompileException("the design has no image input: add an Image input block to feed it");
        }
        List<Integer> outSlots = new ArrayList<>();
        List<String> outNames = new ArrayList<>();
        List<Shape> outShapes = new ArrayList<>();
        for (String id : analysis.order()) {
            NodeAnalysis na = analysis.node(id);
            for (int i = 0; i < na.outputPorts().size(); i++) {
                String port = na.outputPorts().get(i);
                boolean read = design.outgoing(id).stream().anyMatch(e -> e.from().port().equals(port));
                if (!read) {
                    outSlots.add(portSlots.get(id + "." + port));
                    outNames.add(id + "." + port);
                    outShapes.add(na.outputs().get(i));
                }
            }
        }
        return new Program(b.shapes.size(), ints(inputSlots), inputShapes, b.ops, ints(outSlots), outNames, outShapes,
                analysis.totals().params());
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Collects ops and slots while composites are expanded depth-first. */
    private final class Builder {
        final List<Shape> shapes = new ArrayList<>();
        final List<Layout> layouts = new ArrayList<>();
        final List<Op> ops = new ArrayList<>();

        /**
         * Adds the nodes of an analysed design (the whole design, or the inside of a user composite whose
         * boundary inputs are the slots {@code boundary}); returns the slot of every "node.port", and of
         * every boundary output as "node.@out".
         */
        Map<String, Integer> design(String prefix, Design design, DesignAnalysis analysis, Map<String, Integer> boundary,
                                    List<Integer> inputSlots, List<Shape> inputShapes) throws DesignCompileException {
            Map<String, Integer> portSlots = new HashMap<>();
            for (String id : analysis.order()) {
                Node node = design.node(id).orElseThrow();
                NodeAnalysis na = analysis.node(id);
                String path = prefix.isEmpty() ? id : prefix + "." + id;
                BlockType type = DesignTypes.find(library, design, node.type()).orElseThrow(
                        () -> new DesignCompileException("unknown block type '" + node.type() + "' at node '" + path + "'"));
                Map<String, Edge> incoming = design.incoming(id);
                int[] ins = new int[na.inputPorts().size()];
                for (int i = 0; i < ins.length; i++) {
                    Edge e = incoming.get(na.inputPorts().get(i));
                    ins[i] = portSlots.get(e.from().node() + "." + e.from().port());
                }
                if (type.id().equals(InputBlocks.IMAGE_ID)) {
                    int slot = slot(na.outputs().get(0), na.outputLayouts().get(0));
                    inputSlots.add(slot);
                    inputShapes.add(na.outputs().get(0));
                    portSlots.put(id + "." + na.outputPorts().get(0), slot);
                    continue;
                }
                if (type.id().equals(BoundaryBlocks.INPUT_ID)) {
                    portSlots.put(id + "." + BoundaryBlocks.INPUT_PORT, boundary.get(id));
                    continue;
                }
                if (type.id().equals(BoundaryBlocks.OUTPUT_ID)) {
                    portSlots.put(id + ".@out", ins[0]);
                    continue;
                }
                ParamValues raw;
                try {
                    raw = type.resolve(node.params());
                } catch (InvalidParameterException e) {
                    throw new DesignCompileException("node '" + path + "': " + e.getMessage(), e);
                }
                int[] outs = node(path, type, raw, ins, na.bound());
                for (int i = 0; i < outs.length; i++) {
                    portSlots.put(id + "." + na.outputPorts().get(i), outs[i]);
                }
            }
            return portSlots;
        }

        /** A user composite: its inside analysed at the tensors that reach it, then added like a design. */
        private int[] user(String path, UserBlockType type, int[] ins) throws DesignCompileException {
            CompositeDefinition def = type.definition();
            Map<String, Shape> shapes = new HashMap<>();
            Map<String, Layout> inLayouts = new HashMap<>();
            Map<String, Integer> boundary = new HashMap<>();
            for (int i = 0; i < ins.length; i++) {
                String port = def.inputs().get(i);
                shapes.put(port, this.shapes.get(ins[i]));
                inLayouts.put(port, layouts.get(ins[i]));
                boundary.put(port, ins[i]);
            }
            DesignAnalysis inside = DesignAnalyzer.analyzeInside(def.inside(), library, shapes, inLayouts);
            if (inside.hasProblems()) {
                throw new DesignCompileException("node '" + path + "': " + inside.problems().get(0));
            }
            Map<String, Integer> slots = design(path, def.inside(), inside, boundary, new ArrayList<>(), new ArrayList<>());
            int[] outs = new int[def.outputs().size()];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = slots.get(def.outputs().get(i) + ".@out");
            }
            return outs;
        }

        int slot(Shape s, Layout l) {
            shapes.add(s);
            layouts.add(l);
            return shapes.size() - 1;
        }

        /** Adds one block instance reading {@code ins}; returns the slots of its outputs in port order. */
        int[] node(String path, BlockType type, ParamValues raw, int[] ins, ParamValues bound)
                throws DesignCompileException {
            List<Shape> inShapes = new ArrayList<>();
            List<Layout> inLayouts = new ArrayList<>();
            for (int s : ins) {
                inShapes.add(shapes.get(s));
                inLayouts.add(layouts.get(s));
            }
            try {
                if (type instanceof CompositeBlockType composite) {
                    return graph(path, composite.expand(inShapes, inLayouts, raw), ins);
                }
                if (type instanceof UserBlockType user) {
                    return user(path, user, ins);
                }
                if (type.isComposite()) {
                    throw new UnsupportedBlockException(type.id(), path);
                }
                Evaluation ev = type.evaluate(inShapes, inLayouts, raw);
                ParamValues values = bound != null ? bound : type.bind(raw, inShapes, inLayouts);
                int[] outs = new int[ev.outputs().size()];
                for (int i = 0; i < outs.length; i++) {
                    outs[i] = slot(ev.outputs().get(i), ev.layouts().get(i));
                }
                ops.add(new Op(path, type, values, ins, outs, inShapes, inLayouts, ev.outputs()));
                return outs;
            } catch (ShapeException e) {
                throw new DesignCompileException("node '" + path + "': " + e.getMessage(), e);
            }
        }

        private int[] graph(String prefix, BlockGraph graph, int[] boundary) throws DesignCompileException {
            Map<BlockGraph.Ref, Integer> refs = new HashMap<>();
            for (int i = 0; i < graph.inputs().size(); i++) {
                refs.put(new BlockGraph.Ref(BlockGraph.Ref.INPUT, graph.inputs().get(i)), boundary[i]);
            }
            for (BlockGraph.Node n : graph.nodes()) {
                List<PortSpec> ports = n.type().inputs(n.params());
                int[] ins = new int[ports.size()];
                for (int i = 0; i < ins.length; i++) {
                    String port = ports.get(i).name();
                    Optional<BlockGraph.Edge> edge = graph.edges().stream()
                            .filter(e -> e.toNode().equals(n.id()) && e.toPort().equals(port)).findFirst();
                    ins[i] = refs.get(edge.orElseThrow().from());
                }
                int[] outs = node(prefix + "." + n.id(), n.type(), n.params(), ins, null);
                List<PortSpec> outPorts = n.type().outputs(n.params());
                for (int i = 0; i < outs.length; i++) {
                    refs.put(new BlockGraph.Ref(n.id(), outPorts.get(i).name()), outs[i]);
                }
            }
            int[] outs = new int[graph.outputs().size()];
            int i = 0;
            for (BlockGraph.Ref r : graph.outputs().values()) {
                outs[i++] = refs.get(r);
            }
            return outs;
        }
    }
}
