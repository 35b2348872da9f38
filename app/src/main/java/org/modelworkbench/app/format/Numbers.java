package org.modelworkbench.app.format;

import java.util.Locale;

/** Formats counts the way the tables show them. */
public final class Numbers {
    private Numbers() {
    }

    /** 11689512 → "11,689,512". */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 1814073344 → "1.81 G", 25740288 → "25.7 M", 912 → "912". */
    public static String si(long n) {
        double v = n;
        String[] units = {"", " K", " M", " G", " T", " P"};
        int u = 0;
        while (Math.abs(v) >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        if (u == 0) {
            return String.valueOf(n);
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : v >= 10 ? "%.1f%s" : "%.2f%s", v, units[u]);
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
