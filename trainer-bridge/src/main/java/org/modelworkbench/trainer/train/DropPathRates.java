package org.modelworkbench.trainer.train;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * Stochastic depth for a training run, the timm way: the blocks that have a {@code drop_path}
 * parameter (ConvNeXt, Swin, FocalNet, VSS, PoolFormer, ViT and MBConv blocks), taken in the
 * design's topological order, get rates rising linearly from 0 at the first to the maximum at the
 * last ({@code torch.linspace(0, max, depth)}). The library blocks add their drop-path branches only
 * when their rate is above 0, so this changes what is compiled, never the parameter count. Only
 * top-level nodes are set; blocks inside a user composite keep their own values.
 */
public final class DropPathRates {
    public static final String PARAM = "drop_path";

    private DropPathRates() {
    }

    /** The top-level node ids with a drop-path rate, in topological order. */
    public static List<String> blocks(Design design, BlockLibrary library) {
        DesignAnalysis analysis = DesignAnalyzer.analyze(design, AnalysisOptions.DEFAULT);
        List<String> ids = new ArrayList<>();
        for (String id : analysis.order()) {
            Node node = design.node(id).orElseThrow();
            boolean has = DesignTypes.find(library, design, node.type())
                    .map(t -> t.params().stream().map(ParamSpec::name).anyMatch(PARAM::equals)).orElse(false);
            if (has) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * A copy of {@code design} whose drop-path blocks have linearly rising rates up to {@code maxRate};
     * {@code design} itself is not changed. A rate of 0 returns the design as it is (its own rates).
     */
    public static Design apply(Design design, double maxRate, BlockLibrary library) {
        if (!(maxRate >= 0 && maxRate < 1)) {
            throw new IllegalArgumentException("drop-path rate must be in [0, 1): " + maxRate);
        }
        if (maxRate == 0) {
            return design;
        }
        List<String> ids = blocks(design, library);
        Design copy = design.copy();
        for (int i = 0; i < ids.size(); i++) {
            double rate = ids.size() > 1 ? maxRate * i / (ids.size() - 1) : 0.0;
            Node node = copy.node(ids.get(i)).orElseThrow();
            copy.replaceNode(node.withParam(PARAM, rate));
        }
        return copy;
    }
}
