package org.modelworkbench.editor.canvas;

/** Ids of canvas scene nodes, usable in CSS selectors: "node-conv1", "in-add-x", "edge-conv1-y-add-x". */
public final class CanvasIds {
    private CanvasIds() {
    }

    /** Characters other than letters, digits, '_' and '-' become '_'. */
    public static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
        }
        return b.toString();
    }

    public static String node(String nodeId) {
        return "node-" + safe(nodeId);
    }

    public static String inputPort(String nodeId, String port) {
        return "in-" + safe(nodeId) + "-" + safe(port);
    }

    public static String outputPort(String nodeId, String port) {
        return "out-" + safe(nodeId) + "-" + safe(port);
    }

    public static String edge(org.modelworkbench.projects.design.Edge e) {
        return "edge-" + safe(e.from().node()) + "-" + safe(e.from().port()) + "-" + safe(e.to().node()) + "-" + safe(e.to().port());
    }
}
