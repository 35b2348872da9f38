package org.modelworkbench.app.gui.profile;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.profile.BatchProfile;
import org.modelworkbench.trainer.profile.HostInfo;
import org.modelworkbench.trainer.profile.MeasuredProfile;
import org.modelworkbench.trainer.profile.NodeProfile;
import org.modelworkbench.trainer.profile.Timing;

/**
 * A measured profile of resnet-fmnist made up by hand (no engine in GUI tests): every node with ops
 * takes 1 ms per million MACs plus 0.1 ms, except stage3_block1, which is made slow.
 */
final class SampleProfiles {
    private SampleProfiles() {
    }

    static MeasuredProfile resnet() {
        Design design;
        try {
            design = Templates.load("resnet-fmnist");
        } catch (ProjectFileException e) {
            throw new IllegalStateException(e);
        }
        DesignAnalysis a = DesignAnalyzer.analyze(design, new AnalysisOptions(Shape.of(8, 1, 28, 28)));
        long total = a.totals().macs();
        List<NodeProfile> nodes = new ArrayList<>();
        double sum = 0;
        for (String id : a.order()) {
            long macs = a.node(id).macs();
            sum += id.equals("input") ? 0 : time(id, macs);
        }
        for (String id : a.order()) {
            long macs = a.node(id).macs();
            String type = design.node(id).orElseThrow().type();
            if (id.equals("input")) {
                nodes.add(new NodeProfile(id, type, 0, 0, macs, null, null, null, 0, 0, null, false, null));
                continue;
            }
            double ms = time(id, macs);
            Timing t = new Timing(ms, ms * 0.9, ms * 1.2, 10);
            Timing fb = new Timing(3 * ms, 2.7 * ms, 3.6 * ms, 10);
            boolean slow = id.equals("stage3_block1");
            nodes.add(new NodeProfile(id, type, 1, a.node(id).params(), macs, t, t, fb, ms / sum, (double) macs / total,
                    macs / (ms * 1e6), slow, slow ? "40.0% of the forward time for 9.1% of the MACs" : null));
        }
        Timing whole = new Timing(sum * 1.05, sum, sum * 1.3, 10);
        Timing wholeFb = new Timing(sum * 3.2, sum * 3, sum * 3.5, 10);
        List<BatchProfile> batches = List.of(
                new BatchProfile(1, total / 8, new Timing(2, 1.8, 2.4, 10), new Timing(6, 5.5, 7, 10), 500.0, 166.7,
                        7.8, 400L << 20, 3L << 20, null),
                new BatchProfile(8, total, whole, wholeFb, 8000 / whole.medianMs(), 8000 / wholeFb.medianMs(),
                        total / (whole.medianMs() * 1e6), 420L << 20, 12L << 20, null),
                new BatchProfile(128, total * 16, null, null, null, null, null, null, null,
                        "would take about 95 s (limit 60 s per batch size)"));
        return new MeasuredProfile(MeasuredProfile.FORMAT_VERSION, "ResNet (Fashion-MNIST)", "8x1x28x28", 8, 3, 10,
                new HostInfo("PyTorch 2.7.1", 2, "tcmalloc", "Test CPU (avx2)"), a.totals().params(), total, whole,
                wholeFb, total / (whole.medianMs() * 1e6), 0.97, 0.9, nodes, batches,
                "peak resident set (VmHWM)", List.of("made up for a test"));
    }

    private static double time(String id, long macs) {
        return id.equals("stage3_block1") ? 40 : macs / 1e6 + 0.1;
    }
}
