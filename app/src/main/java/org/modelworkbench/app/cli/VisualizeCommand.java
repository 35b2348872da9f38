package org.modelworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.app.visualize.Visualization;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.app.visualize.WeightsChoice;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbench visualize KIND SOURCE --out DIR}: the same figures as the GUI's views, without a
 * window: each panel as PNG and CSV, and the raw tensors behind them as NumPy files in {@code DIR/data}.
 * Progress goes to standard error ({@code visualizing NN%: stage}), the written files to standard
 * output. Exit codes: 0 written, 1 the model or data could not be probed, 2 bad options.
 */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = {"Writes a visualizer's figures (PNG) and their numbers (CSV, NumPy) for a design or a run.",
                "KIND: attention, filters, spectra, erf, activations, gradcam, confusion, embedding, similarity.",
                "SOURCE: a run folder (its best checkpoint), a project file or a template (its latest run's",
                "checkpoint when it has one, else fresh weights; see --untrained and --checkpoint)."})
final class VisualizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "The visualizer")
    String kind;

    @Parameters(index = "1", paramLabel = "SOURCE", description = "A run folder, a project file or a template")
    String source;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: figures/KIND)")
    Path out;

    @Option(names = "--node", paramLabel = "NAME", description = "The node (or composite/op path) to look at; default: the view's choice")
    String node;

    @Option(names = "--image", paramLabel = "INDEX", description = "The test image to show (its index in the test set); default: the first")
    Integer image;

    @Option(names = "--images", paramLabel = "N", description = "How many test images to run (default: the view's)")
    int images;

    @Option(names = "--batch", paramLabel = "B", description = "Images per forward pass (default: ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--untrained", description = "Fresh weights from --seed instead of a checkpoint")
    boolean untrained;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Weights from this checkpoint (.params) of the design")
    Path checkpoint;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of fresh weights (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST's folder (default: Debian's package, else the bundled sample)")
    Path data;

    @Option(names = "--compare", paramLabel = "SOURCE", description = "A second run, file or template to show side by side; 'untrained': the same design with fresh weights")
    String compare;

    @Option(names = "--layer", paramLabel = "NAME", description = "The layer the figures show, for views that show one of several")
    String layer;

    @Option(names = "--head", paramLabel = "H", description = "Attention head (default: the mean over heads)")
    int head = -1;

    @Option(names = "--query", paramLabel = "ROW,COL", description = "Query cell for attention views (default: the centre)")
    String query;

    @Option(names = "--opacity", paramLabel = "A", description = "Opacity of heat-maps over the image, 0..1 (default: ${DEFAULT-VALUE})")
    double opacity = ViewOptions.DEFAULT_OPACITY;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A view's own option (see the view's description)")
    List<String> viewOptions = new ArrayList<>();

    @Option(names = "--data-only", description = "Write only the probe's data (DIR/bundle.json and .npy files), no figures: what the GUI reads")
    boolean dataOnly;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> extra = new LinkedHashMap<>();
        for (String kv : viewOptions) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                err.println("error: --option takes KEY=VALUE, got '" + TerminalText.safe(kv) + "'");
                return 2;
            }
            extra.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        ViewOptions options;
        VisualizeRequest request;
        try {
            if (!Views.kinds().contains(kind)) {
                throw new IllegalArgumentException("no visualizer '" + kind + "'; visualizers: " + String.join(", ", Views.kinds()));
            }
            options = ViewOptions.defaults().withLayer(layer).withHead(head).withOpacity(opacity);
            if (query != null) {
                String[] rc = query.split(",");
                if (rc.length != 2) {
                    throw new IllegalArgumentException("--query takes ROW,COL, got '" + query + "'");
                }
                options = options.withQuery(Integer.parseInt(rc[0].trim()), Integer.parseInt(rc[1].trim()));
            }
            for (Map.Entry<String, String> e : extra.entrySet()) {
                options = options.with(e.getKey(), e.getValue());
            }
            request = new VisualizeRequest(kind, node, images, batch, extra);
            if (untrained && checkpoint != null) {
                throw new IllegalArgumentException("--untrained and --checkpoint exclude each other");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 2;
        }
        Path folder = (out != null ? out : Path.of("figures").resolve(kind)).toAbsolutePath().normalize();
        WeightsChoice weights = untrained ? WeightsChoice.untrained(seed)
                : checkpoint != null ? WeightsChoice.checkpoint(checkpoint.toAbsolutePath()) : WeightsChoice.latestRun(seed);
        Visualization v = new Visualization(data, image, (fraction, stage) -> progress(err, fraction, stage));
        try {
            List<Path> written = v.run(source, weights, compare, request, options, folder, dataOnly);
            for (String note : v.notes()) {
                err.println("note: " + TerminalText.safe(note));
            }
            for (Path p : written) {
                stdout.println(p);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 2;
        } catch (Visualization.Failure e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return 1;
        } catch (IOException e) {
            err.println("error: could not write to " + folder + ": " + TerminalText.safe(String.valueOf(e.getMessage())));
            return 1;
        }
    }

    private long lastProgress;

    private void progress(PrintWriter err, double fraction, String stage) {
        long now = System.nanoTime();
        if (fraction >= 1 || now - lastProgress >= 300_000_000L) {
            lastProgress = now;
            err.println(String.format(Locale.ROOT, "visualizing %d%%: %s", Math.round(100 * fraction), stage));
            err.flush();
        }
    }
}
