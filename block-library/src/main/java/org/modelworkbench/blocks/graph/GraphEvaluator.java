package org.modelworkbench.blocks.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.graph.BlockGraph.Edge;
import org.modelworkbench.blocks.graph.BlockGraph.Node;
import org.modelworkbench.blocks.graph.BlockGraph.Ref;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

/** Evaluates a composite's inside for given boundary input shapes: costs are the sum of the inside. */
public final class GraphEvaluator {
    private GraphEvaluator() {
    }

    public static GraphEvaluation evaluate(BlockGraph graph, List<Shape> inputShapes) throws ShapeException {
        if (inputShapes.size() != graph.inputs().size()) {
            throw new ShapeException(null, "expects " + graph.inputs().size() + " inputs, got " + inputShapes.size());
        }
        Map<String, Shape> boundary = new HashMap<>();
        for (int i = 0; i < inputShapes.size(); i++) {
            boundary.put(graph.inputs().get(i), inputShapes.get(i));
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
        for (Node node : graph.nodes()) {
            List<PortSpec> ports = node.type().inputs(node.params());
            List<Shape> shapes = new ArrayList<>(ports.size());
            List<Edge> in = incoming.getOrDefault(node.id(), List.of());
            for (PortSpec port : ports) {
                Edge edge = in.stream().filter(e -> e.toPort().equals(port.name())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("unwired inner port " + node.id() + "." + port.name()));
                shapes.add(shapeOf(edge.from(), boundary, results, outPorts));
            }
            Evaluation ev;
            try {
                ev = node.type().evaluate(shapes, node.params());
            } catch (ShapeException e) {
                throw relocate(e, node, in);
            }
            results.put(node.id(), ev);
            outPorts.put(node.id(), node.type().outputs(node.params()));
            params += ev.params();
            macs += ev.macs();
            bytes += ev.activationBytes();
        }
        List<Shape> outputs = new ArrayList<>();
        for (Ref r : graph.outputs().values()) {
            outputs.add(shapeOf(r, boundary, results, outPorts));
        }
        return new GraphEvaluation(results, outputs, params, macs, bytes);
    }

    private static Shape shapeOf(Ref ref, Map<String, Shape> boundary, Map<String, Evaluation> results,
                                 Map<String, List<PortSpec>> outPorts) {
        if (ref.isGraphInput()) {
            return boundary.get(ref.port());
        }
        List<PortSpec> ports = outPorts.get(ref.node());
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).name().equals(ref.port())) {
                return results.get(ref.node()).outputs().get(i);
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
        return new ShapeException(outerPort, "in " + node.id() + " (" + node.type().displayName() + "): " + e.getMessage());
    }
}
