package org.modelworkbench.editor.canvas;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.transform.Scale;
import javax.imageio.ImageIO;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Exports the whole graph (not only what is in view): PNG as the canvas draws it, in the current
 * theme; SVG as vector drawing with the same layout. Files are written atomically (temporary file,
 * then a move).
 */
public final class GraphExport {
    /** Margin around the graph, in design units. */
    static final double PAD = 40;
    /** The preferred PNG scale (crisp on high-density screens and in print). */
    static final double PNG_SCALE = 2;
    static final double MAX_SIDE = 16384;
    static final double MAX_PIXELS = 64e6;
    private static final int TILE = 2048;

    // SVG presentation attributes (the light theme's colours), one set per kind of element.
    private static final String SANS = "font-family=\"'Segoe UI', 'Helvetica Neue', Arial, sans-serif\"";
    private static final String MONO = "font-family=\"Menlo, Consolas, 'DejaVu Sans Mono', monospace\"";
    static final String NODE = "fill=\"#ffffff\" stroke=\"#d0d7de\" stroke-width=\"1\"";
    static final String NODE_COMPOSITE = "fill=\"#ffffff\" stroke=\"#6e7781\" stroke-width=\"1.5\"";
    static final String NODE_PROBLEM = "fill=\"#ffebe9\" stroke=\"#cf222e\" stroke-width=\"1.5\"";
    static final String TITLE = SANS + " font-size=\"12\" font-weight=\"bold\" fill=\"#24292f\"";
    static final String TITLE_PROBLEM = SANS + " font-size=\"12\" font-weight=\"bold\" fill=\"#cf222e\"";
    static final String SUB = SANS + " font-size=\"10\" fill=\"#57606a\"";
    static final String PARAMS = SANS + " font-size=\"11\" fill=\"#24292f\"";
    static final String SHAPE = MONO + " font-size=\"11\" fill=\"#0969da\"";
    static final String BADGE = SANS + " font-size=\"9\" fill=\"#57606a\"";
    static final String PORT = "fill=\"#ffffff\" stroke=\"#57606a\" stroke-width=\"1.5\"";
    static final String PORT_CONNECTED = "fill=\"#57606a\" stroke=\"#57606a\" stroke-width=\"1.5\"";
    static final String PORT_PROBLEM = "fill=\"#cf222e\" stroke=\"#cf222e\" stroke-width=\"1.5\"";
    static final String WIRE = "fill=\"none\" stroke=\"#6e7781\" stroke-width=\"1.6\"";
    static final String WIRE_PROBLEM = "fill=\"none\" stroke=\"#cf222e\" stroke-width=\"2\"";
    static final String WIRE_LABEL = MONO + " font-size=\"10\" fill=\"#57606a\"";

    private GraphExport() {
    }

