package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;
import javafx.util.Duration;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * The skin of one block on the canvas: category stripe, display name, id and type, key
 * hyper-parameters, output shape and a params · MACs badge; input ports on the top edge, outputs
 * on the bottom edge. A node (or port) with a problem is drawn in the danger colour with the
 * message in a tooltip. Its size comes from {@link NodeGeometry} and never from its text, so wires
 * attach where the ports are drawn. Skins are recycled: {@link #bind} shows another node.
 */
public final class NodeView extends Region {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final Region stripe = new Region();
    private final FittedText title = new FittedText("node-title");
    private final FittedText subtitle = new FittedText("node-subtitle");
    private final FittedText params = new FittedText("node-params");
    private final FittedText shape = new FittedText("node-shape");
    private final TagLabel badge = new TagLabel("node-badge", 4, 0);
    /** Created when first needed: most skins have neither, and every node costs CSS time. */
    private SVGPath problemMark;
    private SVGPath compositeIcon;
    private Label portLabel;
    private PortView labelledPort;
    private final List<PortView> inputs = new ArrayList<>();
    private final List<PortView> outputs = new ArrayList<>();

    private Node node;
    private NodeGeometry geometry;
    private NodeAnalysis analysis;
    private String problemText = "";
    private Tooltip tooltip;
    private boolean selected;
    /** The overlay's fill and tooltip line; null when the node has no value (or no overlay is set). */
    private javafx.scene.paint.Color overlayFill;
    private String overlayText;

    NodeView() {
        getStyleClass().add("graph-node");
        setManaged(false);
        stripe.getStyleClass().add("category-stripe");
        stripe.setMouseTransparent(true);
        getChildren().addAll(stripe, title, subtitle, params, shape, badge);
        setOnMouseEntered(e -> ensureTooltip());
    }


    /** The design node shown, or null while unbound. */
    public Node node() {
        return node;
    }

    public String nodeId() {
        return node == null ? null : node.id();
    }

    public NodeGeometry geometry() {
        return geometry;
    }

    public List<PortView> inputPorts() {
        return List.copyOf(inputs);
    }

    public List<PortView> outputPorts() {
        return List.copyOf(outputs);
    }

    public Optional<PortView> port(String name, boolean input) {
        for (PortView p : input ? inputs : outputs) {
            if (p.portName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public boolean hasProblem() {
        return getStyleClass().contains("problem");
    }

    /** All problem messages of this node (node and ports), one per line; empty when none. */
    public String problemText() {
        return problemText;
    }

    /** The tooltip of the node (created on first hover, or at once when the node has a problem). */
    public Tooltip tooltip() {
        ensureTooltip();
        return tooltip;
    }

    public String titleText() {
        return title.full();
    }

    /** The node's lines of text as drawn (possibly shortened with "…"): title, subtitle, key parameters, shape. */
    List<javafx.scene.text.Text> texts() {
        return List.of(title, subtitle, params, shape);
    }

    /** The full text of a line from {@link #texts()}. */
    static String fullText(javafx.scene.text.Text line) {
        return ((FittedText) line).full();
    }

    public String keyParamsText() {
        return params.full();
    }

    public String shapeText() {
        return shape.full();
    }

    public String badgeText() {
        return badge.getText();
    }

    /** The badge as drawn (for tests: its width against what its text needs). */
    Region badge() {
        return badge;
    }

    boolean isSelected() {
        return selected;
    }

    void setSelected(boolean value) {
        if (value != selected) {
            selected = value;
            pseudoClassStateChanged(SELECTED, value);
            if (value) {
                toFront();
            }
        }
    }

    /**
     * Fills the node with an overlay's colour (null: its normal look), its text in black or white
     * to read on it, and puts {@code text} first in its tooltip.
     */
    void setOverlay(javafx.scene.paint.Color fill, String text) {
        if (Objects.equals(fill, overlayFill) && Objects.equals(text, overlayText)) {
            return;
        }
        overlayFill = fill;
        overlayText = fill == null ? null : text;
        // An inline style: it wins over the selected and problem backgrounds; borders stay theirs.
        setStyle(fill == null ? "" : "-fx-background-color: " + web(fill) + ";");
        boolean dark = fill != null && org.modelworkbench.editor.overlay.ColorScale.isDark(fill);
        setClass(this, "overlay-dark", fill != null && dark);
        setClass(this, "overlay-light", fill != null && !dark);
        if (tooltip != null) {
            tooltip.setText(summary());
        }
    }

    /** The overlay colour the node is filled with, or null. */
    public javafx.scene.paint.Color overlayFill() {
        return overlayFill;
    }

    private static String web(javafx.scene.paint.Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    /** Shows {@code n}; returns false when nothing changed. */
    boolean bind(Node n, Optional<BlockType> type, NodeGeometry g, NodeAnalysis a, Design design) {
        boolean sameNode = n.equals(node);
        boolean sameGeometry = g.equals(geometry);
        boolean sameAnalysis = Objects.equals(a, analysis);
        if (sameNode && sameGeometry && sameAnalysis && !portsStale(design)) {
            return false;
        }
        boolean newIdentity = node == null || !node.id().equals(n.id());
        boolean shapeChanged = !g.sameShape(geometry);
        node = n;
        geometry = g;
        analysis = a;
        if (newIdentity) {
            setIdIfChanged(this, CanvasIds.node(n.id()));
        }
        relocate(g.x(), g.y());
        resize(g.width(), g.height());
        if (shapeChanged || newIdentity) {
            rebuildPorts(g);
        }
        if (!sameNode || !sameAnalysis || newIdentity) {
            fill(n, type, a);
        }
        updatePorts(design, a);
        return true;
    }

    /** Moves the skin without touching its content (dragging). */
    void moveTo(double x, double y) {
        relocate(x, y);
    }

    private void fill(Node n, Optional<BlockType> type, NodeAnalysis a) {
        title.show(NodeText.title(n, type));
        subtitle.show(NodeText.subtitle(n));
        params.show(NodeText.keyParams(n, type));
        String shapes = NodeText.outputShapes(a);
        String firstProblem = NodeText.problemText(a).lines().findFirst().orElse("");
        // Where a shape would be, a block that could not be evaluated says why (in full in the tooltip).
        boolean showProblem = "?".equals(shapes) && !firstProblem.isEmpty();
        shape.show(showProblem ? firstProblem : shapes);
        setClass(shape, "unknown", "?".equals(shapes) && !showProblem);
        setClass(shape, "problem-text", showProblem);
        String b = NodeText.badge(a);
        badge.setText(b);
        badge.setVisible(!b.isEmpty());
        setClass(badge, "free", NodeText.costsNothing(a));
        boolean composite = type.map(BlockType::isComposite).orElse(false);
        if (composite && compositeIcon == null) {
            compositeIcon = icon("composite-icon",
                    // Two overlapping squares: "this block has an inside".
                    "M3 0 H11 V8 H9 V2 H3 Z M0 3 H8 V11 H0 Z M1.5 4.5 V9.5 H6.5 V4.5 Z");
        }
        if (compositeIcon != null) {
            compositeIcon.setVisible(composite);
        }
        setClass(this, "composite", composite);
        String cat = "cat-" + type.map(t -> categoryIndex(t.category())).orElse(7);
        if (!stripe.getStyleClass().contains(cat)) {
            stripe.getStyleClass().removeIf(c -> c.startsWith("cat-"));
            stripe.getStyleClass().add(cat);
        }
        problemText = NodeText.problemText(a);
        boolean problem = !problemText.isEmpty() || type.isEmpty();
        if (type.isEmpty() && problemText.isEmpty()) {
            problemText = "unknown block type " + n.type();
        }
        setClass(this, "problem", problem);
        if (problem && problemMark == null) {
            // A filled disc with an exclamation mark cut out of it.
            problemMark = icon("problem-mark", "M7 0 A7 7 0 1 0 7 14 A7 7 0 1 0 7 0 Z M6 3 H8 V8.5 H6 Z M6 10 H8 V12 H6 Z");
            problemMark.setFillRule(javafx.scene.shape.FillRule.EVEN_ODD);
        }
        if (problemMark != null) {
            problemMark.setVisible(problem);
        }
        if (problem) {
            ensureTooltip();
        } else if (tooltip != null) {
            tooltip.setText(summary());
        }
    }

    private SVGPath icon(String styleClass, String path) {
        SVGPath p = new SVGPath();
        p.getStyleClass().add(styleClass);
        p.setContent(path);
        p.setMouseTransparent(true);
        getChildren().add(6, p);
        p.applyCss();
        return p;
    }

    private boolean portsStale(Design design) {
        if (node == null) {
            return true;
        }
        for (PortView p : inputs) {
            if (p.isConnected() != design.incoming(node.id()).containsKey(p.portName())) {
                return true;
            }
        }
        for (PortView p : outputs) {
            if (p.isConnected() != hasOutgoing(design, node.id(), p.portName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOutgoing(Design design, String nodeId, String port) {
        for (Edge e : design.outgoing(nodeId)) {
            if (e.from().port().equals(port)) {
                return true;
            }
        }
        return false;
    }

    private void rebuildPorts(NodeGeometry g) {
        getChildren().removeAll(inputs);
        getChildren().removeAll(outputs);
        if (portLabel != null) {
            getChildren().remove(portLabel);
        }
        inputs.clear();
        outputs.clear();
        for (int i = 0; i < g.inputs().size(); i++) {
            inputs.add(new PortView(this, g.inputs().get(i), true, g.portOffset(i, g.inputs().size()), 0));
        }
        for (int i = 0; i < g.outputs().size(); i++) {
            outputs.add(new PortView(this, g.outputs().get(i), false, g.portOffset(i, g.outputs().size()), g.height()));
        }
        getChildren().addAll(inputs);
        getChildren().addAll(outputs);
        if (portLabel != null) {
            getChildren().add(portLabel);
        }
    }

    private void updatePorts(Design design, NodeAnalysis a) {
        for (int i = 0; i < inputs.size(); i++) {
            PortView p = inputs.get(i);
            setIdIfChanged(p, CanvasIds.inputPort(node.id(), p.portName()));
            p.setConnected(design.incoming(node.id()).containsKey(p.portName()));
            List<Problem> problems = NodeText.portProblems(a, p.portName());
            String shapeText = a != null && i < a.inputs().size() && a.inputs().get(i) != null ? a.inputs().get(i).toString() : null;
            p.setInfo(shapeText, problems.isEmpty() ? null
                    : String.join("\n", problems.stream().map(Problem::message).toList()));
        }
        for (PortView p : outputs) {
            setIdIfChanged(p, CanvasIds.outputPort(node.id(), p.portName()));
            p.setConnected(hasOutgoing(design, node.id(), p.portName()));
            p.setInfo(NodeText.wireShape(a, p.portName()), null);
        }
    }

    private void ensureTooltip() {
        if (node == null) {
            return;
        }
        if (tooltip == null) {
            tooltip = new Tooltip();
            tooltip.setShowDelay(Duration.millis(350));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            Tooltip.install(this, tooltip);
        }
        tooltip.setText(summary());
    }

    /** Tooltip text: problems first (they are why the node is red), then what the node is. */
    private String summary() {
        StringBuilder b = new StringBuilder();
        if (overlayText != null) {
            b.append(overlayText).append("\n\n");
        }
        if (!problemText.isEmpty()) {
            b.append(problemText).append("\n\n");
        }
        // Every line of the skin in full, since a narrow node shortens them with "…".
        b.append(title.full()).append('\n').append(subtitle.full());
        if (!params.full().isEmpty()) {
            b.append('\n').append(params.full());
        }
        if (analysis != null && analysis.evaluated()) {
            b.append("\nout ").append(shape.full());
            b.append('\n').append(NodeText.costLine(analysis));
        }
        return b.toString();
    }

    void showPortLabel(PortView port) {
        if (portLabel == null) {
            portLabel = new Label();
            portLabel.getStyleClass().add("port-label");
            portLabel.setManaged(false);
            portLabel.setMouseTransparent(true);
            portLabel.setMnemonicParsing(false);
            // Wiring, undo or a new analysis while the pointer rests on the port: follow the text.
            portLabel.textProperty().addListener(o -> placePortLabel());
            getChildren().add(portLabel);
        }
        labelledPort = port;
        portLabel.textProperty().bind(port.labelTextProperty());
        placePortLabel();
        portLabel.setVisible(true);
        portLabel.toFront();
    }

    /** The port whose label is shown (or was last shown); null before any. */
    PortView labelledPort() {
        return labelledPort;
    }

    /** The hover label of a port (name, shape, problem), or null before the first hover. */
    Label portLabel() {
        return portLabel;
    }

    private void placePortLabel() {
        PortView port = labelledPort;
        if (port == null || portLabel == null) {
            return;
        }
        portLabel.applyCss();
        double w = portLabel.prefWidth(-1);
        double h = portLabel.prefHeight(w);
        portLabel.resizeRelocate(Math.round(port.getCenterX() - w / 2),
                port.isInput() ? -h - 8 : geometry.height() + 8, w, h);
    }

    void hidePortLabel() {
        if (portLabel != null) {
            portLabel.setVisible(false);
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        stripe.resizeRelocate(0, 0, 5, h);
        double right = w - 8;
        if (compositeIcon != null && compositeIcon.isVisible()) {
            compositeIcon.relocate(right - 11, 7);
            right -= 15;
        }
        if (problemMark != null && problemMark.isVisible()) {
            problemMark.relocate(right - 14, 5);
            right -= 18;
        }
        subtitle.place(12, 22, w - 20);
        // The badge (with its units) goes where it leaves the text beside it whole: the key-parameter
        // line, else the shape line, else the title line; when none has room, the key parameters
        // are shortened (the tooltip has them whole). The other lines keep their whole width.
        double bw = badge.isVisible() ? Math.min(Math.ceil(badge.prefWidth(-1)), w - 20) : 0;
        double gap = bw > 0 ? 6 : 0;
        double beside = w - 20 - bw - gap;
        int line = 1; // 0 title, 1 key parameters, 2 shape
        if (bw > 0 && params.fullWidth() > beside) {
            if (shape.fullWidth() <= beside) {
                line = 2;
            } else if (title.fullWidth() <= right - 12 - bw - gap) {
                line = 0;
            }
        }
        title.place(12, 5, line == 0 ? right - 12 - bw - gap : right - 12);
        params.place(12, 38, line == 1 ? beside : w - 20);
        shape.place(12, 55, line == 2 ? beside : w - 20);
        double bx = line == 0 ? right - bw : w - 8 - bw;
        badge.resizeRelocate(bx, line == 0 ? 5 : line == 1 ? 37 : 55, bw, 15);
    }

    /** Palette colour (0–7) of a category; families get their own hue, plumbing stays grey. */
    static int categoryIndex(Category c) {
        return switch (c) {
            case INPUT, TENSOR, REGULARIZATION -> 7;
            case CONVOLUTION, RESNET -> 3;
            case LINEAR, CONVNEXT -> 4;
            case NORMALIZATION, INVERTED_RESIDUAL, POOLFORMER -> 2;
            case ACTIVATION, VIT -> 1;
            case POOLING, ATTENTION, SWIN -> 5;
            case MERGE, FOCALNET -> 6;
            case EMBEDDING, HEAD, MAMBA -> 0;
        };
    }

    /** Setting an id re-applies CSS to the whole subtree, so only do it when it really changes. */
    static void setIdIfChanged(javafx.scene.Node n, String id) {
        if (!id.equals(n.getId())) {
            n.setId(id);
        }
    }

    static void setClass(javafx.scene.Node n, String styleClass, boolean on) {
        if (on) {
            if (!n.getStyleClass().contains(styleClass)) {
                n.getStyleClass().add(styleClass);
            }
        } else {
            n.getStyleClass().remove(styleClass);
        }
    }

    /** A port circle of a node skin; hovering shows its name and shape. */
    public static final class PortView extends Circle {
        private final NodeView owner;
        private final String portName;
        private final boolean input;
        private boolean connected;
        private String shapeText;
        private String problemText;
        private Tooltip tooltip;
        /** What the hover label says: name, shape and problem, kept current as the port changes. */
        private final javafx.beans.property.ReadOnlyStringWrapper labelText =
                new javafx.beans.property.ReadOnlyStringWrapper(this, "labelText", "");
        /** What the problem tooltip says; empty when the port has no problem. */
        private final javafx.beans.property.ReadOnlyStringWrapper tooltipText =
                new javafx.beans.property.ReadOnlyStringWrapper(this, "tooltipText", "");

        PortView(NodeView owner, String portName, boolean input, double cx, double cy) {
            super(cx, cy, NodeGeometry.PORT_RADIUS);
            this.owner = owner;
            this.portName = portName;
            this.input = input;
            getStyleClass().add("port");
            getStyleClass().add(input ? "input-port" : "output-port");
            labelText.set(portName);
            setOnMouseEntered(e -> owner.showPortLabel(this));
            setOnMouseExited(e -> owner.hidePortLabel());
        }

        public String portName() {
            return portName;
        }

        public boolean isInput() {
            return input;
        }

        public String nodeId() {
            return owner.nodeId();
        }

        public boolean isConnected() {
            return connected;
        }

        public String shapeText() {
            return shapeText;
        }

        /** The problem at this port, or null. */
        public String problemText() {
            return problemText;
        }

        public Tooltip tooltip() {
            return tooltip;
        }

        public javafx.beans.property.ReadOnlyStringProperty labelTextProperty() {
            return labelText.getReadOnlyProperty();
        }

        public javafx.beans.property.ReadOnlyStringProperty tooltipTextProperty() {
            return tooltipText.getReadOnlyProperty();
        }

        public boolean hasProblem() {
            return getStyleClass().contains("problem");
        }

        void setConnected(boolean value) {
            connected = value;
            setClass(this, "connected", value);
        }

        void setInfo(String shape, String problem) {
            shapeText = shape;
            problemText = problem;
            setClass(this, "problem", problem != null);
            labelText.set(portName + (shape == null ? "" : "  " + shape) + (problem == null ? "" : "\n" + problem));
            tooltipText.set(problem == null ? "" : (input ? "input '" : "output '") + portName + "': " + problem);
            if (problem != null) {
                if (tooltip == null) {
                    tooltip = new Tooltip();
                    tooltip.setShowDelay(Duration.millis(200));
                    tooltip.setWrapText(true);
                    tooltip.setMaxWidth(420);
                    // Bound, so a tooltip already open follows the port (wired, undone, re-analysed).
                    tooltip.textProperty().bind(tooltipText);
                    Tooltip.install(this, tooltip);
                }
            } else if (tooltip != null) {
                tooltip.hide();
                Tooltip.uninstall(this, tooltip);
                tooltip.textProperty().unbind();
                tooltip = null;
            }
        }

        /** Feedback while a wire is dragged over this port: allowed, refused, or neither (null). */
        void setVerdict(Boolean accept) {
            setClass(this, "accept", Boolean.TRUE.equals(accept));
            setClass(this, "refuse", Boolean.FALSE.equals(accept));
        }
    }
}
