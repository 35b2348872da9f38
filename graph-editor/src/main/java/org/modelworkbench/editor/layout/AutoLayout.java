package org.modelworkbench.editor.layout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Auto-layout with ELK's layered algorithm, top-down like a figure in a paper: the whole design,
 * or only the selected blocks (the others stay where they are; the selection keeps its top-left
 * corner). The new positions are applied as one undo step, "Auto-layout".
 *
 * <p>ELK runs off the FX thread: {@link #layoutTask} snapshots the design and the node sizes on the
 * FX thread, lays out in {@code call()} (cancellable), and applies the result when it succeeds,
 * before any SUCCEEDED handler the caller adds (so a caller can fit the view to the new layout).
 * <pre>
 *   Task&lt;Map&lt;String, Point2D&gt;&gt; t = AutoLayout.layoutTask(model, selectionOnly, canvas::nodeSize);
 *   executor.submit(t);   // or new Thread(t).start(); t.cancel() to stop
 * </pre>
 * ELK is used standalone (no Eclipse plugin registry): the layered algorithm is registered here
 * when the class path's service files did not do it already.
 */
public final class AutoLayout {
    /** The size assumed for a node when the caller has none (a typical node skin). */
    public static final Dimension2D DEFAULT_SIZE = new Dimension2D(200, 80);
    /** Space between nodes of one layer, and between layers. */
    public static final double NODE_SPACING = 40;
    public static final double LAYER_SPACING = 60;
    /** The name of the undo step. */
    public static final String DESCRIPTION = "Auto-layout";

    private AutoLayout() {
    }

    /** A size provider that gives every node {@link #DEFAULT_SIZE}. */
    public static Function<String, Dimension2D> defaultSizes() {
        return id -> DEFAULT_SIZE;
    }

    /**
     * A cancellable task that lays out the model's design (or its selection) with the node sizes
     * read now (call on the FX thread), and applies the positions as one undo step when it succeeds
     * (nodes deleted meanwhile are skipped). Its value is the new top-left position of every node
     * laid out.
     */
    public static Task<Map<String, Point2D>> layoutTask(EditorModel model, boolean selectionOnly,
                                                        Function<String, Dimension2D> sizes) {
        Snapshot snapshot = Snapshot.of(model.design(), model.library(), selectionOnly ? model.selection() : null, sizes);
        Task<Map<String, Point2D>> task = new Task<>() {
            @Override
            protected Map<String, Point2D> call() {
                updateMessage(DESCRIPTION + " of " + snapshot.nodes.size() + " blocks");
                Map<String, Point2D> result = snapshot.layout(this::isCancelled);
                if (isCancelled()) {
                    throw new CancellationException();
                }
                return result;
            }
        };
        // A handler, not succeeded(): Task fires the SUCCEEDED handlers before it calls succeeded(),
        // so a caller's handler (fit the view, say) would otherwise see the old positions.
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            if (!model.isReadOnly()) {
                model.moveNodes(task.getValue(), DESCRIPTION);
            }
        });
        return task;
    }

    /** Lays out and applies at once, on the calling thread (small designs, tests); returns the positions. */
    public static Map<String, Point2D> layout(EditorModel model, boolean selectionOnly,
                                              Function<String, Dimension2D> sizes) {
        Map<String, Point2D> positions = Snapshot.of(model.design(), model.library(),
                selectionOnly ? model.selection() : null, sizes).layout(() -> false);
        if (!model.isReadOnly()) {
            model.moveNodes(positions, DESCRIPTION);
        }
        return positions;
    }

    /**
     * New top-left positions for the nodes {@code only} (all when null) of a design: what ELK layered
     * makes of them and the wires among them, placed so that their bounding box keeps its top-left
     * corner. Pure: the design is not changed.
     */
    public static Map<String, Point2D> compute(Design design, Collection<String> only,
                                               Function<String, Dimension2D> sizes) {
        return Snapshot.of(design, BlockLibrary.standard(), only, sizes).layout(() -> false);
    }

    /** The nodes and wires to lay out, copied so that the layout can run on another thread. */
    private static final class Snapshot {
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        final Map<String, Dimension2D> sizes = new HashMap<>();
        /** Input and output port names of each node, in the order the skin draws them (left to right). */
        final Map<String, List<String>> inputs = new HashMap<>();
        final Map<String, List<String>> outputs = new HashMap<>();

        static Snapshot of(Design design, BlockLibrary library, Collection<String> only,
                           Function<String, Dimension2D> sizes) {
            Snapshot s = new Snapshot();
            Set<String> ids = only == null ? null : new HashSet<>(only);
            for (Node n : design.nodes()) {
                if (ids == null || ids.contains(n.id())) {
                    s.nodes.add(n);
                    s.ports(design, library, n);
                    Dimension2D d = sizes == null ? null : sizes.apply(n.id());
                    s.sizes.put(n.id(), d == null || d.getWidth() <= 0 || d.getHeight() <= 0 ? DEFAULT_SIZE : d);
                }
            }
            for (Edge e : design.edges()) {
                if (s.sizes.containsKey(e.from().node()) && s.sizes.containsKey(e.to().node())
                        && !e.from().node().equals(e.to().node())) {
                    s.edges.add(e);
                }
            }
            return s;
        }

        private void ports(Design design, BlockLibrary library, Node n) {
            List<String> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            Optional<BlockType> type = DesignTypes.find(library, design, n.type());
            if (type.isPresent()) {
                ParamValues values;
                try {
                    values = type.get().resolve(n.params());
                } catch (InvalidParameterException e) {
                    values = type.get().defaults();
                }
                type.get().inputs(values).forEach(p -> in.add(p.name()));
                type.get().outputs(values).forEach(p -> out.add(p.name()));
            }
            inputs.put(n.id(), in);
            outputs.put(n.id(), out);
        }

        /** The ELK port for a node's port, made on first use at the place the skin draws it. */
        private ElkPort port(ElkNode node, Map<String, ElkPort> made, String nodeId, String port, boolean input) {
            return made.computeIfAbsent(nodeId + (input ? "<" : ">") + port, k -> {
                List<String> names = (input ? inputs : outputs).get(nodeId);
                int i = names.indexOf(port);
                int count = names.size();
                if (i < 0) { // a port the type does not have (the analysis reports it): put it at the end
                    i = count;
                    count++;
                }
                ElkPort p = ElkGraphUtil.createPort(node);
                p.setDimensions(0, 0);
                p.setLocation(node.getWidth() * (i + 1) / (count + 1), input ? 0 : node.getHeight());
                p.setProperty(CoreOptions.PORT_SIDE, input ? PortSide.NORTH : PortSide.SOUTH);
                return p;
            });
        }

        Map<String, Point2D> layout(BooleanSupplier cancelled) {
            if (nodes.isEmpty()) {
                return Map.of();
            }
            ensureLayeredRegistered();
            ElkNode graph = ElkGraphUtil.createGraph();
            graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
            graph.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
            graph.setProperty(LayeredOptions.SPACING_NODE_NODE, NODE_SPACING);
            graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
            graph.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, NODE_SPACING * 2);
            Map<String, ElkNode> elk = new LinkedHashMap<>();
            for (Node n : nodes) {
                ElkNode e = ElkGraphUtil.createNode(graph);
                e.setIdentifier(n.id());
                Dimension2D d = sizes.get(n.id());
                e.setDimensions(d.getWidth(), d.getHeight());
                // Ports where the skin draws them: inputs along the top, outputs along the bottom,
                // so that ELK orders the blocks feeding a merge like its inputs and avoids crossings.
                e.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
                elk.put(n.id(), e);
            }
            Map<String, ElkPort> ports = new HashMap<>();
            for (Edge e : edges) {
                ElkNode from = elk.get(e.from().node());
                ElkNode to = elk.get(e.to().node());
                ElkGraphUtil.createSimpleEdge(port(from, ports, e.from().node(), e.from().port(), false),
                        port(to, ports, e.to().node(), e.to().port(), true));
            }
            BasicProgressMonitor monitor = new BasicProgressMonitor() {
                @Override
                public boolean isCanceled() {
                    return cancelled.getAsBoolean();
                }
            };
            new RecursiveGraphLayoutEngine().layout(graph, monitor);

            double oldX = Double.MAX_VALUE;
            double oldY = Double.MAX_VALUE;
            for (Node n : nodes) {
                oldX = Math.min(oldX, n.x());
                oldY = Math.min(oldY, n.y());
            }
            double newX = Double.MAX_VALUE;
            double newY = Double.MAX_VALUE;
            for (ElkNode e : elk.values()) {
                newX = Math.min(newX, e.getX());
                newY = Math.min(newY, e.getY());
            }
            Map<String, Point2D> positions = new LinkedHashMap<>();
            for (Map.Entry<String, ElkNode> e : elk.entrySet()) {
                double x = Math.round(e.getValue().getX() - newX + oldX);
                double y = Math.round(e.getValue().getY() - newY + oldY);
                positions.put(e.getKey(), new Point2D(x, y));
            }
            return positions;
        }
    }

    private static boolean registered;

    /** Registers ELK layered with ELK's meta-data service unless the service files already did. */
    static synchronized void ensureLayeredRegistered() {
        if (registered) {
            return;
        }
        LayoutMetaDataService service = LayoutMetaDataService.getInstance();
        if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
            service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }
        registered = true;
    }
}
