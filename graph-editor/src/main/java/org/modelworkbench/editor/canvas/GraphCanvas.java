package org.modelworkbench.editor.canvas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.edit.RemoveElements;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.design.Edge;

/**
 * The graph canvas: an infinite, zoomable sheet showing the design of an {@link EditorModel}
 * with block skins ({@link NodeView}) and wires ({@link EdgeView}).
 *
 * <p><b>Rendering.</b> Only what is visible is built: skins exist for the nodes and wires that
 * meet the viewport (plus a margin), are recycled as the view moves, and are re-bound only when
 * their node, its analysis or the selection changed (the design's change events and the analysis
 * snapshot say what changed). When zoomed out so far that text could not be read (or too many
 * nodes are in view), the canvas switches to an overview drawn on a {@link Canvas}: one rectangle
 * per node, one curve per wire, in the theme's colours. Node positions and sizes come from
 * {@link NodeGeometry}, so hit-testing, the overview, the minimap and export need no skins.
 *
 * <p><b>Editing.</b> Every change goes through the model's commands, one undo step per gesture:
 * see {@link CanvasGestures} for the mouse and keyboard bindings.
 *
 * <p>Stylesheet: {@link #STYLESHEET} (added to this region); it uses AtlantaFX looked-up colours.
 * Without AtlantaFX add {@link #FALLBACK_LIGHT} or {@link #FALLBACK_DARK} to the scene.
 */
public class GraphCanvas extends Region implements Disposable {
    /** Drag-and-drop format of a block type id, as the palette puts it on the dragboard. */
    public static final DataFormat BLOCK_TYPE = lookupOrCreate("application/x-modelworkbench-block-type");
    public static final String STYLESHEET = resource("graph-canvas.css");
    /** AtlantaFX-like colour variables (Primer light) for scenes without AtlantaFX. */
    public static final String FALLBACK_LIGHT = resource("fallback-light.css");
    /** AtlantaFX-like colour variables (Primer dark) for scenes without AtlantaFX. */
    public static final String FALLBACK_DARK = resource("fallback-dark.css");
    /** Grid pitch in design units; node positions snap to it. */
    public static final double GRID = 20;
    public static final double MIN_ZOOM = 0.02;
    public static final double MAX_ZOOM = 4;
    /** Below this zoom the canvas draws the overview instead of skins. */
    public static final double DETAIL_ZOOM = 0.5;
    /** More nodes in view than this and the overview is drawn even when zoomed in (huge screens). */
    static final int MAX_DETAIL_NODES = 450;
    /** Screen pixels beyond the viewport in which skins are built ahead of time. */
    static final double MARGIN = 200;
    private static final int POOL_LIMIT = 128;
    static final double ZOOM_STEP = 1.2;

    private final EditorModel model;
    private final Design design;
    private final BlockLibrary library;

