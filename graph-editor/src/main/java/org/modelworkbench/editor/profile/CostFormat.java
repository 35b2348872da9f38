package org.modelworkbench.editor.profile;

import java.util.List;
import java.util.Locale;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.Counts;

/**
 * How the editor writes counts and sizes: exact counts with thousands separators, large counts
 * with SI prefixes ("11.7 M", "1.82 G"), memory in binary units ("12.3 MiB").
 */
public final class CostFormat {
    /** The cost convention, as the profile panel states it. */
    public static final String CONVENTION = "MACs count conv, linear and matmul (attention and the selective scan "
            + "included); FLOPs = 2 × MACs; activation memory is the fp32 size of every tensor produced, "
            + "in training (dropout and drop-path add tensors) and at inference.";

    private static final String[] BINARY = {" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"};

    private CostFormat() {
    }

    /** "11,689,512". */
    public static String grouped(long n) {
        return Counts.grouped(n);
    }

    /** "512", "1.73 K", "11.7 M", "1.82 G": three significant digits ({@link Counts#si}). */
    public static String si(long n) {
        return Counts.si(n);
    }

    /** "1,728" for small counts, "11,689,512 (11.7 M)" for large ones. */
    public static String count(long n) {
        return Math.abs(n) < 10_000 ? grouped(n) : grouped(n) + " (" + si(n) + ")";
    }

    /** "512 B", "3.06 KiB", "12.3 MiB". */
    public static String bytes(long n) {
        if (Math.abs(n) < 1024) {
            return n + " B";
        }
        double v = n;
        int i = 0;
        while (Math.abs(v) >= 1023.5 && i < BINARY.length - 1) {
            v /= 1024;
            i++;
        }
        return threeDigits(v) + BINARY[i];
    }

    /** "12.3 %", "0.04 %", "0 %". */
    public static String percent(double share) {
        double p = share * 100;
        if (p == 0) {
            return "0 %";
        }
        if (p < 0.01) {
            return "< 0.01 %";
        }
        if (p >= 99.95) {
            return "100 %";
        }
        return (p < 10 ? String.format(Locale.US, "%.2f", p) : String.format(Locale.US, "%.1f", p)) + " %";
    }

    /** Shapes joined for display: "1×64×56×56", or "1×64×56×56, 1×64×28×28" for several outputs. */
    public static String shapes(List<Shape> shapes) {
        if (shapes.isEmpty()) {
            return "—";
        }
        StringBuilder b = new StringBuilder();
        for (Shape s : shapes) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s);
        }
        return b.toString();
    }

    private static String threeDigits(double v) {
        double a = Math.abs(v);
        String f = a >= 99.95 ? "%.0f" : a >= 9.995 ? "%.1f" : "%.2f";
        return String.format(Locale.US, f, v);
    }
}
