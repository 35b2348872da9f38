package org.modelworkbench.app.visualize;

import java.util.Map;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeModel;

/**
 * What the user asked a probe for.
 *
 * @param kind      the view kind
 * @param node      the node/op path to look at; null: the maker's default (and it says which in the bundle)
 * @param images    how many test images to run (the maker's default when 0)
 * @param batchSize images per forward pass
 * @param options   the view's own options (--option key=value), which some makers also need (e.g. ERF mode)
 * @param opener    opens another source (run folder, file or template) the way the command line does,
 *                  for makers that compare against a second model in one computation (CKA between two
 *                  designs); null where that is not offered
 * @param dataFolder Fashion-MNIST's folder the user chose (--data), for makers that read more test images
 *                  than the probe's; null: Debian's package, else the bundled sample
 */
public record VisualizeRequest(String kind, String node, int images, int batchSize, Map<String, String> options,
                               SourceOpener opener, java.nio.file.Path dataFolder) {
    /** Opens a source with the weights the user chose for it; the caller closes the model. */
    @FunctionalInterface
    public interface SourceOpener {
        ProbeModel open(String source) throws ProbeException;
    }

    public VisualizeRequest {
        if (images < 0 || batchSize < 1) {
            throw new IllegalArgumentException("images must be 0 or more and the batch at least 1");
        }
        options = Map.copyOf(options);
    }

    public VisualizeRequest(String kind, String node, int images, int batchSize, Map<String, String> options) {
        this(kind, node, images, batchSize, options, null, null);
    }

    public VisualizeRequest(String kind, String node, int images, int batchSize, Map<String, String> options,
                            SourceOpener opener) {
        this(kind, node, images, batchSize, options, opener, null);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    public VisualizeRequest withOpener(SourceOpener o) {
        return new VisualizeRequest(kind, node, images, batchSize, options, o, dataFolder);
    }

    public VisualizeRequest withDataFolder(java.nio.file.Path folder) {
        return new VisualizeRequest(kind, node, images, batchSize, options, opener, folder);
    }
}