    /**
     * Writes the whole graph as a PNG at a readable scale (2×, reduced only for very large designs
     * so the image stays within 16,384 pixels a side and 64 megapixels), on the theme's background.
     * The image is rendered in tiles, each from skins of only the nodes and wires in that tile, so
     * a 2,000-node design exports without building every skin at once. Snapshots are taken on the
     * FX thread: called from another thread, this method hands it one tile at a time (the window
     * stays responsive) and encodes the PNG on the calling thread.
     */
    public static void png(GraphCanvas canvas, Path file) throws IOException {
        Layout layout = onFxThread(() -> layout(canvas));
        TileRenderer renderer = onFxThread(() -> new TileRenderer(canvas, layout));
        BufferedImage out = new BufferedImage(layout.iw, layout.ih, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            for (int ty = 0; ty < layout.ih; ty += TILE) {
                for (int tx = 0; tx < layout.iw; tx += TILE) {
                    int x = tx;
                    int y = ty;
                    BufferedImage tile = onFxThread(() -> renderer.render(x, y));
                    g.drawImage(tile, tx, ty, null);
                }
            }
        } finally {
            g.dispose();
        }
        Path tmp = tempBeside(file);
        try {
            if (!ImageIO.write(out, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            moveInto(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The scale {@link #png} uses for content of this size (design units). */
    static double pngScale(double width, double height) {
        double s = PNG_SCALE;
        s = Math.min(s, MAX_SIDE / Math.max(1, width));
        s = Math.min(s, MAX_SIDE / Math.max(1, height));
        s = Math.min(s, Math.sqrt(MAX_PIXELS / Math.max(1, width * height)));
        return s;
    }

    /** Image size and placement: image pixel = (design point − origin) × scale. */
    private record Layout(double originX, double originY, double width, double height, double scale, int iw, int ih) {
    }

    private static Layout layout(GraphCanvas canvas) {
        Bounds b = canvas.contentBounds();
        double w = Math.ceil(b.getWidth() + 2 * PAD);
        double h = Math.ceil(b.getHeight() + 2 * PAD);
        double s = pngScale(w, h);
        return new Layout(b.getMinX() - PAD, b.getMinY() - PAD, w, h, s,
                Math.max(1, (int) Math.ceil(w * s)), Math.max(1, (int) Math.ceil(h * s)));
    }

    /** Renders tiles of the export from one scene, re-filled with the skins of each tile. */
    private static final class TileRenderer {
        private final GraphCanvas canvas;
        private final Layout l;
        private final Pane pane;
        private final Group edges = new Group();
        private final Group labels = new Group();
        private final Group nodes = new Group();
        private final Paint background;

        TileRenderer(GraphCanvas canvas, Layout l) {
            this.canvas = canvas;
            this.l = l;
            pane = new Pane(edges, labels, nodes);
            pane.getStyleClass().add("graph-export");
            pane.getStylesheets().add(GraphCanvas.STYLESHEET);
            pane.setPrefSize(l.width, l.height);
            pane.setMinSize(l.width, l.height);
            pane.setMaxSize(l.width, l.height);
            Scene scene = new Scene(pane, l.width, l.height);
            canvas.copyStyling(scene, pane);
            pane.applyCss();
            background = pane.getBackground() != null && !pane.getBackground().getFills().isEmpty()
                    ? pane.getBackground().getFills().get(0).getFill() : Color.WHITE;
        }

        BufferedImage render(int tx, int ty) {
            int tw = Math.min(TILE, l.iw - tx);
            int th = Math.min(TILE, l.ih - ty);
            // What this tile shows, in design coordinates, with room for port labels and wire loops.
            double margin = 60;
            Bounds region = new javafx.geometry.BoundingBox(l.originX + tx / l.scale - margin,
                    l.originY + ty / l.scale - margin, tw / l.scale + 2 * margin, th / l.scale + 2 * margin);
            edges.getChildren().clear();
            labels.getChildren().clear();
            nodes.getChildren().clear();
            canvas.buildViews(edges, labels, nodes, -l.originX, -l.originY, region);
            pane.applyCss();
            pane.resize(l.width, l.height);
            pane.layout();
            for (javafx.scene.Node n : nodes.getChildren()) {
                ((NodeView) n).layout();
            }
            SnapshotParameters p = new SnapshotParameters();
            p.setTransform(new Scale(l.scale, l.scale));
            p.setViewport(new Rectangle2D(tx, ty, tw, th));
            p.setFill(background);
            WritableImage tile = pane.snapshot(p, new WritableImage(tw, th));
            return SwingFXUtils.fromFXImage(tile, null);
        }
    }

    /** Skins for every node and wire, laid out in a scene of their own styled like the canvas. */
    static Pane buildExportPane(GraphCanvas canvas) {
        Bounds b = canvas.contentBounds();
        double w = Math.ceil(b.getWidth() + 2 * PAD);
        double h = Math.ceil(b.getHeight() + 2 * PAD);
        return pane(canvas, w, h, PAD - b.getMinX(), PAD - b.getMinY(), null);
    }

    private static Pane pane(GraphCanvas canvas, double w, double h, double offsetX, double offsetY, Bounds region) {
        Pane pane = new Pane();
        pane.getStyleClass().add("graph-export");
        pane.getStylesheets().add(GraphCanvas.STYLESHEET);
        Group edges = new Group();
        Group labels = new Group();
        Group nodes = new Group();
        canvas.buildViews(edges, labels, nodes, offsetX, offsetY, region);
        pane.getChildren().addAll(edges, labels, nodes);
        pane.setPrefSize(w, h);
        pane.setMinSize(w, h);
        pane.setMaxSize(w, h);
        Scene scene = new Scene(pane, w, h);
        canvas.copyStyling(scene, pane);
        pane.applyCss();
        pane.resize(w, h);
        pane.layout();
        for (javafx.scene.Node n : nodes.getChildren()) {
            ((NodeView) n).layout();
        }
        return pane;
    }

    private static <T> T onFxThread(Callable<T> work) throws IOException {
        try {
            if (Platform.isFxApplicationThread()) {
                return work.call();
            }
            FutureTask<T> task = new FutureTask<>(work);
            Platform.runLater(task);
            return task.get();
        } catch (ExecutionException e) {
            throw new IOException("export failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("export interrupted", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("export failed: " + e, e);
        }
    }

    // ------------------------------------------------------------------ SVG

    /**
     * Writes the whole graph as SVG 1.1: rounded boxes with title, id and type, key
     * hyper-parameters, output shape and params · MACs; Bézier wires labelled with their shapes;
     * problems in red with the message as a tooltip ({@code <title>}). Safe off the FX thread as
     * long as the design is not being edited meanwhile.
     */
    public static void svg(EditorModel model, Path file) throws IOException {
        String text = svgText(model);
        Path tmp = tempBeside(file);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(text);
            }
            moveInto(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String svgText(EditorModel model) {
        Design design = model.design();
        DesignAnalysis analysis = model.analysis();
        Map<String, NodeGeometry> geo = new HashMap<>();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Node n : design.nodes()) {
            NodeGeometry g = NodeGeometry.of(n, model::findType, design);
            geo.put(n.id(), g);
            minX = Math.min(minX, g.x());
            minY = Math.min(minY, g.y());
            maxX = Math.max(maxX, g.maxX());
            maxY = Math.max(maxY, g.maxY());
        }
        if (geo.isEmpty()) {
            minX = minY = 0;
            maxX = maxY = 0;
        }
        double ox = PAD - minX;
        double oy = PAD - minY;
        double width = maxX - minX + 2 * PAD;
        double height = maxY - minY + 2 * PAD;
        Map<String, String> portProblems = new HashMap<>();
        if (analysis != null) {
            for (Problem p : analysis.problems()) {
                if (p.port() != null) {
                    portProblems.merge(p.nodeId() + "\u0000" + p.port(), p.message(), (a, b) -> a + "\n" + b);
                }
            }
        }

        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
                width, height, width, height));
        s.append("<title>").append(xml(design.name())).append("</title>\n");
        // Presentation attributes on each element rather than a <style> sheet: many renderers
        // (librsvg, Inkscape imports, office suites) ignore class selectors and paint everything black.
        s.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#f6f8fa\" stroke=\"none\"/>\n", width, height));
        String[] charts = {"#f3622d", "#fba71b", "#57b757", "#41a9c9", "#4258c9", "#9a42c8", "#c84164", "#888888"};

        s.append("<g id=\"wires\">\n");
        StringBuilder labels = new StringBuilder();
        for (Edge e : design.edges()) {
            NodeGeometry a = geo.get(e.from().node());
            NodeGeometry b = geo.get(e.to().node());
            if (a == null || b == null) {
                continue;
            }
            Point2D p0 = a.outputPoint(e.from().port()).add(ox, oy);
            Point2D p1 = b.inputPoint(e.to().port()).add(ox, oy);
            Wire w = Wire.between(p0, p1);
            String problem = portProblems.get(e.to().node() + "\u0000" + e.to().port());
            s.append("  <path class=\"wire").append(problem != null ? " problem" : "").append("\" ")
                    .append(problem != null ? WIRE_PROBLEM : WIRE).append(" d=\"")
                    .append(w.svgPath()).append("\">");
            s.append("<title>").append(xml(e.toString())).append(problem != null ? xml("\n" + problem) : "").append("</title></path>\n");
            NodeAnalysis src = analysis == null ? null : analysis.node(e.from().node());
            String shape = NodeText.wireShape(src, e.from().port());
            if (shape != null) {
                Point2D m = w.mid();
                double tw = shape.length() * 6.1 + 6;
                labels.append(String.format(Locale.ROOT,
                        "  <rect class=\"wire-label-bg\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"13\" rx=\"2\" "
                                + "fill=\"#f6f8fa\" stroke=\"none\"/>"
                                + "<text class=\"wire-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" " + WIRE_LABEL + ">%s</text>\n",
                        m.getX() - tw / 2, m.getY() - 7, tw, m.getX(), m.getY() + 3.5, xml(shape)));
            }
        }
        s.append("</g>\n<g id=\"wire-labels\">\n").append(labels).append("</g>\n<g id=\"nodes\">\n");

        for (Node n : design.nodes()) {
            NodeGeometry g = geo.get(n.id());
            Optional<BlockType> type = model.findType(n.type());
            NodeAnalysis a = analysis == null ? null : analysis.node(n.id());
            boolean composite = type.map(BlockType::isComposite).orElse(false);
            boolean problem = type.isEmpty() || (a != null && !a.problems().isEmpty());
            double x = g.x() + ox;
            double y = g.y() + oy;
            double w = g.width();
            double h = g.height();
            s.append(String.format(Locale.ROOT, "  <g id=\"%s\" class=\"%s\">\n", xml(CanvasIds.node(n.id())),
                    problem ? "problem" : "ok"));
            String tip = NodeText.title(n, type) + " — " + n.id() + " (" + n.type() + ")";
            String problems = NodeText.problemText(a);
            if (!problems.isEmpty()) {
                tip = problems + "\n\n" + tip;
            }
            s.append("    <title>").append(xml(tip)).append("</title>\n");
            s.append(String.format(Locale.ROOT, "    <rect class=\"node%s%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"7\" %s/>\n",
                    composite ? " composite" : "", problem ? " problem" : "", x, y, w, h,
                    problem ? NODE_PROBLEM : composite ? NODE_COMPOSITE : NODE));
            if (composite) {
                s.append(String.format(Locale.ROOT, "    <rect class=\"inner\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"5\" "
                                + "fill=\"none\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n",
                        x + 3, y + 3, w - 6, h - 6));
            }
            int cat = type.map(t -> NodeView.categoryIndex(t.category())).orElse(7);
            s.append(String.format(Locale.ROOT,
                    "    <rect x=\"%.1f\" y=\"%.1f\" width=\"5\" height=\"%.1f\" fill=\"%s\" stroke=\"none\"/>\n", x + 0.5, y + 4, h - 8, charts[cat]));
            // As on the canvas: the badge goes on the key-parameter line, else the shape line, else the
            // title line, wherever the text beside it stays whole.
            String badge = NodeText.badge(a);
            double bw = badge.isEmpty() ? 0 : Math.min(textWidth(badge, 9, false) + 8, w - 20);
            double gap = bw > 0 ? 6 : 0;
            double beside = w - 20 - bw - gap;
            double titleRoom = w - 20 - (composite ? 15 : 0);
            String keyParams = NodeText.keyParams(n, type);
            String shapes = NodeText.outputShapes(a);
            String titleText = NodeText.title(n, type);
            int line = 1;
            if (bw > 0 && textWidth(keyParams, 11, false) > beside) {
                if (shapes.length() * 6.7 <= beside) {
                    line = 2;
                } else if (textWidth(titleText, 12, true) <= titleRoom - bw - gap) {
                    line = 0;
                }
            }
            s.append(text("title" + (problem ? " problem" : ""), problem ? TITLE_PROBLEM : TITLE, x + 12, y + 17,
                    fitSans(titleText, line == 0 ? titleRoom - bw - gap : titleRoom, 12, true)));
            if (composite) {
                s.append(String.format(Locale.ROOT,
                        "    <path d=\"M%.1f %.1f h8 v8 h-2 v-6 h-6 Z M%.1f %.1f h8 v8 h-8 Z\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.2\"/>\n",
                        x + w - 19, y + 6, x + w - 22, y + 9));
            }
            s.append(text("sub", SUB, x + 12, y + 32, fitSans(NodeText.subtitle(n), w - 20, 10, false)));
            if (!badge.isEmpty()) {
                double by = line == 0 ? y + 5 : line == 1 ? y + 37 : y + 55;
                double bx = line == 0 ? x + 12 + titleRoom - bw : x + w - 8 - bw;
                boolean free = NodeText.costsNothing(a);
                s.append(String.format(Locale.ROOT, "    <rect class=\"badge-bg\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"15\" rx=\"7\" "
                                + "fill=\"%s\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n",
                        bx, by, bw, free ? "none" : "#f6f8fa"));
                s.append(String.format(Locale.ROOT, "    <text class=\"badge\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" %s>%s</text>\n",
                        bx + bw / 2, by + 11, BADGE, xml(badge)));
            }
            s.append(text("params", PARAMS, x + 12, y + 48, fitSans(keyParams, line == 1 ? beside : w - 20, 11, false)));
            s.append(text("?".equals(shapes) ? "sub" : "shape", "?".equals(shapes) ? SUB : SHAPE, x + 12, y + 67,
                    fit(shapes, line == 2 ? beside : w - 20, 6.7)));
            for (String port : g.inputs()) {
                Point2D p = g.inputPoint(port).add(ox, oy);
                boolean connected = design.incoming(n.id()).containsKey(port);
                String pp = portProblems.get(n.id() + "\u0000" + port);
                s.append(String.format(Locale.ROOT, "    <circle class=\"port%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" %s><title>%s</title></circle>\n",
                        connected ? " connected" : "", pp != null ? " problem" : "", p.getX(), p.getY(),
                        pp != null ? PORT_PROBLEM : connected ? PORT_CONNECTED : PORT,
                        xml("input " + port + (pp != null ? ": " + pp : ""))));
            }
            for (String port : g.outputs()) {
                Point2D p = g.outputPoint(port).add(ox, oy);
                boolean connected = design.outgoing(n.id()).stream().anyMatch(e -> e.from().port().equals(port));
                s.append(String.format(Locale.ROOT, "    <circle class=\"port%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" %s><title>%s</title></circle>\n",
                        connected ? " connected" : "", p.getX(), p.getY(), connected ? PORT_CONNECTED : PORT,
                        xml("output " + port)));
            }
            s.append("  </g>\n");
        }
        s.append("</g>\n</svg>\n");
        return s.toString();
    }

    private static String text(String cls, String style, double x, double y, String content) {
        return String.format(Locale.ROOT, "    <text class=\"%s\" x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", cls, x, y, style, xml(content));
    }

    /** About how wide a proportional sans-serif text is (SVG has no text metrics of its own). */
    static double textWidth(String text, double fontSize, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (" .,:;·'|!()[]ijlftr".indexOf(c) >= 0) {
                em += 0.32;
            } else if (Character.isUpperCase(c) || "mwMW×".indexOf(c) >= 0) {
                em += 0.68;
            } else {
                em += 0.56;
            }
        }
        return em * fontSize * (bold ? 1.08 : 1);
    }

    /** Shortens proportional text to about {@code width}, ending it in "…". */
    static String fitSans(String text, double width, double fontSize, boolean bold) {
        if (textWidth(text, fontSize, bold) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && textWidth(t + "…", fontSize, bold) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t.stripTrailing() + "…";
    }

    /** Shortens text to about the width available (SVG has no ellipsis of its own). */
    static String fit(String text, double width, double charWidth) {
        int max = (int) Math.floor(width / charWidth);
        if (text.length() <= max || max < 2) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ files

    /** A temporary file beside {@code file} with the default permissions (not createTempFile's 0600). */
    private static Path tempBeside(Path file) throws IOException {
        return org.modelworkbench.projects.files.AtomicFiles.createTempBeside(file);
    }

    /** Moves the finished export into place; an export that replaces a file keeps its permissions. */
    private static void moveInto(Path tmp, Path file) throws IOException {
        org.modelworkbench.projects.files.AtomicFiles.replace(tmp, file.toAbsolutePath());
    }
}
