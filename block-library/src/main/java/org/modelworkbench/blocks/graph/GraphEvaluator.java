package org.modelworkbench.blocks.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.modelworkbench.blocks.graph.BlockGraph.Edge;
import org.modelworkbench.blocks.graph.BlockGraph.Node;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.LayoutException;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

/** Evaluates a composite's inside for given boundary input shapes: costs are the sum of the inside. */
public final class GraphEvaluator {
    private GraphEvaluator() {
    }

    public static GraphEvaluation evaluate(BlockGraph graph, List<Shape> inputShapes) throws ShapeException {
        return evaluate(graph, inputShapes, null);
    }

    /**
     * With {@code inputLayouts} (one per boundary input) every inner node's layouts are checked too;
     * null evaluates shapes only.
     */
    public static GraphEvaluation evaluate(BlockGraph graph, List<Shape> inputShapes, List<Layout> inputLayouts)
            throws ShapeException {
        if (inputShapes.size() != graph.inputs().size()) {
            throw new ShapeException(null, "expects " + graph.inputs().size() + " inputs, got " + inputShapes.size());
        }
        boolean checked = inputLayouts != null;
        Map<String, Shape> boundary = new HashMap<>();
        Map<String, Layout> boundaryLayouts = new HashMap<>();
        for (int i = 0; i < inputShapes.size(); i++) {
            boundary.put(graph.inputs().get(i), inputShapes.get(i));
            boundaryLayouts.put(graph.inputs().get(i), checked ? inputLayouts.get(i) : Layout.ANY);
        }
        Map<String, List<Edge>> incoming = new HashMap<>();
        for (Edge e : graph.edges()) {
            incoming.computeIfAbsent(e.toNode(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Evaluation> results = new LinkedHashMap<>();
        Map<String, List<PortSpec>> outPorts = new HashMap<>();
        long params = 0;
        long macs = 0;
        long bytes = 0;
        long inferenceBytes = 0;
        for (Node node : graph.nodes()) {
            List<PortSpec> ports = node.type().inputs(node.params());
            List<Shape> shapes = new ArrayList<>(ports.size());
            List<Layout> layouts = checked ? new ArrayList<>(ports.size()) : null;
            List<Edge> in = incoming.getOrDefault(node.id(), List.of());
            for (PortSpec port : ports) {
                Edge edge = in.stream().filter(e -> e.toPort().equals(port.name())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("unwired inner port " + node.id() + "." + port.name()));
                shapes.add(shapeOf(edge.from(), boundary, results, outPorts));
                if (checked) {
                    layouts.add(layoutOf(edge.from(), boundaryLayouts, results, outPorts));
                }
            }
            Evaluation ev;
            try {
                ev = node.type().evaluate(shapes, layouts, node.params());
            } catch (ShapeException e) {
                throw relocate(e, node, in);
            }
            results.put(node.id(), ev);
            outPorts.put(node.id(), node.type().outputs(node.params()));
            params += ev.params();
            macs += ev.macs();
            bytes += ev.activationBytes();
            inferenceBytes += ev.inferenceActivationBytes();
        }
        List<Shape> outputs = new ArrayList<>();
        List<Layout> outLayouts = new ArrayList<>();
        for (Ref r : graph.outputs().values()) {
            outputs.add(shapeOf(r, boundary, results, outPorts));
            outLayouts.add(layoutOf(r, boundaryLayouts, results, outPorts));
        }
        return new GraphEvaluation(results, outputs, outLayouts, params, macs, bytes, inferenceBytes);
    }

    private static Layout layoutOf(Ref ref, Map<String, Layout> boundary, Map<String, Evaluation> results,
                                   Map<String, List<PortSpec>> outPorts) {
        return outputOf(ref, boundary, results, outPorts, Evaluation::layouts);
    }

    private static Shape shapeOf(Ref ref, Map<String, Shape> boundary, Map<String, Evaluation> results,
                                 Map<String, List<PortSpec>> outPorts) {
        return outputOf(ref, boundary, results, outPorts, Evaluation::outputs);
    }

    /** What {@code ref} carries: the boundary's value for a graph input, else the named output's entry of {@code perOutput}. */
    private static <T> T outputOf(Ref ref, Map<String, T> boundary, Map<String, Evaluation> results,
                                  Map<String, List<PortSpec>> outPorts,
                                  Function<Evaluation, List<? extends T>> perOutput) {
        if (ref.isGraphInput()) {
            return boundary.get(ref.port());
        }
        List<PortSpec> ports = outPorts.get(ref.node());
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).name().equals(ref.port())) {
                return perOutput.apply(results.get(ref.node())).get(i);
            }
        }
        throw new IllegalStateException("no output " + ref);
    }

    /**
     * An inner error is reported on the composite: at its own input port when the failing inner port
     * is fed straight from that boundary input, otherwise on the block, naming the inner node.
     */
    private static ShapeException relocate(ShapeException e, Node node, List<Edge> in) {
        String outerPort = null;
        if (e.port() != null) {
            for (Edge edge : in) {
                if (edge.toPort().equals(e.port()) && edge.from().isGraphInput()) {
                    outerPort = edge.from().port();
                }
            }
        }
        String message = "in " + node.id() + " (" + node.type().displayName() + "): " + e.getMessage();
        if (e instanceof LayoutException l) {
            return l.relocated(outerPort, message);
        }
        return new ShapeException(outerPort, message);
    }
}
