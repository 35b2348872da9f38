package org.modelworkbench.app.gui.profile;

import java.util.Locale;
import org.modelworkbench.editor.profile.MeasuredValues;
import org.modelworkbench.trainer.profile.MeasuredProfile;
import org.modelworkbench.trainer.profile.NodeProfile;
import org.modelworkbench.trainer.profile.Timing;

/** A measured profile as the profile view's measured columns: the kit gets numbers, not the profile. */
final class MeasuredColumns {
    static final String FORWARD = "fwd";
    static final String FORWARD_BACKWARD = "fwdbwd";
    static final String TIME_SHARE = "time";
    static final String GMACS = "gmacs";

    private MeasuredColumns() {
    }

    static MeasuredValues of(MeasuredProfile p) {
        String runs = "median of " + p.repeats() + " runs at " + p.input();
        MeasuredValues.Builder b = MeasuredValues.builder()
                .column(FORWARD, "Fwd ms", "Forward latency (inference), " + runs + ": the block's ops timed "
                        + "in place in the whole model.", MeasuredValues.Format.MILLISECONDS)
                .column(FORWARD_BACKWARD, "Fwd+bwd ms", "Forward and backward (training), " + runs + ": the block's "
                        + "ops run alone on inputs captured from the whole model.", MeasuredValues.Format.MILLISECONDS)
                .column(TIME_SHARE, "% time", "Share of the forward time of all blocks.", MeasuredValues.Format.SHARE)
                .column(GMACS, "GMAC/s", "Achieved rate: the block's MACs at this batch size / its forward time.",
                        MeasuredValues.Format.DECIMAL);
        for (NodeProfile n : p.nodes()) {
            if (!n.measured()) {
                continue;
            }
            b.value(n.nodeId(), FORWARD, n.forward().medianMs());
            b.value(n.nodeId(), FORWARD_BACKWARD, n.forwardBackward().medianMs());
            b.value(n.nodeId(), TIME_SHARE, n.forwardShare());
            if (n.gmacPerSecond() != null) {
                b.value(n.nodeId(), GMACS, n.gmacPerSecond());
            }
            if (n.slow()) {
                b.flag(n.nodeId(), "slow for its cost: " + n.slowReason());
            }
        }
        return b.caption(caption(p)).build();
    }

    /** "Measured at 8x1x28x28 (median of 10 runs): forward 3.1 ms, forward+backward 9.8 ms, 12.1 GMAC/s · …" */
    static String caption(MeasuredProfile p) {
        StringBuilder s = new StringBuilder("Measured at ").append(p.input()).append(" (median of ").append(p.repeats())
                .append(" runs): whole model forward ").append(ms(p.forward())).append(", forward+backward ")
                .append(ms(p.forwardBackward()));
        if (p.forwardGmacPerSecond() != null) {
            s.append(String.format(Locale.ROOT, ", %.1f GMAC/s", p.forwardGmacPerSecond()));
        }
        s.append(" · ").append(p.host().cpu()).append(", ").append(p.host().threads()).append(" threads, ")
                .append(p.host().allocator());
        int slow = p.slowNodes().size();
        if (slow > 0) {
            s.append(" · ").append(slow).append(slow == 1 ? " block is slow for its cost" : " blocks are slow for their cost")
                    .append(" (marked)");
        }
        return s.toString();
    }

    static String ms(Timing t) {
        if (t == null) {
            return "—";
        }
        double v = t.medianMs();
        return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : v >= 10 ? "%.1f ms" : "%.2f ms", v);
    }
}
