package org.modelworkbench.editor.canvas.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignReader;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * Measures the canvas: how long a large design takes to open (read the project JSON, build the
 * model with its analysis, build the canvas, first CSS + layout + render) and how long each frame
 * of a pan or zoom takes (apply the change, update the skins, CSS + layout + render). Rendering
 * is a {@code snapshot} of the 1280×800 scene: the work a pulse does, without the screen.
 *
 * <p>{@link #run} must be called on the FX application thread; {@link #runHeadless} starts the
 * toolkit (Monocle's headless glass when it is on the class path and there is no display) and does
 * that for you. Before the first open the toolkit is warmed up (a window's worth of controls, CSS
 * and one frame), as it is in the app when a design is opened.
 *
 * <p>For profiling: {@code -Dmw.bench.only=pan} runs only the frame sequences whose name starts so;
 * {@code -Dmw.bench.opens=30} repeats the warm open more often.
 */
public final class CanvasBenchmark {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    private CanvasBenchmark() {
    }

    /** One measurement: a single value, or the median / 90th percentile / maximum of several frames (ms). */
    public record Result(String name, double valueMs, double medianMs, double p90Ms, double maxMs, int samples, String note) {

        static Result single(String name, double ms, String note) {
            return new Result(name, ms, ms, ms, ms, 1, note);
        }

        static Result frames(String name, List<Double> ms, String note) {
            double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = percentile(v, 0.5);
            return new Result(name, median, median, percentile(v, 0.9), v.length == 0 ? 0 : v[v.length - 1], v.length, note);
        }

        public boolean isSingle() {
            return samples == 1;
        }

        @Override
        public String toString() {
            String s = isSingle()
                    ? String.format(Locale.ROOT, "%-34s %9.1f ms", name, valueMs)
                    : String.format(Locale.ROOT, "%-34s median %6.1f ms   p90 %6.1f ms   max %6.1f ms   (%d frames)",
                    name, medianMs, p90Ms, maxMs, samples);
            return note == null || note.isEmpty() ? s : s + "   " + note;
        }
    }

    private static double median(List<Double> v) {
        return percentile(v.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5);
    }

    private static double p90(List<Double> v) {
        return percentile(v.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.9);
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Runs the benchmark on a generated residual network of about {@code nodes} nodes; FX thread only. */
    public static List<Result> run(int nodes, int frames) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("CanvasBenchmark.run must be called on the FX application thread; use runHeadless");
        }
        List<Result> results = new ArrayList<>();
        Design generated = LargeDesigns.residualNetwork(nodes);
        String json = DesignWriter.toJson(generated);
        int n = generated.size();

        // The app's window is up before a design is opened: warm the toolkit (CSS, fonts, a first
        // frame) the way showing any window does, then time the first open of the canvas and warm opens.
        warmUpToolkit();
        Opened cold = open(json);
        results.add(Result.single("open " + n + " nodes (first)", cold.ms,
                cold.breakdown()));
        List<Double> warm = new ArrayList<>();
        Opened last = cold;
        for (int i = 0; i < Integer.getInteger("mw.bench.opens", 4); i++) {
            last = open(json);
            warm.add(last.ms);
        }
        results.add(Result.frames("open " + n + " nodes (warm)", warm, last.breakdown()));

        GraphCanvas canvas = last.canvas;
        Scene scene = last.scene;
        WritableImage image = new WritableImage(WIDTH, HEIGHT);
        int steps = Math.max(4, frames);
        int[] maxSkins = {0};

        // Pan at 100 %: the skins at the edges come and go.
        canvas.setView(1, 40, 40);
        render(scene, image);
        results.add(measure("pan at 100 %", steps, scene, image, canvas, maxSkins, i -> {
            double dx = i % 40 < 20 ? -23 : 23;
            canvas.panBy(dx, -37);
        }));
        // Zoom around the cursor between 52 % and 160 % (skins all the time).
        canvas.setView(1, 40, 40);
        render(scene, image);
        double detailFactor = Math.pow(1.6 / 0.52, 1.0 / Math.max(1, steps / 2));
        results.add(measure("zoom 52–160 %", steps, scene, image, canvas, maxSkins, i -> {
            double f = (i / Math.max(1, steps / 2)) % 2 == 0 ? 1 / detailFactor : detailFactor;
            if (i == 0) {
                canvas.setView(1.6, 40, 40);
            }
            canvas.zoomBy(f, new Point2D(WIDTH * 0.4, HEIGHT * 0.4));
        }));
        // Zoom from 100 % down to 5 % and back: crossing into and out of the overview.
        canvas.setView(1, 40, 40);
        render(scene, image);
        double wideFactor = Math.pow(1 / 0.05, 1.0 / Math.max(1, steps / 2));
        results.add(measure("zoom 5–100 % (overview)", steps, scene, image, canvas, maxSkins, i -> {
            double f = i < steps / 2 ? 1 / wideFactor : wideFactor;
            canvas.zoomBy(f, new Point2D(WIDTH / 2.0, HEIGHT / 4.0));
        }));
        // Pan the overview with the whole design in view.
        canvas.zoomToFit();
        render(scene, image);
        results.add(measure("pan zoomed to fit (overview)", steps, scene, image, canvas, maxSkins, i -> {
            canvas.panBy(i % 20 < 10 ? 13 : -13, i % 10 < 5 ? 7 : -7);
        }));
        results.add(new Result("most skins at once", maxSkins[0], maxSkins[0], maxSkins[0], maxSkins[0], 1,
                "node skins (of " + n + " nodes)"));

        // The largest shipped template.
        TemplateInfo biggest = null;
        int biggestSize = -1;
        for (TemplateInfo t : Templates.list()) {
            try {
                int size = Templates.load(t.id()).size();
                if (size > biggestSize) {
                    biggestSize = size;
                    biggest = t;
                }
            } catch (ProjectFileException e) {
                // skip a broken template
            }
        }
        if (biggest != null) {
            try {
                String tjson = DesignWriter.toJson(Templates.load(biggest.id()));
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    times.add(open(tjson).ms);
                }
                results.add(Result.frames("open template " + biggest.id() + " (" + biggestSize + " nodes)", times, ""));
            } catch (ProjectFileException e) {
                // ignore
            }
        }
        return results;
    }

    private static void warmUpToolkit() {
        javafx.scene.control.Label label = new javafx.scene.control.Label("Model Workbench");
        javafx.scene.control.Button button = new javafx.scene.control.Button("Open");
        javafx.scene.canvas.Canvas c = new javafx.scene.canvas.Canvas(200, 100);
        c.getGraphicsContext2D().strokeLine(0, 0, 200, 100);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(label, button, c, new javafx.scene.text.Text("x"));
        Scene scene = new Scene(box, WIDTH, HEIGHT);
        if (Application.getUserAgentStylesheet() == null || !Application.getUserAgentStylesheet().contains("atlantafx")) {
            scene.getStylesheets().add(GraphCanvas.FALLBACK_LIGHT);
        }
        render(scene, new WritableImage(WIDTH, HEIGHT));
    }

    private interface Step {
        void apply(int i);
    }

    private static Result measure(String name, int steps, Scene scene, WritableImage image, GraphCanvas canvas,
                                  int[] maxSkins, Step step) {
        String only = System.getProperty("mw.bench.only");
        if (only != null && !name.startsWith(only)) {
            return Result.frames(name + " (skipped)", List.of(), "");
        }
        List<Double> ms = new ArrayList<>();
        List<Double> update = new ArrayList<>();
        List<Double> draw = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.apply(i);
            // Layout as a pulse does it (the canvas updates its skins here); the snapshot then does
            // the pulse's CSS pass (dirty nodes only) and renders. (Node.applyCss on the root would
            // force CSS on every node, which no pulse does.)
            scene.getRoot().layout();
            long t1 = System.nanoTime();
            scene.snapshot(image);
            long t2 = System.nanoTime();
            ms.add((t2 - t0) / 1e6);
            update.add((t1 - t0) / 1e6);
            draw.add((t2 - t1) / 1e6);
            maxSkins[0] = Math.max(maxSkins[0], canvas.nodeViewCount());
        }
        return Result.frames(name, ms, String.format(Locale.ROOT, "[update %.1f / %.1f, render %.1f / %.1f ms median / p90]",
                median(update), p90(update), median(draw), p90(draw)));
    }

    private static void render(Scene scene, WritableImage image) {
        scene.getRoot().layout();
        scene.snapshot(image);
    }

    private record Opened(double ms, double readMs, double modelMs, double layoutMs, double renderMs, GraphCanvas canvas,
                          Scene scene) {
        String breakdown() {
            return String.format(Locale.ROOT, "[read %.0f, model+analysis %.0f, canvas+CSS+layout %.0f, render %.0f ms; %d skins]",
                    readMs, modelMs, layoutMs, renderMs, canvas.nodeViewCount());
        }
    }

    private static Opened open(String json) {
        long t0 = System.nanoTime();
        Design design;
        try {
            design = new DesignReader().read(json, "benchmark");
        } catch (ProjectFileException e) {
            throw new IllegalStateException(e);
        }
        long t1 = System.nanoTime();
        EditorModel model = new EditorModel(design);
        long t2 = System.nanoTime();
        GraphCanvas canvas = new GraphCanvas(model);
        StackPane root = new StackPane(canvas);
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        if (Application.getUserAgentStylesheet() == null || !Application.getUserAgentStylesheet().contains("atlantafx")) {
            scene.getStylesheets().add(GraphCanvas.FALLBACK_LIGHT);
        }
        root.applyCss();
        root.layout();
        long t3 = System.nanoTime();
        scene.snapshot(new WritableImage(WIDTH, HEIGHT));
        long t4 = System.nanoTime();
        return new Opened((t4 - t0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, canvas, scene);
    }

    /**
     * Starts the FX toolkit if needed (headless through Monocle when it is on the class path and
     * no display is set, or when {@code -Dmw.headless=true}), runs the benchmark on the FX thread,
     * prints the results to {@code out} and returns them.
     */
    public static List<Result> runHeadless(int nodes, int frames, PrintStream out) {
        startToolkit();
        FutureTask<List<Result>> task = new FutureTask<>(() -> run(nodes, frames));
        Platform.runLater(task);
        List<Result> results;
        try {
            results = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("canvas benchmark failed: " + e.getCause(), e.getCause());
        }
        if (out != null) {
            out.println("Canvas benchmark (" + WIDTH + "×" + HEIGHT + " view, prism " + System.getProperty("prism.order", "default") + ")");
            for (Result r : results) {
                out.println("  " + r);
            }
        }
        return results;
    }

    static void startToolkit() {
        boolean noDisplay = System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if ((noDisplay || Boolean.getBoolean("mw.headless")) && System.getProperty("glass.platform") == null && hasMonocle()) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
        }
        try {
            Platform.startup(() -> {
            });
        } catch (IllegalStateException alreadyStarted) {
            // fine
        }
        Platform.setImplicitExit(false);
    }

    private static boolean hasMonocle() {
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, CanvasBenchmark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code CanvasBenchmark [nodes] [frames]}: prints the figures. */
    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        try {
            runHeadless(nodes, frames, System.out);
        } finally {
            Platform.exit();
            System.exit(0);
        }
    }
}
