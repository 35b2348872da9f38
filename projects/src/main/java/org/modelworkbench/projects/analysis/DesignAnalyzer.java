package org.modelworkbench.projects.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.tensor.TensorBlocks;
import org.modelworkbench.blocks.type.LayoutException;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Infers every tensor shape and cost of a design and locates every problem at its node and port.
 *
 * <p>Incremental: the analyzer listens to the design and keeps each node's result. After an edit
 * that leaves the wiring alone (a parameter change), it evaluates the edited node and then walks
 * downstream in topological order only while output shapes keep changing; everything else, and the
 * totals, are updated rather than recomputed. Adding or removing nodes or edges re-sorts the graph
 * but still re-uses every node whose inputs did not change.
 *
 * <p>Block types are resolved per design ({@link DesignTypes}): a {@code user.<name>} node is the
 * composite of that name in the design's scope, analysed as the sum of its inside. When a
 * definition changes, every {@code user.*} node is evaluated again. The inside of a composite is
 * analysed with its boundary inputs set by {@link #setBoundaryInputs} (the shapes where the block
 * is used), or else with the example shapes of its {@code io.group_input} nodes.
 */
public final class DesignAnalyzer implements AutoCloseable {

    /** A node's type and validated parameters, kept while the node record is unchanged. */
    private record Resolved(Node node, BlockType type, ParamValues params, List<Problem> problems,
                            List<String> inPorts, List<String> outPorts, boolean automatic) {
        /** automatic: a parameter is "auto", so the analysis records what it resolved to. */
        Resolved(Node node, BlockType type, ParamValues params, List<Problem> problems, List<String> inPorts,
                 List<String> outPorts) {
            this(node, type, params, problems, inPorts, outPorts,
                    params != null && params.asMap().containsValue(ParamSpec.AUTO));
        }
    }

    private final Design design;
    private final BlockLibrary library;
    private final Consumer<DesignChange> listener = this::onChange;
    private AnalysisOptions options;
    private Map<String, Shape> boundaryInputs = Map.of();
    private Map<String, Layout> boundaryLayouts = Map.of();
    private long compositeStamp = Long.MIN_VALUE;

    private boolean structureDirty = true;
    private final Set<String> dirty = new HashSet<>();
    private List<String> order = List.of();
    private Map<String, Integer> position = Map.of();
    private List<String> cyclic = List.of();
    private List<String> blockedByCycle = List.of();
    private final Map<String, Resolved> resolved = new HashMap<>();
    private final Map<String, NodeAnalysis> results = new HashMap<>();
    private DesignAnalysis last;
    private long analysedRevision = -1;
    private int lastEvaluationCount;

    public DesignAnalyzer(Design design, BlockLibrary library, AnalysisOptions options) {
        this.design = design;
        this.library = library;
        this.options = options;
        design.addListener(listener);
    }

    public DesignAnalyzer(Design design) {
        this(design, BlockLibrary.standard(), AnalysisOptions.DEFAULT);
    }

    /** One-off analysis at the design's own input sizes. */
    public static DesignAnalysis analyze(Design design) {
        return analyze(design, AnalysisOptions.DEFAULT);
    }

    public static DesignAnalysis analyze(Design design, AnalysisOptions options) {
        try (DesignAnalyzer a = new DesignAnalyzer(design, BlockLibrary.standard(), options)) {
            return a.analysis();
        }
    }

    /**
     * Analyses the inside of a composite with its boundary inputs ({@code io.group_input} nodes by
     * id) set to these shapes.
     */
    public static DesignAnalysis analyzeInside(Design inside, BlockLibrary library, Map<String, Shape> boundaryInputs) {
        return analyzeInside(inside, library, boundaryInputs, Map.of());
    }

    /** As {@link #analyzeInside(Design, BlockLibrary, Map)}, with the layouts arriving at the boundary inputs. */
    public static DesignAnalysis analyzeInside(Design inside, BlockLibrary library, Map<String, Shape> boundaryInputs,
                                               Map<String, Layout> boundaryLayouts) {
        try (DesignAnalyzer a = new DesignAnalyzer(inside, library, AnalysisOptions.DEFAULT)) {
            a.setBoundaryInputs(boundaryInputs, boundaryLayouts);
            return a.analysis();
        }
    }

    /** The shapes arriving at the boundary inputs of a composite inside, by port name. */
    public synchronized Map<String, Shape> boundaryInputs() {
        return boundaryInputs;
    }

    /**
     * Sets the shapes of the boundary inputs ({@code io.group_input} nodes, by id) of the inside
     * of a composite; ports not named keep their example shape.
     */
    public synchronized void setBoundaryInputs(Map<String, Shape> shapes) {
        setBoundaryInputs(shapes, boundaryLayouts);
    }

