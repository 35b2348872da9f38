package org.modelworkbench.projects.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.LayoutException;
import java.util.Arrays;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Paper;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * The block type of a {@code user.<name>} node: made from its {@link CompositeDefinition}. Its
 * ports are the boundary port names; evaluating it analyses the inside with the boundary inputs
 * set to the given shapes, so its costs are the sum of its inside (used twice, it counts twice).
 * The first problem inside becomes a {@link ShapeException} naming the inner node, placed on the
 * outer input port when the failing inner port is fed straight from a boundary input.
 *
 * <p>User composites have no parameters and are in no library category: the palette lists them
 * under {@link #PALETTE_GROUP}; {@link #category()} answers {@link Category#TENSOR} only because
 * every block type must name one.
 */
public final class UserBlockType implements BlockType {
    /** Where the palette lists user composites. */
    public static final String PALETTE_GROUP = "My blocks";

    private record Outcome(Evaluation evaluation, ShapeException error) {
    }

    /** Evaluations of one definition, valid while neither it nor any other definition changes. */
    private static final class Cache {
        long stamp = Long.MIN_VALUE;
        long revision = Long.MIN_VALUE;
        BlockLibrary library;
        final Map<List<Object>, Outcome> outcomes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, Outcome> eldest) {
                return size() > 64;
            }
        };
    }

    private static final Map<Design, Cache> CACHES = Collections.synchronizedMap(new WeakHashMap<>());

    private final CompositeDefinition definition;
    private final BlockLibrary library;

    public UserBlockType(CompositeDefinition definition, BlockLibrary library) {
        this.definition = definition;
        this.library = library;
    }

    public CompositeDefinition definition() {
        return definition;
    }

    @Override
    public String id() {
        return definition.typeId();
    }

    @Override
    public String displayName() {
        return definition.name();
    }

    @Override
    public Category category() {
        return Category.TENSOR;
    }

    @Override
    public String description() {
        Design inside = definition.inside();
        List<String> types = new ArrayList<>();
        for (Node n : inside.nodes()) {
            if (!BoundaryBlocks.isBoundary(n.type()) && !types.contains(n.type()) && types.size() < 6) {
                types.add(n.type());
            }
        }
        int blocks = (int) inside.nodes().stream().filter(n -> !BoundaryBlocks.isBoundary(n.type())).count();
        return "A composite block of this design, made by grouping: " + blocks + " block" + (blocks == 1 ? "" : "s")
                + " inside" + (types.isEmpty() ? "" : " (" + String.join(", ", types) + ")") + ". Inputs: "
                + String.join(", ", definition.inputs()) + "; outputs: " + String.join(", ", definition.outputs())
                + ". Its shapes and costs are those of its inside; open it to edit the inside."
                + (inside.description().isBlank() ? "" : " " + inside.description());
    }

    @Override
    public Paper paper() {
        return Paper.NONE;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public List<String> keyParams() {
        return List.of();
    }

    @Override
    public List<PortSpec> inputs(ParamValues values) {
        return definition.inputs().stream().map(n -> new PortSpec(n, "any")).toList();
    }

    @Override
    public List<PortSpec> outputs(ParamValues values) {
        return definition.outputs().stream().map(n -> new PortSpec(n, "any")).toList();
    }

    @Override
    public boolean isComposite() {
        return true;
    }

    /** The cycle through this definition ({@code [A, B, A]}), if it contains itself. */
    public Optional<List<String>> cycle() {
        return definition.inside().compositeScope().compositeCycle(definition.name());
    }

    /** "composite block 'A' contains itself (A → B → A) …" */
    public static String cycleMessage(List<String> cycle) {
        return "composite block '" + cycle.get(0) + "' contains itself (" + String.join(" → ", cycle)
                + "); a composite block may not contain itself, directly or through another one";
    }

    @Override
    public Evaluation evaluate(List<Shape> inputs, List<Layout> layouts, ParamValues values) throws ShapeException {
        List<String> ports = definition.inputs();
        if (inputs.size() != ports.size()) {
            throw new ShapeException(null, "expects " + ports.size() + " inputs, got " + inputs.size());
        }
        Optional<List<String>> cycle = cycle();
        if (cycle.isPresent()) {
            throw new ShapeException(null, cycleMessage(cycle.get()));
        }
        Design inside = definition.inside();
        List<Object> key = Arrays.asList(List.copyOf(inputs), layouts == null ? null : List.copyOf(layouts));
        Cache cache;
        synchronized (CACHES) {
            cache = CACHES.computeIfAbsent(inside, k -> new Cache());
        }
        Outcome outcome;
        synchronized (cache) {
            long stamp = inside.compositesRevision();
            if (cache.stamp != stamp || cache.revision != inside.revision() || cache.library != library) {
                cache.outcomes.clear();
                cache.stamp = stamp;
                cache.revision = inside.revision();
                cache.library = library;
            }
            outcome = cache.outcomes.get(key);
            if (outcome == null) {
                outcome = compute(ports, inputs, layouts);
                cache.outcomes.put(key, outcome);
            }
        }
        if (outcome.error() instanceof LayoutException l) {
            throw l.relocated(l.port(), l.getMessage());
        }
        if (outcome.error() != null) {
            throw new ShapeException(outcome.error().port(), outcome.error().getMessage());
        }
        return outcome.evaluation();
    }

    private Outcome compute(List<String> ports, List<Shape> inputs, List<Layout> layouts) {
        Map<String, Shape> boundary = new HashMap<>();
        Map<String, Layout> boundaryLayouts = new HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            boundary.put(ports.get(i), inputs.get(i));
            if (layouts != null) {
                boundaryLayouts.put(ports.get(i), layouts.get(i));
            }
        }
        Design inside = definition.inside();
        DesignAnalysis a = DesignAnalyzer.analyzeInside(inside, library, boundary, boundaryLayouts);
        if (a.hasProblems()) {
            return new Outcome(null, relocate(a, inside));
        }
        List<Shape> outputs = new ArrayList<>();
        List<Layout> outLayouts = new ArrayList<>();
        for (String out : definition.outputs()) {
            NodeAnalysis r = a.node(out);
            if (r == null || !r.evaluated() || r.inputs().isEmpty()) {
                return new Outcome(null, new ShapeException(null, "boundary output '" + out + "' has no value"));
            }
            outputs.add(r.inputs().get(0));
            outLayouts.add(r.inputLayouts().get(0));
        }
        var t = a.totals();
        return new Outcome(new Evaluation(outputs, layouts == null ? null : outLayouts, t.params(), t.macs(),
                t.activationBytes(), t.inferenceActivationBytes()), null);
    }

    /** The first inner problem, said on the composite: at its input port when fed straight from one. */
    private ShapeException relocate(DesignAnalysis a, Design inside) {
        List<Problem> problems = a.problems();
        Problem p = problems.get(0);
        String outerPort = null;
        if (p.port() != null) {
            Edge e = inside.incoming(p.nodeId()).get(p.port());
            if (e != null && inside.node(e.from().node()).map(n -> n.type().equals(BoundaryBlocks.INPUT_ID))
                    .orElse(false)) {
                outerPort = e.from().node();
            }
        }
        String where;
        Node n = inside.node(p.nodeId()).orElse(null);
        if (n != null && n.type().equals(BoundaryBlocks.OUTPUT_ID)) {
            where = "boundary output '" + n.id() + "'";
        } else if (n != null && n.type().equals(BoundaryBlocks.INPUT_ID)) {
            where = "boundary input '" + n.id() + "'";
        } else {
            String type = n == null ? null : DesignTypes.find(library, inside, n.type()).map(BlockType::displayName)
                    .orElse(n.type());
            where = "in " + p.nodeId() + (type == null ? "" : " (" + type + ")")
                    + (p.port() == null ? "" : ", input '" + p.port() + "'");
        }
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem"
                + (problems.size() > 2 ? "s" : "") + " inside)" : "";
        if (p.kind() == Problem.Kind.LAYOUT_MISMATCH && outerPort != null) {
            // Fed straight from a boundary input: the outside tensor is at fault, said at the outer port.
            NodeAnalysis source = a.node(outerPort);
            Layout actual = source == null || source.outputLayouts().isEmpty() ? Layout.ANY : source.outputLayouts().get(0);
            return new LayoutException(outerPort, where + ": " + p.message() + more, p.message(), actual,
                    p.fix() == null ? List.of() : List.of(p.fix().to()));
        }
        return new ShapeException(outerPort, where + ": " + p.message() + more);
    }

    @Override
    public String toString() {
        return id();
    }
}
