package org.modelworkbench.visualizers.curves;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an axis puts its ticks and what their labels say. Linear axes take "nice" steps (1, 2 or 5
 * times a power of ten) and are widened to whole steps; logarithmic axes tick at powers of ten
 * (and at 2 and 5 times them when the range spans less than two decades).
 *
 * @param min    the axis's lower end (a tick)
 * @param max    its upper end (a tick)
 * @param values the ticks, ascending
 * @param step   the step between linear ticks (for the labels' precision); NaN on a log axis
 * @param log    a logarithmic axis
 */
public record AxisTicks(double min, double max, List<Double> values, double step, boolean log) {

    /**
     * Ticks for a linear axis over {@code lo … hi} with at most about {@code maxTicks} ticks; the
     * range is widened to whole steps. An empty range (lo = hi) is widened around its value.
     */
    public static AxisTicks linear(double lo, double hi, int maxTicks) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("axis range " + lo + " … " + hi + " is not finite");
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        int n = Math.max(2, maxTicks);
        double step = niceStep((hi - lo) / (n - 1));
        double start = Math.floor(lo / step + 1e-9) * step;
        double end = Math.ceil(hi / step - 1e-9) * step;
        List<Double> values = new ArrayList<>();
        for (int i = 0; ; i++) {
            double v = start + i * step;
            if (v > end + step * 1e-6) {
                break;
            }
            values.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return new AxisTicks(start, end, List.copyOf(values), step, false);
    }

    /** Ticks for a logarithmic axis over {@code lo … hi} (both positive), widened to whole decades. */
    public static AxisTicks log(double lo, double hi) {
        if (!(lo > 0) || !(hi > 0) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("a logarithmic axis needs a positive range, not " + lo + " … " + hi);
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        int d0 = (int) Math.floor(Math.log10(lo) + 1e-9);
        int d1 = (int) Math.ceil(Math.log10(hi) - 1e-9);
        if (d1 == d0) {
            d1 = d0 + 1;
        }
        List<Double> values = new ArrayList<>();
        boolean fine = d1 - d0 <= 2;
        for (int d = d0; d <= d1; d++) {
            double p = Math.pow(10, d);
            values.add(p);
            if (fine && d < d1) {
                values.add(2 * p);
                values.add(5 * p);
            }
        }
        return new AxisTicks(Math.pow(10, d0), Math.pow(10, d1), List.copyOf(values), Double.NaN, true);
    }

    /** 1, 2 or 5 × 10^k, the smallest not below {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
        return nice * p;
    }

    /** The label of a tick: as few digits as the step needs; thousands as "12k", millions as "1.5M". */
    public String label(double v) {
        if (log) {
            return compact(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(step);
        if (a >= 1000 && Math.abs(v) >= 1000) {
            return compact(v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        int decimals = (int) Math.min(8, Math.ceil(-Math.log10(a) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A short number: 0.0003 as "3e-4", 12,000 as "12k", 0.25 as "0.25". */
    public static String compact(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "–" : v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e6)) + "M";
        }
        if (a >= 1e3) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e3)) + "k";
        }
        if (a >= 0.01) {
            return trim(String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.3g", v));
        }
        String s = String.format(Locale.ROOT, "%.1e", v);
        // 3.0e-04 → 3e-4
        String mantissa = trim(s.substring(0, s.indexOf('e')));
        int exp = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        return mantissa + "e" + exp;
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
