package org.modelworkbench.app.gui.window;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * Params, MACs and input size of every shipped template, computed once per run on a background
 * thread (the start page shows placeholders until they arrive).
 */
final class TemplateStats {
    /** One template's figures. */
    record Stats(long params, long macs, String input, int nodes, boolean ok) {
    }

    private static final Map<String, Stats> CACHE = new LinkedHashMap<>();
    private static Task<Map<String, Stats>> running;

    private TemplateStats() {
    }

    /** The figures if already known. */
    static synchronized Optional<Stats> cached(String id) {
        return Optional.ofNullable(CACHE.get(id));
    }

    /** Calls {@code done} on the FX thread once every template's figures are known. */
    static synchronized void whenReady(Runnable done) {
        if (!CACHE.isEmpty()) {
            Platform.runLater(done);
            return;
        }
        if (running == null) {
            running = new Task<>() {
                @Override
                protected Map<String, Stats> call() {
                    Map<String, Stats> all = new LinkedHashMap<>();
                    for (TemplateInfo t : Templates.list()) {
                        if (isCancelled()) {
                            break;
                        }
                        all.put(t.id(), compute(t.id()));
                    }
                    return all;
                }
            };
            running.setOnSucceeded(e -> {
                synchronized (TemplateStats.class) {
                    CACHE.putAll(running.getValue());
                }
            });
            Thread th = new Thread(running, "template-stats");
            th.setDaemon(true);
            th.start();
        }
        running.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(done);
            }
        });
    }

    static Stats compute(String id) {
        try {
            Design d = Templates.load(id);
            DesignAnalysis a = DesignAnalyzer.analyze(d);
            String input = "";
            for (Node n : d.nodes()) {
                NodeAnalysis na = a.node(n.id());
                if (n.type().startsWith("io.") && na != null && na.evaluated() && !na.outputs().isEmpty()) {
                    input = shape(na.outputs().get(0));
                    break;
                }
            }
            return new Stats(a.totals().params(), a.totals().macs(), input, d.size(), a.problems().isEmpty());
        } catch (Exception e) {
            return new Stats(0, 0, "", 0, false);
        }
    }

    /** 1×3×224×224 → "3×224×224" (batch left out). */
    static String shape(Shape s) {
        String t = s.toString();
        int x = t.indexOf('×');
        return t.startsWith("1×") && x > 0 ? t.substring(x + 1) : t;
    }
}
