package org.modelworkbench.trainer.profile;

/**
 * The measured cost of one top-level node of a design (a composite's ops summed into it), beside
 * its static cost at the same batch size. Timings are null for a node that runs no op (an image input).
 *
 * @param ops             the primitives the node runs
 * @param forward         its ops' time inside the whole model's inference forward
 * @param isolatedForward its ops alone, training mode, forward only
 * @param forwardBackward its ops alone, training mode, forward and backward
 * @param forwardShare    its share of the sum of every node's forward time (0 to 1)
 * @param macShare        its share of the design's MACs (0 to 1)
 * @param gmacPerSecond   static MACs / median forward time, in 10⁹ per second (0 for a node without MACs)
 * @param slow            true when the node takes a much larger share of the time than of the MACs
 * @param slowReason      why it is flagged, or null
 */
public record NodeProfile(String nodeId, String type, int ops, long params, long macs, Timing forward,
                          Timing isolatedForward, Timing forwardBackward, double forwardShare, double macShare,
                          Double gmacPerSecond, boolean slow, String slowReason) {

    public boolean measured() {
        return forward != null;
    }
}
