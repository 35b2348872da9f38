package org.modelworkbench.app.visualize;

import java.util.Map;
import org.modelworkbench.app.folders.DataFolder;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.data.DatasetLocator;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.probe.ImageSelection;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;

/** A tiny design for the feature makers' tests: 1×28×28 → conv 3×3/2 (4) → ReLU → depthwise 3×3 → pointwise (8) → ReLU → flatten → linear 10. */
public final class TinyFeatureDesign {
    private TinyFeatureDesign() {
    }

    public static Design design() {
        DesignBuilder b = new DesignBuilder("tiny features");
        String x = b.input("input", 1, 28, 28);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "stride", 2, "padding", 1), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        x = b.add("dw", "conv.depthwise", Map.of("kernel", 3, "padding", 1), x);
        x = b.add("pw", "conv.pointwise", Map.of("out_channels", 8), x);
        x = b.add("relu2", "activation.relu", Map.of(), x);
        x = b.add("flat", "tensor.flatten", Map.of(), x);
        b.add("fc", "linear.linear", Map.of("out_features", 10), x);
        return b.build();
    }

    /** Starts the engine (the test cache the pom names) and opens the design with fresh weights. */
    public static ProbeModel open(long seed) throws Exception {
        DjlRuntime.start(DataFolder.standard().djlCache());
        return ProbeModel.untrained(design(), seed);
    }

    /** The first {@code n} Fashion-MNIST test images (Debian's package, else the bundled sample). */
    public static ProbeImages images(ProbeModel model, int n) throws Exception {
        return ProbeImages.fashionMnist(new DatasetLocator(), null, ImageSelection.first(n), model);
    }
}
