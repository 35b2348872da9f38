package org.modelworkbench.projects.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How parameter, MAC and FLOP counts are written everywhere (command line, status bar, start page,
 * profile panel, node badges): exactly with thousands separators ("11,689,512"), or rounded to three
 * significant digits with an SI prefix ("912", "1.73 K", "25.7 M", "1.81 G"). The rounding is done
 * in decimal before the prefix is chosen, so 999,999 is "1.00 M", never "1000 K".
 */
public final class Counts {
    private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P", "E"};
    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

    private Counts() {
    }

    /** 11689512 → "11,689,512". */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 912 → "912", 1728 → "1.73 K", 25740288 → "25.7 M", 1814073344 → "1.81 G". */
    public static String si(long n) {
        return si(n, " ");
    }

    /** The same without the space, for tight places such as node badges: "1.73K", "25.7M". */
    public static String siCompact(long n) {
        return si(n, "");
    }

    private static String si(long n, String gap) {
        if (n > -1000 && n < 1000) {
            return Long.toString(n);
        }
        BigDecimal rounded = new BigDecimal(n).round(THREE_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1; // of the leading digit: 6 for 1.00E+6
        int group = Math.min(exponent / 3, PREFIXES.length - 1);
        int integerDigits = exponent - 3 * group + 1;               // 1, 2 or 3
        BigDecimal mantissa = rounded.movePointLeft(3 * group).setScale(Math.max(0, 3 - integerDigits),
                RoundingMode.HALF_UP);
        return mantissa.toPlainString() + gap + PREFIXES[group];
    }
}