    /** Sets the shapes and layouts arriving at the boundary inputs of a composite inside. */
    public synchronized void setBoundaryInputs(Map<String, Shape> shapes, Map<String, Layout> layouts) {
        Map<String, Shape> copy = Map.copyOf(shapes);
        Map<String, Layout> layoutCopy = Map.copyOf(layouts);
        if (!copy.equals(boundaryInputs) || !layoutCopy.equals(boundaryLayouts)) {
            boundaryInputs = copy;
            boundaryLayouts = layoutCopy;
            for (Node n : design.nodes()) {
                if (n.type().equals(BoundaryBlocks.INPUT_ID)) {
                    resolved.remove(n.id());
                    dirty.add(n.id());
                }
            }
            analysedRevision = -1;
        }
    }

    public synchronized AnalysisOptions options() {
        return options;
    }

    public synchronized void setOptions(AnalysisOptions newOptions) {
        if (!newOptions.equals(options)) {
            options = newOptions;
            // Only the input nodes read the options; everything else follows from their new shapes.
            for (Node n : design.nodes()) {
                if (n.type().equals(InputBlocks.IMAGE_ID)) {
                    resolved.remove(n.id());
                    dirty.add(n.id());
                }
            }
            analysedRevision = -1;
        }
    }

    /** The analysis of the design as it is now, recomputing only what changed since the last call. */
    public synchronized DesignAnalysis analysis() {
        lastEvaluationCount = 0;
        long stamp = design.compositesRevision();
        if (stamp != compositeStamp) {
            // A definition changed: every user composite may now have other ports, shapes or costs.
            compositeStamp = stamp;
            for (Node n : design.nodes()) {
                if (CompositeDefinition.nameOf(n.type()).isPresent()) {
                    resolved.remove(n.id());
                    dirty.add(n.id());
                    analysedRevision = -1;
                }
            }
        }
        if (last != null && analysedRevision == design.revision()) {
            return last;
        }
        boolean incremental = !structureDirty && last != null && position.keySet().containsAll(dirty);
        last = incremental ? update() : rebuild();
        dirty.clear();
        analysedRevision = design.revision();
        return last;
    }

    /** How many nodes the last {@link #analysis()} call had to evaluate (the rest were re-used). */
    public synchronized int lastEvaluationCount() {
        return lastEvaluationCount;
    }

    @Override
    public void close() {
        design.removeListener(listener);
    }

    private synchronized void onChange(DesignChange change) {
        if (change instanceof DesignChange.NodeChanged c) {
            // A replaced node keeps its place in the order; an added or removed one changes it.
            if (!results.containsKey(c.nodeId()) || design.node(c.nodeId()).isEmpty()) {
                structureDirty = true;
            }
            resolved.remove(c.nodeId());
            dirty.add(c.nodeId());
        } else if (change instanceof DesignChange.EdgeChanged c) {
            dirty.add(c.edge().to().node());
            structureDirty = true;
        } else if (change instanceof DesignChange.CompositeChanged) {
            // Handled in analysis() through the scope's compositesRevision, which also covers insides.
            analysedRevision = -1;
        } else if (last != null && analysedRevision == design.revision() - 1) {
            // Moves and renames do not change the analysis.
            analysedRevision = design.revision();
            last = new DesignAnalysis(design.revision(), last.order(), last.nodes(), last.problems(), last.totals());
        }
    }

