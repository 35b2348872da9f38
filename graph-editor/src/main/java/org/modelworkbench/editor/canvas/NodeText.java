package org.modelworkbench.editor.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.analysis.Counts;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Node;

/** The words a node skin shows, shared by the canvas, the overview and the SVG export. */
public final class NodeText {
    private NodeText() {
    }

    /** Display name of the node's type, or its raw type id when the type is unknown. */
    public static String title(Node node, Optional<BlockType> type) {
        return type.map(BlockType::displayName).orElse(node.type());
    }

    /** The second line: node id and type id ("conv1 · conv.conv2d"). */
    public static String subtitle(Node node) {
        return node.id() + " · " + node.type();
    }

    /**
     * The key hyper-parameters in short form: {@code ×64 k3 s2} for a convolution,
     * {@code h3 w7 shifted} for a Swin block, {@code 3×224×224} for an image input.
     */
    public static String keyParams(Node node, Optional<BlockType> type) {
        if (type.isEmpty()) {
            return "unknown block type";
        }
        BlockType t = type.get();
        Map<String, Object> values;
        try {
            values = t.resolve(node.params()).asMap();
        } catch (InvalidParameterException | RuntimeException e) {
            return "invalid: " + e.getMessage();
        }
        List<String> keys = t.keyParams();
        if (keys.equals(List.of("channels", "height", "width"))) {
            return values.get("channels") + "×" + values.get("height") + "×" + values.get("width");
        }
        StringJoiner j = new StringJoiner("  ");
        for (String k : keys) {
            Object v = values.get(k);
            if (v instanceof Integer i && i == 0) {
                // "0 means 2C": show what zero stands for.
                var m = ZERO_MEANS.matcher(docOf(t, k));
                if (m.find()) {
                    v = m.group(1).strip();
                }
            }
            String s = shortParam(k, v);
            if (!s.isEmpty()) {
                j.add(s);
            }
        }
        return j.toString();
    }

    private static final java.util.regex.Pattern ZERO_MEANS = java.util.regex.Pattern.compile("0 means ([^;,.()]+)");

    private static String docOf(BlockType t, String param) {
        try {
            String doc = t.param(param).doc();
            return doc == null ? "" : doc;
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String shortParam(String name, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Integer i && i == 1 && (name.equals("stride") || name.equals("groups") || name.equals("dilation"))) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? name.replace('_', ' ') : "";
        }
        String v = value instanceof List<?> l ? join(l) : value instanceof Double d ? real(d) : value.toString();
        return switch (name) {
            case "out_channels", "out_features" -> "×" + v;
            case "kernel" -> "k" + v;
            case "stride" -> "s" + v;
            case "padding" -> "p" + v;
            case "groups" -> "g" + v;
            case "heads" -> "h" + v;
            case "window" -> "win " + v;
            case "expand_ratio" -> "e" + v;
            case "mlp_ratio" -> "mlp " + v;
            case "patch" -> "patch " + v;
            case "embed_dim" -> "dim " + v;
            case "output", "layout", "version", "norm" -> v;
            case "classes" -> v + " classes";
            case "p" -> "p=" + v;
            default -> name + "=" + v;
        };
    }

    private static String join(List<?> list) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (Object o : list) {
            j.add(String.valueOf(o));
        }
        return j.toString();
    }

    private static String real(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return String.valueOf((long) d);
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** The output shape(s): "1×64×56×56", or "y 1×64 · z 1×32" for several outputs; "?" when not evaluated. */
    public static String outputShapes(NodeAnalysis a) {
        if (a == null || !a.evaluated() || a.outputs().isEmpty()) {
            return a != null && a.outputPorts().isEmpty() ? "" : "?";
        }
        if (a.outputs().size() == 1) {
            return Layout.label(a.outputs().get(0), a.outputLayouts().get(0));
        }
        StringJoiner j = new StringJoiner(" · ");
        for (int i = 0; i < a.outputs().size(); i++) {
            j.add(a.outputPorts().get(i) + " " + Layout.label(a.outputs().get(i), a.outputLayouts().get(i)));
        }
        return j.toString();
    }

    /**
     * The cost badge with its units: "1.23K P · 3.40G MAC" (parameters · multiply-accumulates).
     * A block that costs nothing in the convention (ReLU, an input) says so the same way,
     * "0 P · 0 MAC"; empty only when the node was not evaluated.
     */
    public static String badge(NodeAnalysis a) {
        if (a == null || !a.evaluated()) {
            return "";
        }
        return si(a.params()) + " P · " + si(a.macs()) + " MAC";
    }

    /** True when the badge shows a block with neither parameters nor MACs. */
    public static boolean costsNothing(NodeAnalysis a) {
        return a != null && a.evaluated() && a.params() == 0 && a.macs() == 0;
    }

    /** The cost line of a tooltip, exact, with a word on why a free block is free. */
    public static String costLine(NodeAnalysis a) {
        String line = "params " + String.format(Locale.ROOT, "%,d", a.params())
                + " · MACs " + String.format(Locale.ROOT, "%,d", a.macs());
        if (costsNothing(a)) {
            line += "\n(no trainable parameters and no conv, linear or matmul: it costs nothing in the MAC convention)";
        }
        return line;
    }

    /** 1234 → "1.23K", 11689512 → "11.7M", 1814073344 → "1.81G", 0 → "0" ({@link Counts#siCompact}). */
    public static String si(long n) {
        return Counts.siCompact(n);
    }

    /** The tensor carried by a wire from this output port, "1×96×56×56 NCHW"; null when unknown. */
    public static String wireShape(NodeAnalysis source, String port) {
        if (source == null) {
            return null;
        }
        return source.outputLabel(port);
    }

    /** Problems of the node itself (not of one port). */
    public static List<Problem> nodeProblems(NodeAnalysis a) {
        List<Problem> list = new ArrayList<>();
        if (a != null) {
            for (Problem p : a.problems()) {
                if (p.port() == null) {
                    list.add(p);
                }
            }
        }
        return list;
    }

    /** Problems at one input port. */
    public static List<Problem> portProblems(NodeAnalysis a, String port) {
        List<Problem> list = new ArrayList<>();
        if (a != null) {
            for (Problem p : a.problems()) {
                if (port.equals(p.port())) {
                    list.add(p);
                }
            }
        }
        return list;
    }

    /** All problem messages of a node, one per line, with the port named where there is one. */
    public static String problemText(NodeAnalysis a) {
        if (a == null || a.problems().isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("\n");
        for (Problem p : a.problems()) {
            boolean named = p.port() == null || p.message().contains("'" + p.port() + "'");
            j.add(named ? p.message() : "input '" + p.port() + "': " + p.message());
        }
        return j.toString();
    }
}
