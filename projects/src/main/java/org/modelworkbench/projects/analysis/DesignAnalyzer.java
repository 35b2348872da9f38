package org.modelworkbench.projects.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Infers every tensor shape and cost of a design and locates every problem at its node and port.
 *
 * <p>Incremental: the analyzer listens to the design and keeps each node's result with the node
 * version and input shapes it was computed from. After an edit, only the edited node and the nodes
 * downstream whose input shapes actually changed are evaluated again; the walk over the
 * topological order re-uses everything else.
 */
public final class DesignAnalyzer implements AutoCloseable {

    private record Resolved(Node node, BlockType type, ParamValues params, List<Problem> problems) {
    }

    private final Design design;
    private final BlockLibrary library;
    private final Consumer<DesignChange> listener = this::onChange;
    private AnalysisOptions options;

    private boolean structureDirty = true;
    private List<String> order = List.of();
    private List<String> cyclic = List.of();
    private List<String> blockedByCycle = List.of();
    private Set<String> ordered = Set.of();
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

    public synchronized void setOptions(AnalysisOptions newOptions) {
        if (!newOptions.equals(options)) {
            options = newOptions;
            // Only the input nodes read the options; everything else follows from their new shapes.
            resolved.values().removeIf(r -> r.type() != null && r.type().id().equals(InputBlocks.IMAGE_ID));
            analysedRevision = -1;
        }
    }