    /** Re-sorts the graph and walks every node, re-using results whose node and inputs are unchanged. */
    private DesignAnalysis rebuild() {
        computeOrder();
        structureDirty = false;
        Map<String, NodeAnalysis> snapshot = new LinkedHashMap<>(order.size() * 2);
        for (String id : order) {
            NodeAnalysis r = analyse(id, dirty.contains(id));
            results.put(id, r);
            snapshot.put(id, r);
        }
        for (String id : cyclic) {
            Resolved res = resolve(design.node(id).orElseThrow());
            List<String> others = cyclic.stream().filter(o -> !o.equals(id)).limit(4).toList();
            Problem p = new Problem(id, null, Problem.Kind.CYCLE, "is part of a cycle"
                    + (others.isEmpty() ? " (it feeds itself)" : " with " + String.join(", ", others)
                    + (cyclic.size() > 5 ? ", …" : "")) + "; a design must be acyclic");
            List<Problem> problems = new ArrayList<>(res.problems());
            problems.add(p);
            NodeAnalysis r = NodeAnalysis.notEvaluated(id, res.inPorts(), res.outPorts(), problems);
            results.put(id, r);
            snapshot.put(id, r);
        }
        for (String id : blockedByCycle) {
            Resolved res = resolve(design.node(id).orElseThrow());
            NodeAnalysis r = NodeAnalysis.notEvaluated(id, res.inPorts(), res.outPorts(), res.problems());
            results.put(id, r);
            snapshot.put(id, r);
        }
        List<String> fullOrder = new ArrayList<>(order);
        fullOrder.addAll(cyclic);
        fullOrder.addAll(blockedByCycle);
        long params = 0;
        long macs = 0;
        long bytes = 0;
        long inference = 0;
        List<Problem> problems = new ArrayList<>();
        for (NodeAnalysis r : snapshot.values()) {
            params += r.params();
            macs += r.macs();
            bytes += r.activationBytes();
            inference += r.inferenceActivationBytes();
            problems.addAll(r.problems());
        }
        return new DesignAnalysis(design.revision(), Collections.unmodifiableList(fullOrder),
                Collections.unmodifiableMap(snapshot), List.copyOf(problems), new Totals(params, macs, bytes, inference));
    }

