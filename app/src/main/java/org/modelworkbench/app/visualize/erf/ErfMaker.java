package org.modelworkbench.app.visualize.erf;

import java.util.Locale;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.app.visualize.activations.NodeTensors;
import org.modelworkbench.trainer.probe.ErfMode;
import org.modelworkbench.trainer.probe.InputGradient;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.trainer.probe.ReceptiveField;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.erf.EffectiveReceptiveField;
import org.modelworkbench.visualizers.views.erf.ErfView;

/**
 * The probe half of {@link ErfView} (views-exact.md §7): the input gradient of the target's centre unit
 * ({@link ProbeModel#inputGradient}) batch by batch, accumulated with {@link EffectiveReceptiveField} so the
 * bundle holds only the mean H×W map, the image count and the skipped ones, plus the target's theoretical
 * field ({@link ProbeModel#theoreticalField}). Target: {@code --node}, else the last spatial feature map.
 * Option {@code method=replknet|luo2016}.
 */
public final class ErfMaker implements BundleMaker {
    public static final String METHOD = "method";

    @Override
    public String kind() {
        return ErfView.KIND;
    }

    @Override
    public int defaultImages() {
        return 32;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        String method = request.option(METHOD, "replknet").trim().toLowerCase(Locale.ROOT);
        ErfMode mode;
        EffectiveReceptiveField.Method accumulate;
        switch (method) {
            case "replknet" -> {
                mode = ErfMode.REPLKNET;
                accumulate = EffectiveReceptiveField.Method.REPLKNET;
            }
            case "luo2016" -> {
                mode = ErfMode.LUO2016;
                accumulate = EffectiveReceptiveField.Method.LUO2016;
            }
            default -> throw new IllegalArgumentException("option 'method' must be replknet or luo2016, got '"
                    + request.option(METHOD, "") + "'");
        }
        String target = request.node();
        if (target == null) {
            NodeTensors last = NodeTensors.lastFeatureMap(NodeTensors.of(model), false);
            if (last == null) {
                throw new ProbeException("the design '" + model.design().name() + "' has no spatial feature map for the "
                        + "effective receptive field; name one with --node");
            }
            target = last.node();
        }
        EffectiveReceptiveField erf = new EffectiveReceptiveField(model.height(), model.width(), accumulate);
        InputGradient g = null;
        for (int from = 0; from < images.size(); from += request.batchSize()) {
            int to = Math.min(images.size(), from + request.batchSize());
            g = model.inputGradient(images.slice(from, to), target, mode);
            erf.add(Tensors.of(g.gradient()));
        }
        if (erf.images() == 0) {
            throw new ProbeException("every image's gradient was NaN (" + erf.skipped() + " skipped): no ERF to show");
        }
        ReceptiveField field = model.theoreticalField(target);
        bundle.tensor(ErfView.MEAN_GRADIENT, erf.mean());
        bundle.meta(CommonData.NODE, target);
        bundle.meta(ErfView.TARGET, target);
        bundle.meta("targetOp", g.op());
        bundle.meta(ErfView.METHOD, method);
        bundle.meta(ErfView.COUNT, erf.images());
        bundle.meta(ErfView.SKIPPED, erf.skipped());
        bundle.meta(ErfView.OUTPUT_HEIGHT, g.outputHeight());
        bundle.meta(ErfView.OUTPUT_WIDTH, g.outputWidth());
        bundle.meta(ErfView.FIELD_SIZE, field.size());
        bundle.meta(ErfView.FIELD_JUMP, field.jump());
        bundle.meta(ErfView.FIELD_START, field.start());
        bundle.meta(ErfView.FIELD_GLOBAL, field.global());
    }
}
