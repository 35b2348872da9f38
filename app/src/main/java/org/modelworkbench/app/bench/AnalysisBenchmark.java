package org.modelworkbench.app.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.editor.canvas.bench.LargeDesigns;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * Measures whole-design analysis and incremental re-analysis on a generated design, after a
 * warm-up, and reports median, 90th percentile and best of many rounds.
 */
public final class AnalysisBenchmark {

    /** One measured case. */
    public record Result(String name, int rounds, double medianMs, double p90Ms, double bestMs, String note) {
    }

    private final int nodes;
    private final int rounds;

    public AnalysisBenchmark(int nodes, int rounds) {
        this.nodes = nodes;
        this.rounds = rounds;
    }

    public List<Result> run() {
        Design design = LargeDesigns.residualNetwork(nodes);
        List<Result> results = new ArrayList<>();

        // Full analysis: a fresh analyzer each round, so nothing is re-used between rounds.
        measure(rounds / 5, () -> {
            try (DesignAnalyzer a = new DesignAnalyzer(design, BlockLibrary.standard(), AnalysisOptions.DEFAULT)) {
                a.analysis();
            }
        });
        double[] full = measure(rounds, () -> {
            try (DesignAnalyzer a = new DesignAnalyzer(design, BlockLibrary.standard(), AnalysisOptions.DEFAULT)) {
                a.analysis();
            }
        });
        results.add(result("full analysis", full, design.size() + " nodes, " + design.edges().size() + " edges"));

        try (DesignAnalyzer analyzer = new DesignAnalyzer(design, BlockLibrary.standard(), AnalysisOptions.DEFAULT)) {
            analyzer.analysis();
            // An edit that keeps shapes: toggle the bias of a convolution in the middle of the chain.
            Node middle = design.node("b" + (nodes / 14) + "_conv1").orElseThrow();
            boolean[] flip = {false};
            Runnable toggle = () -> {
                flip[0] = !flip[0];
                design.replaceNode(middle.withParam("bias", flip[0]));
                analyzer.analysis();
            };
            measure(rounds, toggle);
            double[] edit = measure(rounds, toggle);
            results.add(result("re-analysis after one edit", edit, "bias of a mid-chain conv; "
                    + analyzer.lastEvaluationCount() + " node(s) re-evaluated"));

            // An edit whose new shape travels downstream until it meets the residual add: 2 nodes change.
            Node first = design.node("b0_conv2").orElseThrow();
            int[] k = {3};
            Runnable kernel = () -> {
                k[0] = k[0] == 3 ? 5 : 3;
                design.replaceNode(first.withParams(withKernel(first, k[0])));
                analyzer.analysis();
            };
            measure(rounds, kernel);
            double[] edit2 = measure(rounds, kernel);
            results.add(result("re-analysis, edit at the top", edit2, "kernel 3↔5 (padding kept) of the first block: "
                    + analyzer.lastEvaluationCount() + " node(s) re-evaluated, the rest re-used"));
        }
        return results;
    }

    private static java.util.Map<String, Object> withKernel(Node n, int k) {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(n.params());
        p.put("kernel", k);
        p.put("padding", k / 2);
        return p;
    }

    private static double[] measure(int n, Runnable r) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private Result result(String name, double[] ms, String note) {
        List<Double> sorted = new ArrayList<>();
        for (double m : ms) {
            sorted.add(m);
        }
        Collections.sort(sorted);
        return new Result(name, ms.length, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)),
                sorted.get(0), note);
    }

    public static String format(double ms) {
        return ms >= 1 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.1f µs", ms * 1000);
    }
}
