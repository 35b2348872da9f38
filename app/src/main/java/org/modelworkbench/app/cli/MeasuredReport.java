package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.app.format.TerminalText;
import org.modelworkbench.trainer.profile.BatchProfile;
import org.modelworkbench.trainer.profile.MeasuredProfile;
import org.modelworkbench.trainer.profile.NodeProfile;
import org.modelworkbench.trainer.profile.Timing;

/** {@code workbench profile --measure} as text: the per-node table, the throughput table, the notes. */
final class MeasuredReport {
    private MeasuredReport() {
    }

    static void print(PrintWriter out, MeasuredProfile p) {
        out.println(TerminalText.safe(p.design()) + " — measured at " + p.input() + ", median of " + p.repeats()
                + " runs after " + p.warmup() + " warm-up (p10-p90 in the JSON)");
        out.println("host: " + TerminalText.safe(p.host().cpu()) + ", " + p.host().engine() + ", " + p.host().threads()
                + " thread" + (p.host().threads() == 1 ? "" : "s") + ", " + p.host().allocator());
        out.println();
        Table t = new Table("node", "type", "MACs", "fwd ms", "fwd+bwd ms", "% time", "% MACs", "GMAC/s", "")
                .alignRight(2, 3, 4, 5, 6, 7);
        for (NodeProfile n : p.nodes()) {
            t.row(TerminalText.safe(n.nodeId()), TerminalText.safe(n.type()), Numbers.si(n.macs()), ms(n.forward()),
                    ms(n.forwardBackward()), n.measured() ? percent(n.forwardShare()) : "—", percent(n.macShare()),
                    n.gmacPerSecond() == null ? "—" : fixed(n.gmacPerSecond()), n.slow() ? "slow" : "");
        }
        out.print(t.render());
        out.println();
        out.println("whole model  forward " + ms(p.forward()) + " ms, forward+backward " + ms(p.forwardBackward())
                + " ms, " + (p.forwardGmacPerSecond() == null ? "—" : fixed(p.forwardGmacPerSecond()))
                + " GMAC/s forward");
        out.println();

        Table b = new Table("batch", "fwd ms", "images/s", "fwd+bwd ms", "images/s", "GMAC/s", "peak RSS", "step adds")
                .alignRight(0, 1, 2, 3, 4, 5, 6, 7);
        for (BatchProfile row : p.batches()) {
            if (!row.measured()) {
                b.row(Integer.toString(row.batch()), "skipped", "", "", "", "", "", "");
                continue;
            }
            b.row(Integer.toString(row.batch()), ms(row.forward()), whole(row.forwardImagesPerSecond()),
                    ms(row.forwardBackward()), whole(row.trainingImagesPerSecond()),
                    row.forwardGmacPerSecond() == null ? "—" : fixed(row.forwardGmacPerSecond()),
                    row.peakRssBytes() == null ? "—" : Numbers.bytes(row.peakRssBytes()),
                    row.stepMemoryBytes() == null ? "—" : Numbers.bytes(row.stepMemoryBytes()));
        }
        out.print(b.render());
        out.println("memory: " + p.memoryMethod());
        out.println();
        if (!p.slowNodes().isEmpty()) {
            out.println("Slow for their cost:");
            for (NodeProfile n : p.slowNodes()) {
                out.println("  " + TerminalText.safe(n.nodeId()) + ": " + n.slowReason());
            }
            out.println();
        }
        out.println("Notes:");
        for (String note : p.notes()) {
            out.println("  - " + TerminalText.safe(note));
        }
    }

    static String ms(Timing t) {
        if (t == null) {
            return "—";
        }
        double v = t.medianMs();
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String whole(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