    private final Canvas gridCanvas = new Canvas();
    private String gridDrawnFor = "";
    private final Canvas overviewCanvas = new Canvas();
    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group labelLayer = new Group();
    private final Group nodeLayer = new Group();
    final Group worldOverlay = new Group();
    final Pane screenOverlay = new Pane();
    final CanvasColors colors = new CanvasColors();
    private final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Rectangle clip = new Rectangle();

    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1) {
        @Override
        public void set(double v) {
            super.set(clampZoom(v));
        }
    };
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
    private final ReadOnlyObjectWrapper<Bounds> visibleBounds = new ReadOnlyObjectWrapper<>(this, "visibleBounds",
            new BoundingBox(0, 0, 0, 0));
    private final ReadOnlyLongWrapper contentRevision = new ReadOnlyLongWrapper(this, "contentRevision");
    private final ObservableSet<Edge> selectedEdges = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObjectProperty<Consumer<String>> onOpenNode = new SimpleObjectProperty<>(this, "onOpenNode");

    private final Map<String, NodeGeometry> geometry = new LinkedHashMap<>();
    private final Map<String, Integer> categories = new HashMap<>();
    private final Map<String, String> titles = new HashMap<>();
    private final Map<List<Object>, NodeGeometry.Ports> portMemo = new HashMap<>();
    private final Set<String> staleGeometry = new HashSet<>();
    private boolean allStale = true;
    private final Map<String, NodeView> nodeViews = new HashMap<>();
    private final ArrayDeque<NodeView> nodePool = new ArrayDeque<>();
    private final Map<Edge, EdgeView> edgeViews = new HashMap<>();
    private final ArrayDeque<EdgeView> edgePool = new ArrayDeque<>();
    private Set<String> problemNodes = Set.of();
    private Map<String, String> problemPorts = Map.of();
    private DesignAnalysis problemsOf;

    private boolean dirty = true;
    private boolean gridDirty = true;
    private boolean overviewStale = true;
    private double ovZoom = -1;
    private double ovTx;
    private double ovTy;
    private double ovX0;
    private double ovY0;
    private double ovX1;
    private double ovY1;
    private boolean detailMode = true;
    private boolean initialViewDone;
    private boolean pendingFit;
    private String pendingCenter;
    private Point2D zoomPivot;
    private boolean settingView;

    private Set<String> dragging = Set.of();
    private double dragDx;
    private double dragDy;
    private Edge hiddenEdge;

    private final CanvasGestures gestures;
    /** What this canvas follows in the model; removed on {@link #dispose()}. */
    private final Subscriptions subscriptions = new Subscriptions();

    public GraphCanvas(EditorModel model) {
        this.model = model;
        this.design = model.design();
        this.library = model.library();
        setId("graph-canvas");
        getStyleClass().add("graph-canvas");
        getStylesheets().add(STYLESHEET);
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(800, 600);

        world.setManaged(false);
        world.getTransforms().setAll(pan, scale);
        world.getChildren().addAll(edgeLayer, labelLayer, nodeLayer, worldOverlay);
        edgeLayer.setAutoSizeChildren(false);
        nodeLayer.setAutoSizeChildren(false);
        worldOverlay.setAutoSizeChildren(false);
        worldOverlay.setMouseTransparent(true);
        gridCanvas.setMouseTransparent(true);
        gridCanvas.setManaged(false);
        overviewCanvas.setMouseTransparent(true);
        overviewCanvas.setManaged(false);
        overviewCanvas.setVisible(false);
        screenOverlay.setMouseTransparent(true);
        screenOverlay.setManaged(false);
        getChildren().addAll(colors, gridCanvas, overviewCanvas, world, screenOverlay);
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        zoom.addListener((obs, old, now) -> zoomChanged(old.doubleValue(), now.doubleValue()));
        colors.onChange(() -> {
            gridDrawnFor = "";
            gridDirty = true;
            markContentDirty();
        });
        subscriptions.onDesignChange(model, this::designChanged);
        subscriptions.onInvalidated(model.analysisProperty(), o -> contentChanged());
        subscriptions.onSetChange(model.selection(), c -> markContentDirty());
        selectedEdges.addListener((SetChangeListener<Edge>) c -> markContentDirty());
        gestures = new CanvasGestures(this);
    }

    static DataFormat lookupOrCreate(String mime) {
        DataFormat f = DataFormat.lookupMimeType(mime);
        return f != null ? f : new DataFormat(mime);
    }

    private static String resource(String name) {
        var url = GraphCanvas.class.getResource(name);
        return url == null ? null : url.toExternalForm();
    }

    /** Stops listening to the model (call when the canvas is thrown away but the model lives on). */
    @Override
    public void dispose() {
        subscriptions.dispose();
    }

    public EditorModel model() {
        return model;
    }

    // ------------------------------------------------------------------ view: zoom and pan

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public double getZoom() {
        return zoom.get();
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    /** The part of the design in view, in design coordinates. */
    public ReadOnlyObjectProperty<Bounds> visibleBoundsProperty() {
        return visibleBounds.getReadOnlyProperty();
    }

    /** Bumped whenever the design or its analysis changes (for views drawing the whole design, e.g. the minimap). */
    public ReadOnlyLongProperty contentRevisionProperty() {
        return contentRevision.getReadOnlyProperty();
    }

    /** Called with a node id when a node is double-clicked (e.g. to open a composite block). */
    public ObjectProperty<Consumer<String>> onOpenNodeProperty() {
        return onOpenNode;
    }

    /** Zooms in one step around the centre of the view. */
    public void zoomIn() {
        zoomBy(ZOOM_STEP, null);
    }

    public void zoomOut() {
        zoomBy(1 / ZOOM_STEP, null);
    }

    /** Zoom 100 %, keeping the centre of the view. */
    public void resetZoom() {
        zoomPivot = null;
        zoom.set(1);
    }

    /** Zooms by {@code factor} keeping the design point under {@code pivot} (canvas coordinates; null: the centre). */
    public void zoomBy(double factor, Point2D pivot) {
        zoomPivot = pivot;
        try {
            zoom.set(zoom.get() * factor);
        } finally {
            zoomPivot = null;
        }
    }

    /** Shows the whole design (at most 125 %). */
    public void zoomToFit() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            pendingFit = true;
            pendingCenter = null;
            return;
        }
        Bounds b = contentBounds();
        if (b.getWidth() <= 0) {
            setView(1, 40, 40);
            return;
        }
        double pad = 40;
        double z = Math.min((getWidth() - 2 * pad) / b.getWidth(), (getHeight() - 2 * pad) / b.getHeight());
        z = clampZoom(Math.min(z, 1.25));
        setView(z, getWidth() / 2 - (b.getMinX() + b.getWidth() / 2) * z, getHeight() / 2 - (b.getMinY() + b.getHeight() / 2) * z);
    }

    /** Scrolls the node into the middle of the view (zooming in if the view is too far out to read it). */
    public void centerOn(String nodeId) {
        if (getWidth() <= 0 || getHeight() <= 0) {
            pendingCenter = nodeId;
            pendingFit = false;
            return;
        }
        syncGeometry();
        NodeGeometry g = geometry.get(nodeId);
        if (g == null) {
            return;
        }
        double z = zoom.get() < 0.6 ? 1 : zoom.get();
        setView(z, getWidth() / 2 - g.centerX() * z, getHeight() / 2 - g.centerY() * z);
    }

    /** Puts the design point at the centre of the view (the minimap does this). */
    public void centerAt(double designX, double designY) {
        double z = zoom.get();
        setView(z, getWidth() / 2 - designX * z, getHeight() / 2 - designY * z);
    }

    /** Moves the view by a distance in screen pixels. */
    public void panBy(double dx, double dy) {
        if (dx != 0 || dy != 0) {
            pan.setX(pan.getX() + dx);
            pan.setY(pan.getY() + dy);
            viewportChanged();
        }
    }

    /** Sets zoom and translation at once: canvas point = design point × zoom + (tx, ty). */
    public void setView(double z, double tx, double ty) {
        settingView = true;
        try {
            zoom.set(z);
            scale.setX(zoom.get());
            scale.setY(zoom.get());
        } finally {
            settingView = false;
        }
        pan.setX(tx);
        pan.setY(ty);
        initialViewDone = true;
        pendingFit = false;
        pendingCenter = null;
        viewportChanged();
    }

    public double translateXOfView() {
        return pan.getX();
    }

    public double translateYOfView() {
        return pan.getY();
    }

    private void zoomChanged(double old, double now) {
        scale.setX(now);
        scale.setY(now);
        if (!settingView && old > 0) {
            Point2D p = zoomPivot != null ? zoomPivot : new Point2D(getWidth() / 2, getHeight() / 2);
            double dx = (p.getX() - pan.getX()) / old;
            double dy = (p.getY() - pan.getY()) / old;
            pan.setX(p.getX() - dx * now);
            pan.setY(p.getY() - dy * now);
        }
        viewportChanged();
    }

    static double clampZoom(double z) {
        return Double.isNaN(z) ? 1 : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    private void viewportChanged() {
        gridDirty = true;
        markDirty();
    }

    // ------------------------------------------------------------------ coordinates

    /** Canvas (local) coordinates to design coordinates. */
    public Point2D toDesign(double localX, double localY) {
        return new Point2D((localX - pan.getX()) / zoom.get(), (localY - pan.getY()) / zoom.get());
    }

    /** Design coordinates to canvas (local) coordinates. */
    public Point2D toLocal(double designX, double designY) {
        return new Point2D(designX * zoom.get() + pan.getX(), designY * zoom.get() + pan.getY());
    }

    double snap(double v) {
        return Math.round(v / GRID) * GRID;
    }

    // ------------------------------------------------------------------ content

    /** Bounds of all nodes in design coordinates (empty at the origin when there are none). */
    public Bounds contentBounds() {
        syncGeometry();
        if (geometry.isEmpty()) {
            return new BoundingBox(0, 0, 0, 0);
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeGeometry g : geometry.values()) {
            minX = Math.min(minX, g.x());
            minY = Math.min(minY, g.y());
            maxX = Math.max(maxX, g.maxX());
            maxY = Math.max(maxY, g.maxY());
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    /** The geometry of every node, in design order (live positions of dragged nodes not included). */
    public List<NodeGeometry> nodeGeometries() {
        syncGeometry();
        return List.copyOf(geometry.values());
    }

    /** Where a node lies now (including an ongoing drag), or null. */
    public NodeGeometry geometryOf(String nodeId) {
        syncGeometry();
        return liveGeometry(nodeId);
    }

    NodeGeometry liveGeometry(String nodeId) {
        NodeGeometry g = geometry.get(nodeId);
        if (g != null && dragging.contains(nodeId)) {
            return g.movedBy(dragDx, dragDy);
        }
        return g;
    }

    Iterable<NodeGeometry> allGeometry() {
        return geometry.values();
    }

    int categoryIndexOf(String nodeId) {
        return categories.getOrDefault(nodeId, 7);
    }

    boolean hasProblem(String nodeId) {
        refreshProblemIndex();
        return problemNodes.contains(nodeId);
    }

    Design design() {
        return design;
    }

    /** A node that draws the whole graph (not only the viewport) at 100 %, in a scene of its own, ready for {@code snapshot}. */
    public Node exportNode() {
        return GraphExport.buildExportPane(this);
    }

    // ------------------------------------------------------------------ selection and edits

    /** Selected wires (node selection lives in the model). */
    public ObservableSet<Edge> selectedEdges() {
        return selectedEdges;
    }

    public void selectAll() {
        List<String> ids = new ArrayList<>();
        for (var n : design.nodes()) {
            if (!model.selection().contains(n.id())) {
                ids.add(n.id());
            }
        }
        model.selection().addAll(ids);
    }

    public void clearSelection() {
        model.selection().clear();
        selectedEdges.clear();
    }

    /** Deletes the selected nodes and wires as one undo step. */
    public void deleteSelected() {
        List<String> ids = new ArrayList<>(model.selection());
        List<Edge> edges = new ArrayList<>();
        for (Edge e : selectedEdges) {
            if (exists(e) && !ids.contains(e.from().node()) && !ids.contains(e.to().node())) {
                edges.add(e);
            }
        }
        selectedEdges.clear();
        if (ids.isEmpty() && edges.isEmpty()) {
            return;
        }
        if (edges.isEmpty()) {
            model.deleteSelection();
        } else if (ids.isEmpty() && edges.size() == 1) {
            model.disconnect(edges.get(0));
        } else {
            String what = (ids.size() + edges.size()) + " elements";
            model.selection().clear();
            model.execute(new RemoveElements(design, ids, edges, "Delete " + what));
        }
    }

    boolean exists(Edge e) {
        Edge cur = design.incoming(e.to().node()).get(e.to().port());
        return e.equals(cur);
    }

    /** Adds a block of this type centred at a design point (snapped to the grid when snapping is on); returns its id. */
    public String addBlock(String typeId, double designX, double designY) {
        double x = designX - NodeGeometry.WIDTH / 2;
        double y = designY - NodeGeometry.HEIGHT / 2;
        if (snapToGrid.get()) {
            x = snap(x);
            y = snap(y);
        }
        String id = model.addNode(typeId, x, y);
        selectedEdges.clear();
        return id;
    }

    /** Adds a block in the middle of the view (e.g. on a double-click in the palette); returns its id. */
    public String addBlockAtCenter(String typeId) {
        Point2D c = toDesign(getWidth() / 2, getHeight() / 2);
        return addBlock(typeId, c.getX(), c.getY());
    }

    // ------------------------------------------------------------------ views (for tests and tools)

    /** The skin of a node, if it is built (i.e. in view and zoomed in far enough). */
    public Optional<NodeView> nodeView(String nodeId) {
        return Optional.ofNullable(nodeViews.get(nodeId));
    }

    public Optional<EdgeView> edgeView(Edge edge) {
        return Optional.ofNullable(edgeViews.get(edge));
    }

    /** How many node skins exist now (virtualization keeps this near the number in view). */
    public int nodeViewCount() {
        return nodeViews.size();
    }

    public int edgeViewCount() {
        return edgeViews.size();
    }

    /** True when skins are shown; false when the overview is drawn instead. */
    public boolean isDetailMode() {
        return detailMode;
    }

    /** The id of the node at a canvas point, if any (e.g. for a context menu). */
    public Optional<String> nodeAt(double localX, double localY) {
        Point2D d = toDesign(localX, localY);
        return Optional.ofNullable(hitNode(d.getX(), d.getY()));
    }

    // ------------------------------------------------------------------ gesture support

    void setDrag(Set<String> ids, double dx, double dy) {
        dragging = ids;
        dragDx = dx;
        dragDy = dy;
        markContentDirty();
    }

    void clearDrag() {
        dragging = Set.of();
        dragDx = 0;
        dragDy = 0;
        markContentDirty();
    }

    void hideEdge(Edge e) {
        hiddenEdge = e;
        markContentDirty();
    }

    String hitNode(double dx, double dy) {
        syncGeometry();
        String found = null;
        for (String id : geometry.keySet()) {
            NodeGeometry g = liveGeometry(id);
            if (g.contains(dx, dy)) {
                found = id;
                if (model.selection().contains(id)) {
                    // Selected skins are drawn on top.
                    return id;
                }
            }
        }
        return found;
    }

    /** A port near a design point (within {@code tolerance} design units), nearest first. */
    PortHit hitPort(double dx, double dy, double tolerance, Boolean wantInput, String excludeNode) {
        syncGeometry();
        PortHit best = null;
        double bestDist = Double.MAX_VALUE;
        for (String id : geometry.keySet()) {
            if (id.equals(excludeNode)) {
                continue;
            }
            NodeGeometry g = liveGeometry(id);
            if (dx < g.x() - tolerance || dx > g.maxX() + tolerance || dy < g.y() - tolerance || dy > g.maxY() + tolerance) {
                continue;
            }
            if (wantInput == null || wantInput) {
                for (String p : g.inputs()) {
                    double d = g.inputPoint(p).distance(dx, dy);
                    if (d <= tolerance && d < bestDist) {
                        bestDist = d;
                        best = new PortHit(id, p, true, g.inputPoint(p));
                    }
                }
            }
            if (wantInput == null || !wantInput) {
                for (String p : g.outputs()) {
                    double d = g.outputPoint(p).distance(dx, dy);
                    if (d <= tolerance && d < bestDist) {
                        bestDist = d;
                        best = new PortHit(id, p, false, g.outputPoint(p));
                    }
                }
            }
        }
        return best;
    }

    /** While wiring: the port the wire would attach to when released here (near a port, or anywhere over a node). */
    PortHit wireTarget(double dx, double dy, double tolerance, boolean wantInput, String excludeNode) {
        PortHit near = hitPort(dx, dy, tolerance, wantInput, excludeNode);
        if (near != null) {
            return near;
        }
        String over = hitNode(dx, dy);
        if (over == null || over.equals(excludeNode)) {
            return null;
        }
        NodeGeometry g = liveGeometry(over);
        List<String> ports = wantInput ? g.inputs() : g.outputs();
        PortHit best = null;
        double bestDist = Double.MAX_VALUE;
        for (String p : ports) {
            Point2D pt = wantInput ? g.inputPoint(p) : g.outputPoint(p);
            double d = Math.abs(pt.getX() - dx);
            if (d < bestDist) {
                bestDist = d;
                best = new PortHit(over, p, wantInput, pt);
            }
        }
        return best;
    }

    Edge hitEdge(double dx, double dy, double tolerance) {
        syncGeometry();
        Edge best = null;
        double bestDist = tolerance;
        for (Edge e : design.edges()) {
            Wire w = wireOf(e);
            if (w == null || !w.mayIntersect(dx - tolerance, dy - tolerance, dx + tolerance, dy + tolerance)) {
                continue;
            }
            double d = w.distanceTo(dx, dy);
            if (d <= bestDist) {
                bestDist = d;
                best = e;
            }
        }
        return best;
    }

    Wire wireOf(Edge e) {
        NodeGeometry a = liveGeometry(e.from().node());
        NodeGeometry b = liveGeometry(e.to().node());
        if (a == null || b == null) {
            return null;
        }
        return Wire.between(a.outputPoint(e.from().port()), b.inputPoint(e.to().port()));
    }

    record PortHit(String node, String port, boolean input, Point2D point) {
    }

    // ------------------------------------------------------------------ change tracking

    private void designChanged(DesignChange change) {
        if (change instanceof DesignChange.NodeChanged c) {
            staleGeometry.add(c.nodeId());
        } else if (change instanceof DesignChange.NodeMoved m) {
            staleGeometry.add(m.nodeId());
        } else if (change instanceof DesignChange.EdgeChanged e) {
            staleGeometry.add(e.edge().from().node());
            staleGeometry.add(e.edge().to().node());
        } else if (change instanceof DesignChange.CompositeChanged c) {
            // The ports of every use of a user composite follow its definition.
            String typeId = org.modelworkbench.projects.design.CompositeDefinition.typeIdOf(c.name());
            for (org.modelworkbench.projects.design.Node n : design.nodes()) {
                if (n.type().equals(typeId)) {
                    staleGeometry.add(n.id());
                }
            }
        }
        contentChanged();
    }

    private void contentChanged() {
        contentRevision.set(contentRevision.get() + 1);
        markContentDirty();
    }

    /** Something drawn changed (not just the view): the overview must be redrawn too. */
    void markContentDirty() {
        overviewStale = true;
        markDirty();
    }

    void markDirty() {
        dirty = true;
        requestLayout();
    }

    private void syncGeometry() {
        if (allStale) {
            allStale = false;
            staleGeometry.clear();
            geometry.clear();
            categories.clear();
            titles.clear();
            for (var n : design.nodes()) {
                put(n);
            }
            return;
        }
        if (staleGeometry.isEmpty()) {
            return;
        }
        for (String id : staleGeometry) {
            Optional<org.modelworkbench.projects.design.Node> n = design.node(id);
            if (n.isPresent()) {
                put(n.get());
            } else {
                geometry.remove(id);
                categories.remove(id);
                titles.remove(id);
            }
        }
        staleGeometry.clear();
    }

    private void put(org.modelworkbench.projects.design.Node n) {
        geometry.put(n.id(), NodeGeometry.of(n, model::findType, design, portMemo));
        Optional<BlockType> type = model.findType(n.type());
        categories.put(n.id(), type.map(t -> NodeView.categoryIndex(t.category())).orElse(7));
        titles.put(n.id(), type.map(BlockType::displayName).orElse(n.type()));
    }

    private void refreshProblemIndex() {
        DesignAnalysis a = model.analysis();
        if (a == problemsOf) {
            return;
        }
        problemsOf = a;
        Set<String> nodes = new HashSet<>();
        Map<String, String> ports = new HashMap<>();
        if (a != null) {
            for (Problem p : a.problems()) {
                nodes.add(p.nodeId());
                if (p.port() != null) {
                    ports.merge(p.nodeId() + "\u0000" + p.port(), p.message(), (x, y) -> x + "\n" + y);
                }
            }
        }
        problemNodes = nodes;
        problemPorts = ports;
    }

    // ------------------------------------------------------------------ layout and rendering

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double ow = w + 2 * Math.round(w / 2);
        double oh = h + 2 * Math.round(h / 2);
        if (overviewCanvas.getWidth() != ow || overviewCanvas.getHeight() != oh) {
            overviewCanvas.setWidth(ow);
            overviewCanvas.setHeight(oh);
            overviewStale = true;
            screenOverlay.resize(w, h);
            gridDirty = true;
            dirty = true;
        }
        if (w > 0 && h > 0) {
            if (pendingCenter != null) {
                String id = pendingCenter;
                pendingCenter = null;
                centerOn(id);
            } else if (pendingFit) {
                pendingFit = false;
                zoomToFit();
            } else if (!initialViewDone) {
                initialView();
            }
        }
        if (dirty) {
            refresh();
        }
    }

    /**
     * The view a design opens with: the whole design when it fits at a readable zoom; otherwise
     * readable (80 %) from the top, where the input is — the minimap and F show the rest.
     */
    private void initialView() {
        Bounds b = contentBounds();
        double w = getWidth();
        double h = getHeight();
        if (b.getWidth() <= 0) {
            setView(1, 40, 40);
            return;
        }
        double pad = 40;
        double fit = Math.min((w - 2 * pad) / b.getWidth(), (h - 2 * pad) / b.getHeight());
        if (fit >= 0.6) {
            double z = Math.min(fit, 1);
            setView(z, w / 2 - (b.getMinX() + b.getWidth() / 2) * z, h / 2 - (b.getMinY() + b.getHeight() / 2) * z);
        } else {
            double z = 0.8;
            double tx = b.getWidth() * z <= w - 2 * pad ? w / 2 - (b.getMinX() + b.getWidth() / 2) * z : pad - b.getMinX() * z;
            setView(z, tx, pad - b.getMinY() * z);
        }
    }

    /** Brings skins and drawings up to date with the model and the view (once per pulse at most). */
    private void refresh() {
        dirty = false;
        syncGeometry();
        refreshProblemIndex();
        selectedEdges.removeIf(e -> !exists(e));
        double w = getWidth();
        double h = getHeight();
        double z = zoom.get();
        double tx = pan.getX();
        double ty = pan.getY();
        Bounds view = new BoundingBox(-tx / z, -ty / z, w / z, h / z);
        if (!view.equals(visibleBounds.get())) {
            visibleBounds.set(view);
        }

        double m = MARGIN / z;
        double x0 = -tx / z - m;
        double y0 = -ty / z - m;
        double x1 = (w - tx) / z + m;
        double y1 = (h - ty) / z + m;
        List<String> visible = new ArrayList<>();
        for (String id : geometry.keySet()) {
            NodeGeometry g = liveGeometry(id);
            if (g.intersects(x0, y0, x1, y1)) {
                visible.add(id);
            }
        }
        boolean detail = z >= DETAIL_ZOOM && visible.size() <= MAX_DETAIL_NODES && w > 0;
        if (detail) {
            if (!detailMode) {
                overviewCanvas.getGraphicsContext2D().clearRect(0, 0, overviewCanvas.getWidth(), overviewCanvas.getHeight());
                overviewCanvas.setVisible(false);
                overviewStale = true;
            }
            detailMode = true;
            world.setVisible(true);
            updateNodeViews(visible, x0 - m, y0 - m, x1 + m, y1 + m);
            updateEdgeViews(x0, y0, x1, y1);
            boolean labels = z >= 0.6;
            if (labelLayer.isVisible() != labels) {
                labelLayer.setVisible(labels);
            }
        } else {
            detailMode = false;
            releaseAllViews();
            overviewCanvas.setVisible(true);
            updateOverview(w, h, z, tx, ty);
        }
        if (gridDirty) {
            gridDirty = false;
            drawGrid();
        }
    }

    private void updateNodeViews(List<String> visible, double rx0, double ry0, double rx1, double ry1) {
        // Release skins of nodes that are gone or far out of view (hysteresis: twice the margin).
        for (Iterator<Map.Entry<String, NodeView>> it = nodeViews.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, NodeView> e = it.next();
            NodeGeometry g = liveGeometry(e.getKey());
            if (g == null || !g.intersects(rx0, ry0, rx1, ry1)) {
                it.remove();
                release(e.getValue());
            }
        }
        DesignAnalysis analysis = model.analysis();
        Set<String> selection = model.selection();
        Set<NodeView> fresh = new LinkedHashSet<>();
        for (String id : visible) {
            if (!nodeViews.containsKey(id)) {
                // Pooled skins stay in the scene, hidden, so they keep their CSS state.
                NodeView v = nodePool.poll();
                if (v == null) {
                    v = new NodeView();
                    nodeLayer.getChildren().add(v);
                } else {
                    v.setVisible(true);
                }
                nodeViews.put(id, v);
                fresh.add(v);
            }
        }
        for (Map.Entry<String, NodeView> e : nodeViews.entrySet()) {
            String id = e.getKey();
            NodeView v = e.getValue();
            var node = design.node(id).orElseThrow();
            NodeGeometry g = liveGeometry(id);
            NodeAnalysis a = analysis == null ? null : analysis.node(id);
            boolean changed;
            if (dragging.contains(id) && v.node() != null && v.node().equals(node)) {
                v.moveTo(g.x(), g.y());
                changed = false;
            } else {
                changed = v.bind(node, model.findType(node.type()), g, a, design);
            }
            v.setSelected(selection.contains(id));
            if (changed) {
                fresh.add(v);
            }
        }
        for (NodeView v : fresh) {
            // Style and lay out now, so the skin is right in this very frame.
            v.applyCss();
            v.layout();
        }
    }

    private void release(NodeView v) {
        v.setSelected(false);
        if (nodePool.size() < POOL_LIMIT) {
            v.setVisible(false);
            nodePool.push(v);
        } else {
            nodeLayer.getChildren().remove(v);
        }
    }

    private void updateEdgeViews(double x0, double y0, double x1, double y1) {
        DesignAnalysis analysis = model.analysis();
        Set<Edge> seen = new HashSet<>();
        List<EdgeView> fresh = new ArrayList<>();
        for (Edge e : design.edges()) {
            if (e.equals(hiddenEdge)) {
                continue;
            }
            Wire wire = wireOf(e);
            if (wire == null || !wire.mayIntersect(x0, y0, x1, y1)) {
                continue;
            }
            seen.add(e);
            EdgeView v = edgeViews.get(e);
            if (v == null) {
                v = edgePool.poll();
                if (v == null) {
                    v = new EdgeView();
                    edgeLayer.getChildren().add(v);
                    labelLayer.getChildren().add(v.label());
                } else {
                    v.setVisible(true);
                    v.label().setVisible(v.shapeText() != null);
                }
                edgeViews.put(e, v);
                fresh.add(v);
            }
            NodeAnalysis source = analysis == null ? null : analysis.node(e.from().node());
            String problem = problemPorts.get(e.to().node() + "\u0000" + e.to().port());
            v.bind(e, wire, NodeText.wireShape(source, e.from().port()), problem, selectedEdges.contains(e));
        }
        for (Iterator<Map.Entry<Edge, EdgeView>> it = edgeViews.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Edge, EdgeView> e = it.next();
            if (!seen.contains(e.getKey())) {
                it.remove();
                release(e.getValue());
            }
        }
        for (EdgeView v : fresh) {
            v.applyCss();
            v.label().applyCss();
            v.label().autosize();
        }
    }

    private void release(EdgeView v) {
        if (edgePool.size() < POOL_LIMIT * 2) {
            v.setVisible(false);
            v.label().setVisible(false);
            edgePool.push(v);
        } else {
            edgeLayer.getChildren().remove(v);
            labelLayer.getChildren().remove(v.label());
        }
    }

    private void releaseAllViews() {
        if (nodeViews.isEmpty() && edgeViews.isEmpty()) {
            return;
        }
        for (NodeView v : nodeViews.values()) {
            release(v);
        }
        for (EdgeView v : edgeViews.values()) {
            release(v);
        }
        nodeViews.clear();
        edgeViews.clear();
    }

    /**
     * Keeps the overview drawing current. The drawing canvas reaches half a view beyond each side:
     * while only panning, the drawing is shifted instead of redrawn until the view leaves what was
     * drawn; then (or after a zoom or an edit) it is redrawn: just the view when the zoom or the
     * content changed (the next change is likely to be another), the whole canvas when panning.
     */
    private void updateOverview(double w, double h, double z, double tx, double ty) {
        double mx = Math.round(w / 2);
        double my = Math.round(h / 2);
        double dx = tx - ovTx;
        double dy = ty - ovTy;
        boolean reusable = !overviewStale && z == ovZoom
                && mx - dx >= ovX0 && mx - dx + w <= ovX1 && my - dy >= ovY0 && my - dy + h <= ovY1;
        if (reusable) {
            overviewCanvas.relocate(Math.round(dx - mx), Math.round(dy - my));
            return;
        }
        boolean wide = !overviewStale && z == ovZoom;
        overviewStale = false;
        ovZoom = z;
        ovTx = tx;
        ovTy = ty;
        if (wide) {
            ovX0 = 0;
            ovY0 = 0;
            ovX1 = overviewCanvas.getWidth();
            ovY1 = overviewCanvas.getHeight();
        } else {
            ovX0 = mx;
            ovY0 = my;
            ovX1 = mx + w;
            ovY1 = my + h;
        }
        overviewCanvas.relocate(-mx, -my);
        drawOverview(tx + mx, ty + my, ovX0, ovY0, ovX1, ovY1);
    }

    /**
     * The zoomed-out drawing: rectangles and curves in the theme's colours, titles while they are
     * legible. Canvas point = design point × zoom + (tx, ty); draws what falls in the canvas
     * rectangle (cx0, cy0)–(cx1, cy1).
     */
    private void drawOverview(double tx, double ty, double cx0, double cy0, double cx1, double cy1) {
        GraphicsContext gc = overviewCanvas.getGraphicsContext2D();
        gc.clearRect(0, 0, overviewCanvas.getWidth(), overviewCanvas.getHeight());
        double z = zoom.get();
        Set<String> selection = model.selection();
        double x0 = (cx0 - tx) / z;
        double y0 = (cy0 - ty) / z;
        double x1 = (cx1 - tx) / z;
        double y1 = (cy1 - ty) / z;
        List<String> visible = new ArrayList<>();
        for (String id : geometry.keySet()) {
            if (liveGeometry(id).intersects(x0, y0, x1, y1)) {
                visible.add(id);
            }
        }

        // Wires: one path for all ordinary ones, one for those into a port with a problem.
        gc.setLineWidth(Math.max(0.7, 1.5 * z));
        for (int pass = 0; pass < 2; pass++) {
            gc.beginPath();
            boolean any = false;
            for (Edge e : design.edges()) {
                if (e.equals(hiddenEdge)) {
                    continue;
                }
                boolean problem = problemPorts.containsKey(e.to().node() + "\u0000" + e.to().port());
                boolean selected = selectedEdges.contains(e);
                if ((pass == 1) != (problem || selected)) {
                    continue;
                }
                Wire wr = wireOf(e);
                if (wr == null || !wr.mayIntersect(x0, y0, x1, y1)) {
                    continue;
                }
                gc.moveTo(wr.x0() * z + tx, wr.y0() * z + ty);
                gc.bezierCurveTo(wr.c1x() * z + tx, wr.c1y() * z + ty, wr.c2x() * z + tx, wr.c2y() * z + ty,
                        wr.x1() * z + tx, wr.y1() * z + ty);
                any = true;
            }
            if (any) {
                gc.setStroke(pass == 0 ? colors.paint("edge") : colors.paint("danger"));
                gc.stroke();
            }
        }
        if (!selectedEdges.isEmpty()) {
            gc.beginPath();
            for (Edge e : selectedEdges) {
                Wire wr = wireOf(e);
                if (wr != null) {
                    gc.moveTo(wr.x0() * z + tx, wr.y0() * z + ty);
                    gc.bezierCurveTo(wr.c1x() * z + tx, wr.c1y() * z + ty, wr.c2x() * z + tx, wr.c2y() * z + ty,
                            wr.x1() * z + tx, wr.y1() * z + ty);
                }
            }
            gc.setStroke(colors.paint("accent"));
            gc.setLineWidth(Math.max(1.5, 2.5 * z));
            gc.stroke();
        }

        // Node bodies: screen rectangles computed once, then one path per paint.
        int n = visible.size();
        double[] rx = new double[n];
        double[] ry = new double[n];
        double[] rw = new double[n];
        double[] rh = new double[n];
        int[] cat = new int[n];
        for (int i = 0; i < n; i++) {
            String id = visible.get(i);
            NodeGeometry g = liveGeometry(id);
            rx[i] = g.x() * z + tx;
            ry[i] = g.y() * z + ty;
            rw[i] = g.width() * z;
            rh[i] = g.height() * z;
            cat[i] = categories.getOrDefault(id, 7);
        }
        gc.beginPath();
        for (int i = 0; i < n; i++) {
            gc.rect(rx[i], ry[i], rw[i], rh[i]);
        }
        gc.setFill(colors.paint("node"));
        gc.fill();
        gc.setStroke(colors.paint("node-border"));
        gc.setLineWidth(1);
        gc.stroke();
        // Category stripes (axis-aligned rectangles: cheap fills).
        double stripe = Math.max(1.5, 5 * z);
        for (int c = 0; c < 8; c++) {
            gc.setFill(colors.paint("cat-" + c));
            for (int i = 0; i < n; i++) {
                if (cat[i] == c) {
                    gc.fillRect(rx[i], ry[i], stripe, rh[i]);
                }
            }
        }
        // Problems and selection outlines.
        outline(gc, visible, rx, ry, rw, rh, problemNodes, colors.paint("danger"), Math.max(1.5, 2 * z));
        outline(gc, visible, rx, ry, rw, rh, selection, colors.paint("accent"), Math.max(2, 3 * z));
        // Titles, while they are legible.
        if (z >= 0.25) {
            double size = Math.min(12, 12 * z / DETAIL_ZOOM);
            gc.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, size));
            gc.setFill(colors.paint("text"));
            double pad = 8 * z + stripe;
            for (int i = 0; i < n; i++) {
                String title = titles.get(visible.get(i));
                if (title != null) {
                    gc.fillText(title, rx[i] + pad, ry[i] + Math.min(rh[i] / 2 + size / 3, size + 4 * z),
                            Math.max(1, rw[i] - pad - 4));
                }
            }
        }
    }

    private static void outline(GraphicsContext gc, List<String> visible, double[] rx, double[] ry, double[] rw, double[] rh,
                                Set<String> which, Paint paint, double width) {
        if (which.isEmpty()) {
            return;
        }
        gc.beginPath();
        boolean any = false;
        for (int i = 0; i < rx.length; i++) {
            if (which.contains(visible.get(i))) {
                gc.rect(rx[i], ry[i], rw[i], rh[i]);
                any = true;
            }
        }
        if (any) {
            gc.setStroke(paint);
            gc.setLineWidth(width);
            gc.stroke();
        }
    }

    /**
     * Grid lines every {@link #GRID} units, every fifth stronger (coarser when zoomed out). The
     * lines are drawn once per zoom on a canvas one period larger than the view on each side;
     * panning only shifts that canvas by the pan modulo the period, so it costs nothing.
     */
    private void drawGrid() {
        double z = zoom.get();
        double step = GRID;
        while (step * z < 10) {
            step *= 5;
        }
        double minor = step * z;
        double period = minor * 5;
        int margin = (int) Math.ceil(period);
        double w = getWidth();
        double h = getHeight();
        String key = z + "/" + w + "/" + h;
        if (!key.equals(gridDrawnFor)) {
            gridDrawnFor = key;
            double cw = Math.max(1, w + 2 * margin);
            double ch = Math.max(1, h + 2 * margin);
            gridCanvas.setWidth(cw);
            gridCanvas.setHeight(ch);
            GraphicsContext gc = gridCanvas.getGraphicsContext2D();
            gc.clearRect(0, 0, cw, ch);
            for (int pass = 0; pass < 2; pass++) {
                gc.setFill(pass == 0 ? colors.color("grid").deriveColor(0, 1, 1, 0.5)
                        : colors.color("grid-major").deriveColor(0, 1, 1, 0.85));
                for (int i = 0; i * minor < cw; i++) {
                    if ((i % 5 == 0) == (pass == 1)) {
                        gc.fillRect(Math.round(i * minor), 0, 1, ch);
                    }
                }
                for (int i = 0; i * minor < ch; i++) {
                    if ((i % 5 == 0) == (pass == 1)) {
                        gc.fillRect(0, Math.round(i * minor), cw, 1);
                    }
                }
            }
        }
        // Canvas line i·period must land on design line k·5·step: shift by the pan modulo the period.
        double ox = pan.getX() - Math.floor(pan.getX() / period) * period - period;
        double oy = pan.getY() - Math.floor(pan.getY() / period) * period - period;
        gridCanvas.relocate(Math.round(ox), Math.round(oy));
    }

    /** For the export: builds skins for every node and wire (not virtualized) into the given layers. */
    void buildAllViews(Group edges, Group labels, Group nodes, double offsetX, double offsetY) {
        buildViews(edges, labels, nodes, offsetX, offsetY, null);
    }

    /** Skins (not virtualized, not pooled) for the nodes and wires that meet {@code region} (design coordinates; null: all). */
    void buildViews(Group edges, Group labels, Group nodes, double offsetX, double offsetY, Bounds region) {
        syncGeometry();
        refreshProblemIndex();
        DesignAnalysis analysis = model.analysis();
        for (Edge e : design.edges()) {
            Wire wire = wireOf(e);
            if (wire == null || (region != null
                    && !wire.mayIntersect(region.getMinX(), region.getMinY(), region.getMaxX(), region.getMaxY()))) {
                continue;
            }
            EdgeView v = new EdgeView();
            NodeAnalysis source = analysis == null ? null : analysis.node(e.from().node());
            v.bind(e, wire, NodeText.wireShape(source, e.from().port()),
                    problemPorts.get(e.to().node() + "\u0000" + e.to().port()), false);
            edges.getChildren().add(v);
            labels.getChildren().add(v.label());
        }
        for (var n : design.nodes()) {
            NodeGeometry g = geometry.get(n.id());
            if (region != null && !g.intersects(region.getMinX(), region.getMinY(), region.getMaxX(), region.getMaxY())) {
                continue;
            }
            NodeView v = new NodeView();
            v.bind(n, model.findType(n.type()), g, analysis == null ? null : analysis.node(n.id()), design);
            nodes.getChildren().add(v);
        }
        for (Group g : new Group[] {edges, labels, nodes}) {
            g.setTranslateX(offsetX);
            g.setTranslateY(offsetY);
        }
    }

    /** The scene's stylesheets and root style classes, so an export looks like the canvas. */
    void copyStyling(Scene target, Region root) {
        Scene own = getScene();
        if (own != null) {
            target.getStylesheets().setAll(own.getStylesheets());
            if (own.getRoot() != null) {
                for (String c : own.getRoot().getStyleClass()) {
                    if (!"root".equals(c) && !root.getStyleClass().contains(c)) {
                        root.getStyleClass().add(c);
                    }
                }
                root.setStyle(own.getRoot().getStyle());
            }
        }
    }
}