    /** Same wiring: evaluate the dirty nodes, then downstream only while outputs change. */
    private DesignAnalysis update() {
        PriorityQueue<Integer> queue = new PriorityQueue<>();
        for (String id : dirty) {
            queue.add(position.get(id));
        }
        Map<String, NodeAnalysis> changed = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            int at = queue.poll();
            if (!seen.add(at)) {
                continue;
            }
            String id = order.get(at);
            NodeAnalysis before = results.get(id);
            NodeAnalysis after = analyse(id, dirty.contains(id));
            if (after == before) {
                continue;
            }
            results.put(id, after);
            changed.put(id, after);
            if (before == null || before.evaluated() != after.evaluated() || !before.outputs().equals(after.outputs())
                    || !before.outputLayouts().equals(after.outputLayouts())) {
                for (Edge e : design.outgoing(id)) {
                    Integer next = position.get(e.to().node());
                    if (next != null) {
                        queue.add(next);
                    }
                }
            }
        }
        if (changed.isEmpty()) {
            return new DesignAnalysis(design.revision(), last.order(), last.nodes(), last.problems(), last.totals());
        }
        Totals t = last.totals();
        long params = t.params();
        long macs = t.macs();
        long bytes = t.activationBytes();
        long inference = t.inferenceActivationBytes();
        boolean problemsChanged = false;
        for (Map.Entry<String, NodeAnalysis> e : changed.entrySet()) {
            NodeAnalysis before = last.nodes().get(e.getKey());
            NodeAnalysis after = e.getValue();
            params += after.params() - before.params();
            macs += after.macs() - before.macs();
            bytes += after.activationBytes() - before.activationBytes();
            inference += after.inferenceActivationBytes() - before.inferenceActivationBytes();
            problemsChanged |= !before.problems().isEmpty() || !after.problems().isEmpty();
        }
        Map<String, NodeAnalysis> snapshot = new LinkedHashMap<>(last.nodes());
        snapshot.putAll(changed);
        List<Problem> problems = last.problems();
        if (problemsChanged) {
            List<Problem> all = new ArrayList<>();
            for (NodeAnalysis r : snapshot.values()) {
                all.addAll(r.problems());
            }
            problems = List.copyOf(all);
        }
        return new DesignAnalysis(design.revision(), last.order(), Collections.unmodifiableMap(snapshot), problems,
                new Totals(params, macs, bytes, inference));
    }

    private NodeAnalysis analyse(String id, boolean nodeChanged) {
        Node node = design.node(id).orElseThrow();
        Resolved res = resolve(node);
        List<String> inPorts = res.inPorts();
        List<Problem> problems = null;
        if (!res.problems().isEmpty()) {
            problems = new ArrayList<>(res.problems());
        }
        Map<String, Edge> incoming = design.incoming(id);
        if (res.type() != null && incoming.size() > 0) {
            for (String port : incoming.keySet()) {
                if (!inPorts.contains(port)) {
                    problems = add(problems, new Problem(id, port, Problem.Kind.UNKNOWN_PORT, res.type().displayName()
                            + " has no input '" + port + "' (inputs: " + String.join(", ", inPorts) + ")"));
                }
            }
        }
        List<Shape> inputs = new ArrayList<>(inPorts.size());
        List<Layout> layouts = new ArrayList<>(inPorts.size());
        boolean blocked = false;
        for (String port : inPorts) {
            Edge e = incoming.get(port);
            if (e == null) {
                problems = add(problems, new Problem(id, port, Problem.Kind.UNCONNECTED_INPUT,
                        "input '" + port + "' is not connected"));
                continue;
            }
            NodeAnalysis source = results.get(e.from().node());
            if (source == null || !source.evaluated()) {
                blocked = true;
                continue;
            }
            Shape s = source.output(e.from().port());
            if (s == null) {
                problems = add(problems, new Problem(id, port, Problem.Kind.UNKNOWN_PORT, "is wired to " + e.from()
                        + ", but that block has no output '" + e.from().port() + "' (outputs: "
                        + String.join(", ", source.outputPorts()) + ")"));
                continue;
            }
            inputs.add(s);
            layouts.add(source.outputLayout(e.from().port()));
        }
        if (problems != null || blocked || res.params() == null) {
            NodeAnalysis previous = results.get(id);
            List<Problem> p = problems == null ? List.of() : problems;
            if (!nodeChanged && previous != null && !previous.evaluated() && previous.problems().equals(p)) {
                return previous;
            }
            return NodeAnalysis.notEvaluated(id, inPorts, res.outPorts(), p);
        }
        NodeAnalysis previous = results.get(id);
        if (!nodeChanged && previous != null && previous.evaluated() && previous.inputs().equals(inputs)
                && previous.inputLayouts().equals(layouts)) {
            return previous;
        }
        lastEvaluationCount++;
        // Immutable once, so that the evaluation and the result share them instead of copying each.
        inputs = List.copyOf(inputs);
        layouts = List.copyOf(layouts);
        try {
            Evaluation ev = res.type().evaluate(inputs, layouts, res.params());
            ParamValues bound = res.automatic() ? res.type().bind(res.params(), inputs, layouts) : res.params();
            return new NodeAnalysis(id, true, inPorts, inputs, layouts, res.outPorts(), ev.outputs(), ev.layouts(),
                    bound, ev.params(), ev.macs(), ev.activationBytes(), ev.inferenceActivationBytes(), List.of());
        } catch (LayoutException ex) {
            Problem p = layoutProblem(id, ex, incoming);
            return new NodeAnalysis(id, false, inPorts, inputs, layouts, res.outPorts(), List.of(), List.of(), null,
                    0, 0, 0, 0, List.of(p));
        } catch (ShapeException ex) {
            Problem p = new Problem(id, ex.port(), Problem.Kind.SHAPE_MISMATCH, ex.getMessage());
            return new NodeAnalysis(id, false, inPorts, inputs, res.outPorts(), List.of(), 0, 0, 0, List.of(p));
        } catch (RuntimeException ex) {
            // A rule that fails unexpectedly must not take the whole analysis down with it.
            Problem p = new Problem(id, null, Problem.Kind.SHAPE_MISMATCH, "could not be evaluated: " + ex);
            return NodeAnalysis.notEvaluated(id, inPorts, res.outPorts(), List.of(p));
        }
    }

    /**
     * "expects channels-first N×C×H×W; stem.y is channels-last N×H×W×C": the block's message with
     * the producer named, and the permute that repairs it when there is one.
     */
    private static Problem layoutProblem(String id, LayoutException ex, Map<String, Edge> incoming) {
        Edge e = ex.port() == null ? null : incoming.get(ex.port());
        String message = ex.getMessage();
        Problem.LayoutFix fix = null;
        if (e != null) {
            String suffix = "; the input is " + ex.actual().description();
            if (message.endsWith(suffix)) {
                message = message.substring(0, message.length() - suffix.length()) + "; " + e.from() + " is "
                        + ex.actual().description();
            } else {
                message = message + " (" + e.from() + " is " + ex.actual().description() + ")";
            }
            for (Layout target : ex.accepted()) {
                List<Integer> dims = target == Layout.ANY ? null : TensorBlocks.permutation(ex.actual(), target);
                if (dims != null) {
                    fix = new Problem.LayoutFix(e, ex.actual(), target, dims);
                    break;
                }
            }
        }
        return new Problem(id, ex.port(), Problem.Kind.LAYOUT_MISMATCH, message, fix);
    }

    private static List<Problem> add(List<Problem> list, Problem p) {
        List<Problem> l = list == null ? new ArrayList<>() : list;
        l.add(p);
        return l;
    }

    private Resolved resolve(Node node) {
        Resolved r = resolved.get(node.id());
        if (r != null && r.node() == node) {
            return r;
        }
        BlockType type = DesignTypes.find(library, design, node.type()).orElse(null);
        java.util.Optional<List<String>> cycle = type instanceof UserBlockType u ? u.cycle() : java.util.Optional.empty();
        if (type == null) {
            r = new Resolved(node, null, null, List.of(new Problem(node.id(), null, Problem.Kind.UNKNOWN_BLOCK_TYPE,
                    DesignTypes.unknownMessage(design, node.type()))), List.of(), List.of());
        } else if (cycle.isPresent()) {
            ParamValues none = type.defaults();
            r = new Resolved(node, null, null, List.of(new Problem(node.id(), null, Problem.Kind.UNKNOWN_BLOCK_TYPE,
                    UserBlockType.cycleMessage(cycle.get()))), names(type.inputs(none)), names(type.outputs(none)));
        } else {
            Map<String, Object> raw = node.params();
            Shape boundary = type.id().equals(BoundaryBlocks.INPUT_ID) ? boundaryInputs.get(node.id()) : null;
            if (boundary != null) {
                raw = new LinkedHashMap<>(raw);
                raw.put("shape", BoundaryBlocks.shapeParam(boundary));
                Layout layout = boundaryLayouts.get(node.id());
                if (layout != null) {
                    raw.put("layout", layout.shortName());
                }
            }
            if (options.inputOverride() != null && type.id().equals(InputBlocks.IMAGE_ID)) {
                Shape s = options.inputOverride();
                raw = new LinkedHashMap<>(raw);
                raw.put("batch", s.dim(0));
                raw.put("channels", s.dim(1));
                raw.put("height", s.dim(2));
                raw.put("width", s.dim(3));
            }
            try {
                ParamValues values = type.resolve(raw);
                r = new Resolved(node, type, values, List.of(), names(type.inputs(values)), names(type.outputs(values)));
            } catch (InvalidParameterException e) {
                List<Problem> problems = e.problems().stream()
                        .map(p -> new Problem(node.id(), null, Problem.Kind.INVALID_PARAMETER,
                                "parameter '" + p.param() + "': " + p.message()))
                        .toList();
                ParamValues defaults = type.defaults();
                r = new Resolved(node, type, null, problems, names(type.inputs(defaults)), names(type.outputs(defaults)));
            }
        }
        resolved.put(node.id(), r);
        return r;
    }

    private static List<String> names(List<PortSpec> ports) {
        List<String> names = new ArrayList<>(ports.size());
        for (PortSpec p : ports) {
            names.add(p.name());
        }
        return List.copyOf(names);
    }

    /** Kahn's algorithm over the design; nodes left over lie on cycles or below one. */
    private void computeOrder() {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        for (Node n : design.nodes()) {
            indegree.put(n.id(), 0);
        }
        for (Edge e : design.edges()) {
            indegree.merge(e.to().node(), 1, Integer::sum);
        }
        ArrayDeque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<String> sorted = new ArrayList<>(indegree.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            sorted.add(id);
            for (Edge e : design.outgoing(id)) {
                if (indegree.merge(e.to().node(), -1, Integer::sum) == 0) {
                    ready.add(e.to().node());
                }
            }
        }
        Set<String> done = new HashSet<>(sorted);
        List<String> rest = new ArrayList<>();
        for (String id : indegree.keySet()) {
            if (!done.contains(id)) {
                rest.add(id);
            }
        }
        order = sorted;
        Map<String, Integer> pos = new HashMap<>(sorted.size() * 2);
        for (int i = 0; i < sorted.size(); i++) {
            pos.put(sorted.get(i), i);
        }
        position = pos;
        // Nodes fed by a cycle but not on it are blocked, not wrong: only true members get a problem.
        cyclic = onCycles(rest);
        blockedByCycle = rest.stream().filter(id -> !cyclic.contains(id)).toList();
        results.keySet().retainAll(indegree.keySet());
        resolved.keySet().retainAll(indegree.keySet());
        // A node that was wired differently must be evaluated again even if its inputs look the same.
        for (String id : rest) {
            results.remove(id);
        }
    }

    /** The members of {@code candidates} that can reach themselves. */
    private List<String> onCycles(List<String> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> cand = new HashSet<>(candidates);
        List<String> members = new ArrayList<>();
        for (String start : candidates) {
            ArrayDeque<String> stack = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            stack.push(start);
            boolean found = false;
            while (!stack.isEmpty() && !found) {
                String cur = stack.pop();
                for (Edge e : design.outgoing(cur)) {
                    String next = e.to().node();
                    if (next.equals(start)) {
                        found = true;
                        break;
                    }
                    if (cand.contains(next) && seen.add(next)) {
                        stack.push(next);
                    }
                }
            }
            if (found) {
                members.add(start);
            }
        }
        return members;
    }
}
