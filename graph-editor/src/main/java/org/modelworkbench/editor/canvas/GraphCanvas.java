package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.Dimension2D;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.modelworkbench.editor.edit.RemoveElements;
import org.modelworkbench.editor.layout.AutoLayout;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.editor.overlay.NodeOverlay;
import org.modelworkbench.editor.overlay.OverlayLegend;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignChange;
import org.modelworkbench.projects.design.Edge;

/**
 * The graph canvas: an infinite, zoomable sheet showing the design of an {@link EditorModel}
 * with block skins ({@link NodeView}) and wires ({@link EdgeView}).
 *
 * <p>The canvas puts together parts with one job each: {@link CanvasContent} (node geometry,
 * categories, problems, a drag in progress: what is drawn, without skins), {@link Viewport} (zoom
 * and pan), {@link NodeSkins} and {@link WireLayer} (which skins exist: virtualised and pooled),
 * {@link OverviewRenderer} (the low-zoom drawing), {@link GridLayer}, {@link HitTesting} (what lies
 * at a point, for {@link CanvasGestures}) and {@link ExportSkins} (for {@link GraphExport}). This
 * class follows the model, decides once per pulse what to show, and offers the public API.
 *
 * <p><b>Rendering.</b> Only what is visible is built: skins exist for the nodes and wires that
 * meet the viewport (plus a margin), are recycled as the view moves, and are re-bound only when
 * their node, its analysis or the selection changed (the design's change events and the analysis
 * snapshot say what changed). When zoomed out so far that text could not be read (or too many
 * nodes are in view), the canvas switches to an overview drawn on a {@code Canvas}: one rectangle
 * per node, one curve per wire, in the theme's colours. Node positions and sizes come from
 * {@link NodeGeometry}, so hit-testing, the overview, the minimap and export need no skins.
 *
 * <p><b>Editing.</b> Every change goes through the model's commands, one undo step per gesture:
 * see {@link CanvasGestures} for the mouse and keyboard bindings.
 *
 * <p><b>Lifecycle.</b> The canvas follows the model until {@link #dispose()}.
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
    static final double ZOOM_STEP = 1.2;

    private final EditorModel model;
    private final Design design;

    private final Group world = new Group();
    final Group worldOverlay = new Group();
    final Pane screenOverlay = new Pane();
    final CanvasColors colors = new CanvasColors();
    private final Rectangle clip = new Rectangle();

    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
    private final ReadOnlyObjectWrapper<Bounds> visibleBounds = new ReadOnlyObjectWrapper<>(this, "visibleBounds",
            new BoundingBox(0, 0, 0, 0));
    private final ReadOnlyLongWrapper contentRevision = new ReadOnlyLongWrapper(this, "contentRevision");
    private final ObservableSet<Edge> selectedEdges = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObjectProperty<Consumer<String>> onOpenNode = new SimpleObjectProperty<>(this, "onOpenNode");
    private final ObjectProperty<NodeOverlay> overlay = new SimpleObjectProperty<>(this, "overlay");
    private final OverlayLegend legend = new OverlayLegend();

    private final CanvasContent content;
    private final Viewport viewport;
    private final HitTesting hits;
    private final NodeSkins nodeSkins;
    private final WireLayer wires;
    private final OverviewRenderer overview;
    private final GridLayer grid;

    private boolean dirty = true;
    private boolean detailMode = true;

    private final CanvasGestures gestures;
    /** What this canvas follows in the model; removed on {@link #dispose()}. */
    private final Subscriptions subscriptions = new Subscriptions();

    public GraphCanvas(EditorModel model) {
        this.model = model;
        this.design = model.design();
        content = new CanvasContent(model);
        viewport = new Viewport(this, this::contentBounds, id -> {
            content.sync();
            return content.stored(id);
        }, this::viewportChanged);
        viewport.setObstacles(this::obstacleBounds);
        hits = new HitTesting(content, design, model.selection());
        nodeSkins = new NodeSkins(model, content);
        wires = new WireLayer(model, content, selectedEdges);
        overview = new OverviewRenderer(content, design, model.selection(), selectedEdges, colors, overlay::get);
        grid = new GridLayer(colors);
        setId("graph-canvas");
        contextMenu.setId("canvas-context-menu");
        getStyleClass().add("graph-canvas");
        getStylesheets().add(STYLESHEET);
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(800, 600);

        world.setManaged(false);
        world.getTransforms().setAll(viewport.pan, viewport.scale);
        world.getChildren().addAll(wires.edges, wires.labels, nodeSkins.layer, worldOverlay);
        worldOverlay.setAutoSizeChildren(false);
        worldOverlay.setMouseTransparent(true);
        screenOverlay.setMouseTransparent(true);
        screenOverlay.setManaged(false);
        legend.setManaged(false);
        legend.setVisible(false);
        getChildren().addAll(colors, grid.canvas, overview.canvas, world, screenOverlay, legend);
        avoidWhenFitting(legend);
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        colors.onChange(() -> {
            grid.colorsChanged();
            markContentDirty();
        });
        subscriptions.onDesignChange(model, this::designChanged);
        subscriptions.onInvalidated(model.analysisProperty(), o -> contentChanged());
        subscriptions.onSetChange(model.selection(), c -> markContentDirty());
        // The canvas's own property: nothing outside the canvas is followed for it.
        overlay.addListener((obs, was, now) -> overlayChanged());
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

    // ------------------------------------------------------------------ view: zoom and pan (see Viewport)

    public DoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    public double getZoom() {
        return viewport.zoom();
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

    private final ObjectProperty<ContextMenuProvider> contextMenuProvider =
            new SimpleObjectProperty<>(this, "contextMenuProvider", ContextMenuProvider.KIT);
    private final ContextMenu contextMenu = new ContextMenu();

    /** What a right-click offers: the kit's items ({@link CanvasContextMenus}), as the provider extends them. */
    public ObjectProperty<ContextMenuProvider> contextMenuProviderProperty() {
        return contextMenuProvider;
    }

    public void setContextMenuProvider(ContextMenuProvider provider) {
        contextMenuProvider.set(provider == null ? ContextMenuProvider.KIT : provider);
    }

    /** The canvas's context menu (one, reused), e.g. to see whether it is showing. */
    public ContextMenu contextMenu() {
        return contextMenu;
    }

    /** Shows the context menu for a target at a screen point (what a right-click does). */
    public void showContextMenu(CanvasContextMenus.Target target, double screenX, double screenY) {
        contextMenu.hide();
        List<javafx.scene.control.MenuItem> kit = CanvasContextMenus.kitItems(this, target);
        ContextMenuProvider provider = contextMenuProvider.get();
        List<javafx.scene.control.MenuItem> items = provider == null ? kit : provider.items(target, List.copyOf(kit));
        if (items == null || items.isEmpty()) {
            return;
        }
        contextMenu.getItems().setAll(items);
        contextMenu.show(this, screenX, screenY);
    }

    /** Called with a node id when a node is double-clicked (e.g. to open a composite block). */
    public ObjectProperty<Consumer<String>> onOpenNodeProperty() {
        return onOpenNode;
    }

    // ------------------------------------------------------------------ overlay: a value per node

    /**
     * A value per node shown over the graph (see {@link NodeOverlay}): nodes with a value are filled
     * with its colour, in the skins and in the overview, and a legend shows the scale in the
     * bottom-left corner (the minimap keeps the bottom-right). Null: the normal look.
     */
    public ObjectProperty<NodeOverlay> overlayProperty() {
        return overlay;
    }

    public NodeOverlay getOverlay() {
        return overlay.get();
    }

    public void setOverlay(NodeOverlay value) {
        overlay.set(value);
    }

    /** Back to the normal look. */
    public void clearOverlay() {
        overlay.set(null);
    }

    /** The overlay's legend (shown while an overlay is set). */
    public OverlayLegend overlayLegend() {
        return legend;
    }

    private void overlayChanged() {
        NodeOverlay o = overlay.get();
        legend.setVisible(o != null);
        updateLegend();
        markContentDirty();
    }

    private void updateLegend() {
        NodeOverlay o = overlay.get();
        if (o == null) {
            return;
        }
        int valued = 0;
        for (var n : design.nodes()) {
            if (o.values().containsKey(n.id())) {
                valued++;
            }
        }
        legend.show(o, valued, design.size());
        requestLayout();
    }

    /** Zooms in one step around the centre of the view. */
    public void zoomIn() {
        viewport.zoomBy(ZOOM_STEP, null);
    }

    public void zoomOut() {
        viewport.zoomBy(1 / ZOOM_STEP, null);
    }

    /** Zoom 100 %, keeping the centre of the view. */
    public void resetZoom() {
        viewport.resetZoom();
    }

    /** Zooms by {@code factor} keeping the design point under {@code pivot} (canvas coordinates; null: the centre). */
    public void zoomBy(double factor, Point2D pivot) {
        viewport.zoomBy(factor, pivot);
    }

    /** Shows the whole design (at most 125 %), clear of the panels floating over the canvas (the minimap). */
    public void zoomToFit() {
        viewport.zoomToFit();
    }

    /** {@link #zoomToFit()} zoomed at most to {@code maxZoom} (e.g. 1: a small design is not blown up). */
    public void zoomToFit(double maxZoom) {
        viewport.zoomToFit(maxZoom);
    }

    private final List<Node> floating = new ArrayList<>();

    /**
     * A panel drawn over the canvas (the minimap registers itself): {@link #zoomToFit()} keeps the
     * content out from under it while it is visible.
     */
    public void avoidWhenFitting(Node panel) {
        if (!floating.contains(panel)) {
            floating.add(panel);
        }
    }

    public void stopAvoiding(Node panel) {
        floating.remove(panel);
    }

    /** The floating panels that are shown over the canvas, in canvas coordinates. */
    List<Bounds> obstacleBounds() {
        List<Bounds> out = new ArrayList<>();
        for (Node n : floating) {
            if (!n.isVisible() || n.getScene() == null || n.getScene() != getScene()) {
                continue;
            }
            Bounds b = sceneToLocal(n.localToScene(n.getLayoutBounds()));
            if (b != null && b.getWidth() > 0 && b.intersects(0, 0, getWidth(), getHeight())) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Lays out the whole design with {@link AutoLayout} off the FX thread (one undo step) and fits
     * the view once the new positions are applied; returns the running task (cancel it to stop).
     */
    public Task<Map<String, Point2D>> autoLayout() {
        Task<Map<String, Point2D>> task = AutoLayout.layoutTask(model, false, id -> {
            NodeGeometry g = geometryOf(id);
            return g == null ? AutoLayout.DEFAULT_SIZE : new Dimension2D(g.width(), g.height());
        });
        // AutoLayout applies the positions in a handler of its own, registered first: fit after it.
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> zoomToFit());
        Thread t = new Thread(task, "auto-layout");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** Scrolls the node into the middle of the view (zooming in if the view is too far out to read it). */
    public void centerOn(String nodeId) {
        viewport.centerOn(nodeId);
    }

    /** Puts the design point at the centre of the view (the minimap does this). */
    public void centerAt(double designX, double designY) {
        viewport.centerAt(designX, designY);
    }

    /** Moves the view by a distance in screen pixels. */
    public void panBy(double dx, double dy) {
        viewport.panBy(dx, dy);
    }

    /** Sets zoom and translation at once: canvas point = design point × zoom + (tx, ty). */
    public void setView(double z, double tx, double ty) {
        viewport.setView(z, tx, ty);
    }

    public double translateXOfView() {
        return viewport.tx();
    }

    public double translateYOfView() {
        return viewport.ty();
    }

    static double clampZoom(double z) {
        return Viewport.clampZoom(z);
    }

    private void viewportChanged() {
        grid.markDirty();
        markDirty();
    }

    /** Canvas (local) coordinates to design coordinates. */
    public Point2D toDesign(double localX, double localY) {
        return viewport.toDesign(localX, localY);
    }

    /** Design coordinates to canvas (local) coordinates. */
    public Point2D toLocal(double designX, double designY) {
        return viewport.toLocal(designX, designY);
    }

    double snap(double v) {
        return Math.round(v / GRID) * GRID;
    }

    // ------------------------------------------------------------------ content (see CanvasContent)

    /** Bounds of all nodes in design coordinates (empty at the origin when there are none). */
    public Bounds contentBounds() {
        return content.bounds();
    }

    /** The geometry of every node, in design order (live positions of dragged nodes not included). */
    public List<NodeGeometry> nodeGeometries() {
        content.sync();
        List<NodeGeometry> all = new ArrayList<>();
        content.all().forEach(all::add);
        return List.copyOf(all);
    }

    /** Where a node lies now (including an ongoing drag), or null. */
    public NodeGeometry geometryOf(String nodeId) {
        content.sync();
        return content.live(nodeId);
    }

    Iterable<NodeGeometry> allGeometry() {
        return content.all();
    }

    int categoryIndexOf(String nodeId) {
        return content.categoryIndexOf(nodeId);
    }

    boolean hasProblem(String nodeId) {
        return content.hasProblem(nodeId);
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
            if (content.exists(e) && !ids.contains(e.from().node()) && !ids.contains(e.to().node())) {
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

    /**
     * Adds a block in the middle of the view (e.g. Enter or a double-click in the palette), or, when
     * that spot is taken, at the nearest free spot around it (see {@link FreeSpace}); returns its id.
     */
    public String addBlockAtCenter(String typeId) {
        Point2D c = toDesign(getWidth() / 2, getHeight() / 2);
        var type = model.findType(typeId).orElseThrow(() -> new IllegalArgumentException("unknown block type " + typeId));
        NodeGeometry probe = NodeGeometry.of(new org.modelworkbench.projects.design.Node("new", typeId,
                new java.util.LinkedHashMap<>(type.defaults().asMap()), 0, 0), model::findType, design);
        double x = snap(c.getX() - probe.width() / 2);
        double y = snap(c.getY() - probe.height() / 2);
        Point2D off = FreeSpace.offset(List.of(new BoundingBox(x, y, probe.width(), probe.height())), occupied(), GRID);
        String id = model.addNode(typeId, x + off.getX(), y + off.getY());
        selectedEdges.clear();
        return id;
    }

    /** The bounds of every node now. */
    private List<Bounds> occupied() {
        content.sync();
        List<Bounds> out = new ArrayList<>();
        for (NodeGeometry g : content.all()) {
            out.add(g.bounds());
        }
        return out;
    }

    // ------------------------------------------------------------------ views (for tests and tools)

    /** The skin of a node, if it is built (i.e. in view and zoomed in far enough). */
    public Optional<NodeView> nodeView(String nodeId) {
        return Optional.ofNullable(nodeSkins.get(nodeId));
    }

    public Optional<EdgeView> edgeView(Edge edge) {
        return Optional.ofNullable(wires.get(edge));
    }

    /** How many node skins exist now (virtualization keeps this near the number in view). */
    public int nodeViewCount() {
        return nodeSkins.count();
    }

    public int edgeViewCount() {
        return wires.count();
    }

    /** For tests: how many pieces of text the overview's last drawing wrote. */
    int overviewTextsDrawn() {
        return overview.textsDrawn();
    }

    /** True when skins are shown; false when the overview is drawn instead. */
    public boolean isDetailMode() {
        return detailMode;
    }

    /** The id of the node at a canvas point, if any (e.g. for a context menu). */
    public Optional<String> nodeAt(double localX, double localY) {
        Point2D d = toDesign(localX, localY);
        return Optional.ofNullable(hits.hitNode(d.getX(), d.getY()));
    }

    // ------------------------------------------------------------------ gesture support

    /** What lies at a design point (nodes, ports, wires). */
    HitTesting hits() {
        return hits;
    }

    void setDrag(Set<String> ids, double dx, double dy) {
        content.setDrag(ids, dx, dy);
        markContentDirty();
    }

    void clearDrag() {
        content.clearDrag();
        markContentDirty();
    }

    void hideEdge(Edge e) {
        content.hideEdge(e);
        markContentDirty();
    }

    // ------------------------------------------------------------------ change tracking

    private void designChanged(DesignChange change) {
        content.designChanged(change);
        contentChanged();
    }

    private void contentChanged() {
        contentRevision.set(contentRevision.get() + 1);
        updateLegend();
        markContentDirty();
    }

    /** Something drawn changed (not just the view): the overview must be redrawn too. */
    void markContentDirty() {
        overview.markStale();
        markDirty();
    }

    void markDirty() {
        dirty = true;
        requestLayout();
    }

    // ------------------------------------------------------------------ layout and rendering

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (overview.resizeFor(w, h)) {
            screenOverlay.resize(w, h);
            grid.markDirty();
            dirty = true;
        }
        viewport.settle(w, h);
        if (legend.isVisible()) {
            legend.autosize();
            legend.relocate(12, Math.max(0, h - legend.getHeight() - 12));
        }
        if (dirty) {
            refresh();
        }
    }

    /** Brings skins and drawings up to date with the model and the view (once per pulse at most). */
    private void refresh() {
        dirty = false;
        content.sync();
        content.refreshProblems();
        selectedEdges.removeIf(e -> !content.exists(e));
        double w = getWidth();
        double h = getHeight();
        double z = viewport.zoom();
        double tx = viewport.tx();
        double ty = viewport.ty();
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
        for (String id : content.ids()) {
            NodeGeometry g = content.live(id);
            if (g.intersects(x0, y0, x1, y1)) {
                visible.add(id);
            }
        }
        boolean detail = z >= DETAIL_ZOOM && visible.size() <= MAX_DETAIL_NODES && w > 0;
        if (detail) {
            if (!detailMode) {
                overview.hide();
            }
            detailMode = true;
            world.setVisible(true);
            nodeSkins.update(visible, x0 - m, y0 - m, x1 + m, y1 + m, overlay.get());
            wires.update(x0, y0, x1, y1);
            boolean labels = z >= 0.6;
            if (wires.labels.isVisible() != labels) {
                wires.labels.setVisible(labels);
            }
        } else {
            detailMode = false;
            if (!nodeSkins.isEmpty() || !wires.isEmpty()) {
                nodeSkins.releaseAll();
                wires.releaseAll();
            }
            overview.show(w, h, z, tx, ty);
        }
        grid.update(w, h, z, viewport.tx(), viewport.ty());
    }

    // ------------------------------------------------------------------ export support (see ExportSkins)

    /** For the export: builds skins for every node and wire (not virtualized) into the given layers. */
    void buildAllViews(Group edges, Group labels, Group nodes, double offsetX, double offsetY) {
        buildViews(edges, labels, nodes, offsetX, offsetY, null);
    }

    /** Skins (not virtualized, not pooled) for the nodes and wires that meet {@code region} (design coordinates; null: all). */
    void buildViews(Group edges, Group labels, Group nodes, double offsetX, double offsetY, Bounds region) {
        ExportSkins.build(content, model, edges, labels, nodes, offsetX, offsetY, region);
    }

    /** The scene's stylesheets and root style classes, so an export looks like the canvas. */
    void copyStyling(Scene target, Region root) {
        ExportSkins.copyStyling(getScene(), target, root);
    }
}
