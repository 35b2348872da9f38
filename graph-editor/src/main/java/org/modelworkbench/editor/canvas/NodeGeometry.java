package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Where a node and its ports lie, in design coordinates. Computed from the design and the block
 * library alone (never from a skin), so the canvas can virtualize, hit-test, draw overviews and
 * export without creating views, and edges always attach where the skin draws its ports. The size
 * of a node depends only on how many ports it has: a skin's content never changes its size.
 *
 * <p>Inputs lie on the top edge and outputs on the bottom edge, evenly spaced: the graph reads
 * top-down like a figure in a paper.
 */
public record NodeGeometry(String id, double x, double y, double width, double height,
                           List<String> inputs, List<String> outputs) {
    /** Width of an ordinary node. */
    public static final double WIDTH = 180;
    /** Height of every node. */
    public static final double HEIGHT = 76;
    /** Horizontal room each port needs when a node has many. */
    static final double PORT_PITCH = 36;
    /** Radius of a port circle. */
    public static final double PORT_RADIUS = 5;

    public NodeGeometry {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The geometry of {@code node}; ports come from its block type (or, for an unknown type, its wires). */
    public static NodeGeometry of(Node node, BlockLibrary library, Design design) {
        return of(node, library::find, design, null);
    }

    /** As {@link #of(Node, BlockLibrary, Design)}, resolving types also among the design's own composites. */
    public static NodeGeometry of(Node node, Function<String, Optional<BlockType>> types, Design design) {
        return of(node, types, design, null);
    }

    /** Ports of a block type with some parameter values (many nodes share them: memoize). */
    record Ports(List<String> inputs, List<String> outputs) {
    }

    static NodeGeometry of(Node node, Function<String, Optional<BlockType>> types, Design design,
                           java.util.Map<List<Object>, Ports> memo) {
        Ports ports = null;
        List<Object> key = null;
        // A user composite's ports follow its definition, which can change under the same node: no memo.
        if (memo != null && !node.type().startsWith("user.")) {
            key = List.of(node.type(), node.params());
            ports = memo.get(key);
        }
        if (ports == null) {
            ports = ports(node, types);
            if (key != null && memo.size() < 4096) {
                memo.put(key, ports);
            }
        }
        List<String> in = new ArrayList<>(ports.inputs());
        List<String> out = new ArrayList<>(ports.outputs());
        // Wires to ports the type does not (or no longer) declare still need somewhere to attach.
        for (String port : design.incoming(node.id()).keySet()) {
            if (!in.contains(port)) {
                in.add(port);
            }
        }
        for (Edge e : design.outgoing(node.id())) {
            if (!out.contains(e.from().port())) {
                out.add(e.from().port());
            }
        }
        double w = Math.max(WIDTH, Math.max(in.size(), out.size()) * PORT_PITCH + 24);
        return new NodeGeometry(node.id(), node.x(), node.y(), w, HEIGHT, in, out);
    }

    private static Ports ports(Node node, Function<String, Optional<BlockType>> types) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Optional<BlockType> type = types.apply(node.type());
        if (type.isPresent()) {
            ParamValues values;
            try {
                values = type.get().resolve(node.params());
            } catch (InvalidParameterException | RuntimeException e) {
                values = type.get().defaults();
            }
            for (PortSpec p : type.get().inputs(values)) {
                in.add(p.name());
            }
            for (PortSpec p : type.get().outputs(values)) {
                out.add(p.name());
            }
        }
        return new Ports(List.copyOf(in), List.copyOf(out));
    }

    public NodeGeometry at(double nx, double ny) {
        return new NodeGeometry(id, nx, ny, width, height, inputs, outputs);
    }

    public NodeGeometry movedBy(double dx, double dy) {
        return at(x + dx, y + dy);
    }

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public Bounds bounds() {
        return new BoundingBox(x, y, width, height);
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height;
    }

    public boolean intersects(double minX, double minY, double maxX, double maxY) {
        return x <= maxX && x + width >= minX && y <= maxY && y + height >= minY;
    }

    /** X offset of the i-th of n ports from the node's left edge. */
    double portOffset(int i, int n) {
        return width * (i + 1) / (n + 1);
    }

    /** Centre of an input port (on the top edge); an unknown port sits at the middle. */
    public Point2D inputPoint(String port) {
        int i = inputs.indexOf(port);
        return i < 0 ? new Point2D(centerX(), y) : new Point2D(x + portOffset(i, inputs.size()), y);
    }

    /** Centre of an output port (on the bottom edge). */
    public Point2D outputPoint(String port) {
        int i = outputs.indexOf(port);
        return i < 0 ? new Point2D(centerX(), y + height) : new Point2D(x + portOffset(i, outputs.size()), y + height);
    }

    /** Same ports and size (so a skin need not rebuild its ports). */
    boolean sameShape(NodeGeometry o) {
        return o != null && width == o.width && height == o.height && inputs.equals(o.inputs) && outputs.equals(o.outputs);
    }
}
