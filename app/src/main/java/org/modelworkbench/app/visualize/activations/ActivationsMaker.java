package org.modelworkbench.app.visualize.activations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.probe.LayerOutput;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.views.activations.ActivationsView;

/**
 * The probe half of {@link ActivationsView}: every top-level layer's output for the images
 * ({@link ProbeModel#everyLayerOutput}), the layer names in run order, which of them are channels-last, and
 * the default layer: {@code --node} or the last spatial feature map before the head.
 */
public final class ActivationsMaker implements BundleMaker {
    @Override
    public String kind() {
        return ActivationsView.KIND;
    }

    @Override
    public int defaultImages() {
        return 8;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        List<LayerOutput> outputs = model.everyLayerOutput(images, request.batchSize());
        if (outputs.isEmpty()) {
            throw new ProbeException("the design '" + model.design().name() + "' has no layer before its output to show");
        }
        Map<String, NodeTensors> nodes = NodeTensors.of(model).stream()
                .collect(Collectors.toMap(NodeTensors::node, n -> n, (a, b) -> a));
        List<String> layers = new ArrayList<>();
        List<String> channelsLast = new ArrayList<>();
        String fallback = null;
        for (LayerOutput o : outputs) {
            layers.add(o.node());
            NodeTensors n = nodes.get(o.node());
            if (n != null && n.channelsLast() && o.tensor().rank() == 4) {
                channelsLast.add(o.node());
            }
            if (o.tensor().rank() == 4 && (n == null ? o.tensor().dim(2) * o.tensor().dim(3) > 1 : n.isSpatialMap())) {
                fallback = o.node();
            }
            bundle.tensor(ActivationsView.tensorName(o.node()), Tensors.of(o.tensor()));
        }
        String node = request.node();
        if (node != null && !layers.contains(node)) {
            throw new IllegalArgumentException("'" + node + "' is not one of the layers whose output is shown: "
                    + String.join(", ", layers));
        }
        if (node == null) {
            node = fallback != null ? fallback : layers.get(layers.size() - 1);
        }
        bundle.meta(ActivationsView.LAYERS, layers);
        bundle.meta(ActivationsView.CHANNELS_LAST, channelsLast);
        bundle.meta(CommonData.NODE, node);
    }
}
