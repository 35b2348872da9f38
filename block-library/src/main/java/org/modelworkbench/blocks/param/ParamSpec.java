package org.modelworkbench.blocks.param;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Describes one hyper-parameter: name, kind, default, valid range and documentation.
 * {@link #coerce} turns a raw value (from a file, the inspector or the CLI) into the canonical
 * Java value, or names what is wrong with it.
 *
 * <p>Canonical values: {@code Integer} for INT, {@code Double} for REAL, {@code Boolean} for BOOL,
 * {@code String} for CHOICE and an unmodifiable {@code List<Integer>} for INT_LIST.
 */
public record ParamSpec(String name, ParamKind kind, Object defaultValue, double min, double max,
                        List<String> choices, int minLength, int maxLength, String doc, String unit) {

    public ParamSpec {
        choices = List.copyOf(choices);
    }

    public static ParamSpec integer(String name, int defaultValue, int min, int max, String doc) {
        return new ParamSpec(name, ParamKind.INT, defaultValue, min, max, List.of(), 0, 0, doc, "");
    }

    /**
     * A whole number in [min, max] or the word "auto" (the default), which the block resolves for its
     * inputs (a padding that follows the kernel). Canonical values: an {@code Integer} or "auto".
     */
    public static ParamSpec integerOrAuto(String name, int min, int max, String doc) {
        return new ParamSpec(name, ParamKind.INT, AUTO, min, max, List.of(AUTO), 0, 0, doc, "");
    }

    /** The word that asks a block to work a value out from its inputs. */
    public static final String AUTO = "auto";

    public static ParamSpec real(String name, double defaultValue, double min, double max, String doc) {
        return new ParamSpec(name, ParamKind.REAL, defaultValue, min, max, List.of(), 0, 0, doc, "");
    }

    public static ParamSpec bool(String name, boolean defaultValue, String doc) {
        return new ParamSpec(name, ParamKind.BOOL, defaultValue, 0, 1, List.of(), 0, 0, doc, "");
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String doc) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not among " + choices);
        }
        return new ParamSpec(name, ParamKind.CHOICE, defaultValue, 0, 0, choices, 0, 0, doc, "");
    }

    /** A list of whole numbers, each in [min, max], with between minLength and maxLength entries. */
    public static ParamSpec intList(String name, List<Integer> defaultValue, int minLength, int maxLength,
                                    int min, int max, String doc) {
        return new ParamSpec(name, ParamKind.INT_LIST, List.copyOf(defaultValue), min, max, List.of(),
                minLength, maxLength, doc, "");
    }

    /** The same parameter with a unit shown next to its value (e.g. "px", "channels"). */
    public ParamSpec withUnit(String newUnit) {
        return new ParamSpec(name, kind, defaultValue, min, max, choices, minLength, maxLength, doc, newUnit);
    }

    /** Returns the canonical value of {@code raw}, or throws naming this parameter and the problem. */
    public Object coerce(Object raw) throws InvalidParameterException {
        if (raw == null) {
            throw fail("a value is required");
        }
        return switch (kind) {
            case INT -> {
                if (raw instanceof String s && choices.contains(s)) {
                    yield s;
                }
                yield Integer.valueOf(wholeNumber(raw, choices.isEmpty() ? "a whole number" : "a whole number or auto"));
            }
            case REAL -> realNumber(raw);
            case BOOL -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                throw fail("expected true or false, got " + describe(raw));
            }
            case CHOICE -> {
                if (raw instanceof String s && choices.contains(s)) {
                    yield s;
                }
                throw fail("expected one of " + String.join(", ", choices) + ", got " + describe(raw));
            }
            case INT_LIST -> intList(raw);
        };
    }

    /** A short human description of the valid values, e.g. "1 … 4096" or "relu, silu". */
    public String rangeText() {
        return switch (kind) {
            case INT -> (choices.isEmpty() ? "" : "auto or ") + fmt(min) + " … " + fmt(max);
            case REAL -> fmt(min) + " … " + fmt(max);
            case BOOL -> "true or false";
            case CHOICE -> String.join(", ", choices);
            case INT_LIST -> minLength + " to " + maxLength + " whole numbers in " + fmt(min) + " … " + fmt(max);
        };
    }

    private int wholeNumber(Object raw, String what) throws InvalidParameterException {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            // The common case (every value the app itself stores): no decimal arithmetic needed.
            long v = ((Number) raw).longValue();
            if (v >= min && v <= max) {
                return (int) v;
            }
        }
        BigDecimal value;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            value = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger big) {
            value = new BigDecimal(big);
        } else if (raw instanceof BigDecimal dec) {
            value = dec;
        } else if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (!Double.isFinite(d)) {
                throw fail("expected " + what + ", got " + d);
            }
            value = BigDecimal.valueOf(d);
        } else {
            throw fail("expected " + what + ", got " + describe(raw));
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw fail("expected " + what + ", got " + abbreviate(value));
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw fail("must be between " + fmt(min) + " and " + fmt(max) + ", got " + abbreviate(value));
        }
        return value.intValueExact();
    }

    private Double realNumber(Object raw) throws InvalidParameterException {
        if (!(raw instanceof Number n)) {
            throw fail("expected a number, got " + describe(raw));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            // Double/Float NaN and ±Infinity have no BigDecimal form; only a huge BigDecimal/BigInteger gets here otherwise
            String shown = n instanceof Double || n instanceof Float ? String.valueOf(d)
                    : abbreviate(new BigDecimal(n.toString()));
            throw fail("expected a finite number, got " + shown);
        }
        if (d < min || d > max) {
            throw fail("must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(d));
        }
        return d;
    }

    private List<Integer> intList(Object raw) throws InvalidParameterException {
        if (!(raw instanceof List<?> list)) {
            throw fail("expected a list of whole numbers such as [3, 5, 7], got " + describe(raw));
        }
        if (list.size() < minLength || list.size() > maxLength) {
            throw fail("expected " + (minLength == maxLength ? String.valueOf(minLength) : minLength + " to " + maxLength)
                    + " entries, got " + list.size());
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(wholeNumber(list.get(i), "a whole number"));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException(name + "[" + i + "]",
                        e.problems().get(0).message());
            }
        }
        return List.copyOf(out);
    }

    private InvalidParameterException fail(String message) {
        return new InvalidParameterException(name, message);
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (raw instanceof List<?>) {
            return "a list";
        }
        if (raw instanceof java.util.Map<?, ?>) {
            return "an object";
        }
        return String.valueOf(raw);
    }

    private static String abbreviate(BigDecimal v) {
        if (Math.abs(v.scale()) > 30 || v.precision() > 30) {
            // Never expand 1e999999999 into its digits: scientific notation, 4 significant digits.
            return v.round(new java.math.MathContext(4)).toString();
        }
        String s = v.toPlainString();
        return s.length() > 24 ? v.round(new java.math.MathContext(4)).toString() : s;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
