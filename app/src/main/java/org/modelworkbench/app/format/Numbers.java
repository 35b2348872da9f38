package org.modelworkbench.app.format;

import java.util.Locale;
import org.modelworkbench.projects.analysis.Counts;

/** Formats counts the way the tables show them. */
public final class Numbers {
    private Numbers() {
    }

    /** 11689512 → "11,689,512" ({@link Counts#grouped}). */
    public static String grouped(long n) {
        return Counts.grouped(n);
    }

    /** 1814073344 → "1.81 G", 25740288 → "25.7 M", 912 → "912" ({@link Counts#si}: one formatter for the whole app). */
    public static String si(long n) {
        return Counts.si(n);
    }

    /** Bytes as MiB/KiB with one decimal. */
    public static String bytes(long n) {
        if (n >= 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
        }
        if (n >= 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        if (n >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return n + " B";
    }
}