    /** The analysis of the design as it is now, recomputing only what changed since the last call. */
    public synchronized DesignAnalysis analysis() {
        if (last != null && analysedRevision == design.revision()) {
            return last;
        }
        if (structureDirty) {
            computeOrder();
            structureDirty = false;
        }
        lastEvaluationCount = 0;
        Map<String, NodeAnalysis> snapshot = new LinkedHashMap<>(order.size() * 2);
        List<Problem> problems = new ArrayList<>();
        long params = 0;
        long macs = 0;
        long bytes = 0;
        for (String id : order) {
            NodeAnalysis r = analyse(id);
            results.put(id, r);
            snapshot.put(id, r);
            problems.addAll(r.problems());
            params += r.params();
            macs += r.macs();
            bytes += r.activationBytes();
        }
        for (String id : cyclic) {
            Resolved res = resolve(design.node(id).orElseThrow());
            List<String> others = cyclic.stream().filter(o -> !o.equals(id)).limit(4).toList();
            Problem p = new Problem(id, null, Problem.Kind.CYCLE, "is part of a cycle"
                    + (others.isEmpty() ? " (it feeds itself)" : " with " + String.join(", ", others)
                    + (cyclic.size() > 5 ? ", …" : "")) + "; a design must be acyclic");
            NodeAnalysis r = NodeAnalysis.notEvaluated(id, portNames(res, true), portNames(res, false), List.of(p));
            results.put(id, r);
            snapshot.put(id, r);
            problems.add(p);
        }
        for (String id : blockedByCycle) {
            Resolved res = resolve(design.node(id).orElseThrow());
            NodeAnalysis r = NodeAnalysis.notEvaluated(id, portNames(res, true), portNames(res, false), res.problems());
            results.put(id, r);
            snapshot.put(id, r);
            problems.addAll(r.problems());
        }
        List<String> fullOrder = new ArrayList<>(order);
        fullOrder.addAll(cyclic);
        fullOrder.addAll(blockedByCycle);
        last = new DesignAnalysis(design.revision(), Collections.unmodifiableList(fullOrder),
                Collections.unmodifiableMap(snapshot), List.copyOf(problems), new Totals(params, macs, bytes));
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
            if (!ordered.contains(c.nodeId()) || design.node(c.nodeId()).isEmpty()) {
                structureDirty = true;
            }
            resolved.remove(c.nodeId());
            results.remove(c.nodeId());
        } else if (change instanceof DesignChange.EdgeChanged c) {
            results.remove(c.edge().to().node());
            structureDirty = true;
        } else if (last != null && analysedRevision == design.revision() - 1) {
            // Moves and renames do not change the analysis.
            analysedRevision = design.revision();
            last = new DesignAnalysis(design.revision(), last.order(), last.nodes(), last.problems(), last.totals());
        }
    }

    private NodeAnalysis analyse(String id) {
        Node node = design.node(id).orElseThrow();
        Resolved res = resolve(node);
        List<String> inPorts = portNames(res, true);
        List<String> outPorts = portNames(res, false);
        List<Problem> problems = new ArrayList<>(res.problems());
        Map<String, Edge> incoming = design.incoming(id);
        for (String port : incoming.keySet()) {
            if (res.type() != null && !inPorts.contains(port)) {
                problems.add(new Problem(id, port, Problem.Kind.UNKNOWN_PORT, res.type().displayName()
                        + " has no input '" + port + "' (inputs: " + String.join(", ", inPorts) + ")"));
            }
        }
        List<Shape> inputs = new ArrayList<>(inPorts.size());
        boolean blocked = false;
        for (String port : inPorts) {
            Edge e = incoming.get(port);
            if (e == null) {
                problems.add(new Problem(id, port, Problem.Kind.UNCONNECTED_INPUT, "input '" + port + "' is not connected"));
                continue;
            }
            NodeAnalysis source = results.get(e.from().node());
            if (source == null || !source.evaluated()) {
                blocked = true;
                continue;
            }
            Shape s = source.output(e.from().port());
            if (s == null) {
                problems.add(new Problem(id, port, Problem.Kind.UNKNOWN_PORT, "is wired to " + e.from()
                        + ", but that block has no output '" + e.from().port() + "' (outputs: "
                        + String.join(", ", source.outputPorts()) + ")"));
                continue;
            }
            inputs.add(s);
        }
        if (!problems.isEmpty() || blocked || res.params() == null) {
            return NodeAnalysis.notEvaluated(id, inPorts, outPorts, problems);
        }
        NodeAnalysis previous = results.get(id);
        if (previous != null && previous.evaluated() && previous.inputs().equals(inputs)) {
            return previous;
        }
        lastEvaluationCount++;
        try {
            Evaluation ev = res.type().evaluate(inputs, res.params());
            return new NodeAnalysis(id, true, inPorts, inputs, outPorts, ev.outputs(), ev.params(), ev.macs(),
                    ev.activationBytes(), List.of());
        } catch (ShapeException ex) {
            Problem p = new Problem(id, ex.port(), Problem.Kind.SHAPE_MISMATCH, ex.getMessage());
            return new NodeAnalysis(id, false, inPorts, inputs, outPorts, List.of(), 0, 0, 0, List.of(p));
        } catch (RuntimeException ex) {
            // A rule that fails unexpectedly must not take the whole analysis down with it.
            Problem p = new Problem(id, null, Problem.Kind.SHAPE_MISMATCH, "could not be evaluated: " + ex);
            return NodeAnalysis.notEvaluated(id, inPorts, outPorts, List.of(p));
        }
    }

    private Resolved resolve(Node node) {
        Resolved r = resolved.get(node.id());
        if (r != null && r.node() == node) {
            return r;
        }
        BlockType type = library.find(node.type()).orElse(null);
        if (type == null) {
            r = new Resolved(node, null, null, List.of(new Problem(node.id(), null, Problem.Kind.UNKNOWN_BLOCK_TYPE,
                    "unknown block type '" + node.type() + "'")));
        } else {
            Map<String, Object> raw = node.params();
            if (options.inputOverride() != null && type.id().equals(InputBlocks.IMAGE_ID)) {
                Shape s = options.inputOverride();
                raw = new LinkedHashMap<>(raw);
                raw.put("batch", s.dim(0));
                raw.put("channels", s.dim(1));
                raw.put("height", s.dim(2));
                raw.put("width", s.dim(3));
            }
            try {
                r = new Resolved(node, type, type.resolve(raw), List.of());
            } catch (InvalidParameterException e) {
                List<Problem> problems = e.problems().stream()
                        .map(p -> new Problem(node.id(), null, Problem.Kind.INVALID_PARAMETER,
                                "parameter '" + p.param() + "': " + p.message()))
                        .toList();
                r = new Resolved(node, type, null, problems);
            }
        }
        resolved.put(node.id(), r);
        return r;
    }

    private static List<String> portNames(Resolved r, boolean inputs) {
        if (r.type() == null) {
            return List.of();
        }
        ParamValues v = r.params() != null ? r.params() : r.type().defaults();
        List<PortSpec> ports = inputs ? r.type().inputs(v) : r.type().outputs(v);
        return ports.stream().map(PortSpec::name).toList();
    }

    /** Kahn's algorithm over the design; nodes left over lie on cycles. */
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
        // Nodes fed by a cycle but not on it are blocked, not wrong: only true members get a problem.
        order = sorted;
        cyclic = onCycles(rest);
        blockedByCycle = rest.stream().filter(id -> !cyclic.contains(id)).toList();
        ordered = new HashSet<>(indegree.keySet());
        results.keySet().retainAll(indegree.keySet());
        resolved.keySet().retainAll(indegree.keySet());
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
