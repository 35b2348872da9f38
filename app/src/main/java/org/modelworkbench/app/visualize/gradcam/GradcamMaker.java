package org.modelworkbench.app.visualize.gradcam;

import java.util.Arrays;
import java.util.List;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.app.visualize.activations.NodeTensors;
import org.modelworkbench.trainer.capture.GradientCapture;
import org.modelworkbench.trainer.probe.AttentionLayer;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.gradcam.GradCam;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.gradcam.GradcamView;

/**
 * The probe half of {@link GradcamView}: the target's output and the gradient of each image's class score
 * ({@link ProbeModel#gradCam}), brought to B×C×h×w (channels-last maps transposed, ViT tokens laid on their
 * grid after the prefix tokens are dropped, views-exact.md §10), with the logits and the scored classes.
 * Target: {@code --node}, else the last spatial feature map (a CNN, Swin, VMamba) or, for a ViT, the tokens
 * entering its last attention block. Class: {@code --option class=N} for every image, else each image's
 * predicted class.
 */
public final class GradcamMaker implements BundleMaker {
    /** The option naming the class to explain. */
    public static final String CLASS = "class";

    @Override
    public String kind() {
        return GradcamView.KIND;
    }

    @Override
    public int defaultImages() {
        return 8;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        List<NodeTensors> nodes = NodeTensors.of(model);
        String target = request.node();
        NodeTensors info = null;
        if (target == null) {
            info = NodeTensors.lastFeatureMap(nodes, true);
            if (info == null) {
                throw new ProbeException("the design '" + model.design().name() + "' has no feature map or token layer "
                        + "for Grad-CAM; name one with --node");
            }
            target = info.node();
        } else {
            String t = target;
            info = nodes.stream().filter(n -> n.node().equals(t)).findFirst().orElse(null);
        }
        int classCount = model.compiled().program().outputShapes().get(0).dim(-1);
        int[] classes = null;
        String choice = request.option(CLASS, "").trim();
        if (!choice.isEmpty() && !choice.equals("predicted")) {
            int c;
            try {
                c = Integer.parseInt(choice);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option 'class' must be a class number 0…" + (classCount - 1)
                        + " or 'predicted', got '" + choice + "'");
            }
            if (c < 0 || c >= classCount) {
                throw new IllegalArgumentException("option 'class' must be a class number 0…" + (classCount - 1)
                        + ", got " + c);
            }
            classes = new int[images.size()];
            Arrays.fill(classes, c);
        }
        GradientCapture.Result r = model.gradCam(images, target, classes);
        FloatTensor activation = Tensors.of(r.activation());
        FloatTensor gradient = Tensors.of(r.gradient());
        String layout;
        int prefix = 0;
        if (activation.rank() == 4) {
            boolean last = info != null && info.channelsLast();
            layout = last ? "NHWC" : "NCHW";
            if (last) {
                activation = GradCam.channelsLastToMaps(activation);
                gradient = GradCam.channelsLastToMaps(gradient);
            }
        } else if (activation.rank() == 3) {
            layout = "tokens";
            prefix = prefixTokens(model, images, activation.dim(1));
            activation = GradCam.tokensToMaps(activation, prefix);
            gradient = GradCam.tokensToMaps(gradient, prefix);
        } else {
            throw new IllegalArgumentException("'" + target + "' passes on a tensor of shape "
                    + Arrays.toString(activation.shape()) + "; Grad-CAM needs a feature map or tokens");
        }
        bundle.tensor(GradcamView.ACTIVATION, activation);
        bundle.tensor(GradcamView.GRADIENT, gradient);
        bundle.tensor(GradcamView.LOGITS, Tensors.of(r.logits()));
        bundle.tensor(GradcamView.CLASSES, Tensors.ofInts(r.classes()));
        bundle.meta(CommonData.NODE, target);
        bundle.meta(GradcamView.TARGET, target);
        bundle.meta("targetOp", r.op());
        bundle.meta(GradcamView.TARGET_LAYOUT, layout);
        bundle.meta(GradcamView.PREFIX_TOKENS, prefix);
        bundle.meta(GradcamView.CLASS_CHOICE, classes == null ? "predicted" : choice);
    }

    /**
     * The prefix tokens (class, distillation) of a token layer: what the design's global attention counts
     * beyond its patch grid, on one image; else the fewest (0…2) that leave a square grid.
     */
    static int prefixTokens(ProbeModel model, ProbeImages images, int tokens) {
        for (AttentionLayer a : model.attention(images.slice(0, 1))) {
            if (a.prefixTokens() + a.gridHeight() * a.gridWidth() == tokens && a.gridHeight() == a.gridWidth()) {
                return a.prefixTokens();
            }
        }
        for (int p = 0; p <= 2 && p < tokens; p++) {
            int g = (int) Math.round(Math.sqrt(tokens - p));
            if (g * g == tokens - p) {
                return p;
            }
        }
        throw new IllegalArgumentException(tokens + " tokens less 0, 1 or 2 prefix tokens make no square grid: "
                + "Grad-CAM cannot lay them on the image; name a feature map with --node");
    }
}
