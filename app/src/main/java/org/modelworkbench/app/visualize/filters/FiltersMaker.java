package org.modelworkbench.app.visualize.filters;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.probe.Convolution;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.filters.FilterData;

/**
 * The probe half of the filters view: the weights of every convolution whose kernels are square and at
 * least 3×3 (1×1 kernels have no spatial shape), under {@link FilterData}'s names. The layer shown first
 * ({@link CommonData#NODE}) is the one asked for (an op path, or a node id: its first such convolution),
 * else the first depthwise convolution (the kernels Babaiee et al. study), else the first one. Needs no
 * images beyond the one every bundle carries.
 */
public final class FiltersMaker implements BundleMaker {
    @Override
    public String kind() {
        return "filters";
    }

    @Override
    public int defaultImages() {
        return 1;
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        List<Convolution> convs = spatial(model.convolutions());
        if (convs.isEmpty()) {
            throw new ProbeException("'" + model.design().name() + "' has no convolution with a kernel of 3×3 or more: "
                    + "there are no spatial filters to cluster");
        }
        List<String> layers = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Convolution> kept = new ArrayList<>();
        for (Convolution c : convs) {
            FloatTensor w = Tensors.of(model.weights(c.op()).weight());
            if (w.dim(2) != w.dim(3)) {
                continue; // a 1×k or k×1 kernel has no 2-D shape to name
            }
            kept.add(c);
            layers.add(c.op());
            types.add(c.type());
            bundle.tensor(FilterData.weight(c.op()), w);
        }
        if (kept.isEmpty()) {
            throw new ProbeException("'" + model.design().name() + "' has no square convolution kernel of 3×3 or more");
        }
        convs = kept;
        bundle.meta(FilterData.LAYERS, layers);
        bundle.meta(FilterData.LAYER_TYPES, types);
        bundle.meta(CommonData.NODE, defaultLayer(convs, request.node()));
    }

    /** The convolutions with square kernels of 3 or more, in run order. */
    static List<Convolution> spatial(List<Convolution> all) {
        return all.stream().filter(c -> c.kernelSize() >= 3).toList();
    }

    /**
     * The node asked for (op path, or the first convolution under a node id), else the first depthwise one,
     * else the first.
     *
     * @throws IllegalArgumentException naming the node and the layers there are, when it holds none
     */
    static String defaultLayer(List<Convolution> convs, String node) {
        if (node != null && !node.isBlank()) {
            for (Convolution c : convs) {
                if (c.op().equals(node) || c.op().startsWith(node + ".")) {
                    return c.op();
                }
            }
            throw new IllegalArgumentException("'" + node + "' holds no convolution with a kernel of 3 or more; they are: "
                    + String.join(", ", convs.stream().map(Convolution::op).toList()));
        }
        return convs.stream().filter(Convolution::depthwise).findFirst().orElse(convs.get(0)).op();
    }
}
