package org.modelworkbench.trainer.profile;

import java.util.List;
import java.util.Optional;

/**
 * A measured profile of a design (see {@link MeasuredProfiler} for the method): per top-level node,
 * per batch size and for the whole model. Plain values, written as JSON by {@link ProfileJson}.
 *
 * @param input                   the per-node measurements' input, "8x1x28x28"
 * @param forward                 the whole model's inference forward at {@code batch}
 * @param forwardBackward         the whole model's training forward and backward at {@code batch}
 * @param forwardCoverage         the share of the observed forwards' wall time spent inside ops (median
 *                                over the runs that timed the nodes; the rest is bookkeeping between ops)
 * @param forwardBackwardCoverage the sum of the nodes' isolated forward+backward medians / the whole one
 * @param memoryMethod            how the peak memory was read
 * @param notes                   the method and anything the reader should know (skipped sizes, allocator)
 */
public record MeasuredProfile(int formatVersion, String design, String input, int batch, int warmup, int repeats,
                              HostInfo host, long params, long macs, Timing forward, Timing forwardBackward,
                              Double forwardGmacPerSecond, double forwardCoverage, double forwardBackwardCoverage,
                              List<NodeProfile> nodes, List<BatchProfile> batches, String memoryMethod,
                              List<String> notes) {
    public static final int FORMAT_VERSION = 1;

    public MeasuredProfile {
        nodes = List.copyOf(nodes);
        batches = List.copyOf(batches);
        notes = List.copyOf(notes);
    }

    public Optional<NodeProfile> node(String id) {
        return nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst();
    }

    /** The nodes flagged as slow for their cost, in design order. */
    public List<NodeProfile> slowNodes() {
        return nodes.stream().filter(NodeProfile::slow).toList();
    }
}
