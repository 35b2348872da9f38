package org.modelworkbench.trainer.export;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns names from a design into Python identifiers and values into Python literals, so that
 * nothing a user typed can become code: an identifier is rebuilt from letters, digits and
 * underscores only, a string literal is escaped character by character. One scope hands out
 * unique names (ADR 17, "Names").
 */
public final class PythonNames {
    /** Python's keywords and the soft ones a name should not take. */
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield", "match", "case", "type", "_");

    /** What model.py itself uses: modules, builtins, and the attributes every nn.Module has. */
    static final Set<String> TAKEN = Set.of("self", "torch", "nn", "F", "math", "np", "numpy", "super", "print",
            "len", "range", "list", "tuple", "dict", "int", "float", "bool", "str", "object", "isinstance", "zip",
            "min", "max", "sum", "abs", "any", "all", "map", "open", "id", "input", "iter", "next", "hash", "vars",
            "training", "forward", "train", "eval", "parameters", "named_parameters", "buffers", "named_buffers",
            "children", "named_children", "modules", "named_modules", "state_dict", "load_state_dict", "to", "cpu",
            "cuda", "half", "double", "bfloat16", "apply", "register_buffer", "register_parameter",
            "add_module", "register_module", "get_submodule", "get_parameter", "get_buffer", "zero_grad",
            "requires_grad_", "share_memory", "extra_repr", "dump_patches", "call_super_init", "xpu", "ipu", "mtia",
            "to_empty", "get_extra_state", "set_extra_state", "register_forward_hook", "register_forward_pre_hook",
            "register_backward_hook", "register_full_backward_hook", "T_destination", "compile");

    private final Set<String> used = new HashSet<>();

    /** A scope in which {@code reserved} names are already taken. */
    public PythonNames(Set<String> reserved) {
        used.addAll(reserved);
    }

    public PythonNames() {
        this(Set.of());
    }

    /**
     * A new identifier in this scope made from {@code name}: anything but letters, digits and
     * underscores becomes an underscore, a leading digit or underscore gets a letter before it, a
     * keyword or a taken name gets a trailing underscore, and a clash a number.
     */
    public String unique(String name) {
        String base = identifier(name);
        String candidate = base;
        for (int n = 2; used.contains(candidate); n++) {
            candidate = base + "_" + n;
        }
        used.add(candidate);
        return candidate;
    }

    /** The identifier {@link #unique} starts from (lower snake case is left as it is). */
    static String identifier(String name) {
        StringBuilder b = new StringBuilder();
        String text = name == null ? "" : name;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        String s = b.toString();
        if (s.isEmpty() || s.chars().allMatch(c -> c == '_')) {
            s = "node";
        }
        if (Character.isDigit(s.charAt(0)) || s.charAt(0) == '_') {
            s = "n" + s; // private-looking or numeric names would hide from nn.Module or not parse
        }
        if (KEYWORDS.contains(s) || TAKEN.contains(s)) {
            s = s + "_";
        }
        return s;
    }

    /** A class name from a design or composite name: "resnet-fmnist" → "ResnetFmnist". */
    static String className(String name, String fallback) {
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        String text = name == null ? "" : name;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String s = b.toString();
        if (s.isEmpty()) {
            s = fallback;
        }
        if (Character.isDigit(s.charAt(0))) {
            s = fallback + s;
        }
        return KEYWORDS.contains(s) ? s + "_" : s;
    }

    /** A Python literal for a parameter value: None, True/False, int, float, str or a list of them. */
    public static String literal(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "float('nan')";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "float('inf')" : "float('-inf')";
            }
            return Double.toString(d); // "1.0E-5" is a valid Python float, exactly the double
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i > 0 ? ", " : "").append(literal(list.get(i)));
            }
            return b.append(']').toString();
        }
        if (value instanceof int[] ints) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < ints.length; i++) {
                b.append(i > 0 ? ", " : "").append(ints[i]);
            }
            return b.append(ints.length == 1 ? ",)" : ")").toString();
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("no Python literal for a map parameter");
        }
        return string(value.toString());
    }

    /** A single-quoted Python string literal; only printable ASCII is written as itself. */
    public static String string(String text) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\'') {
                b.append('\\').append(c);
            } else if (c >= 32 && c < 127) {
                b.append(c);
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.append('\'').toString();
    }

    /** Text for a Python comment: one line, printable ASCII, no way to end the comment early. */
    public static String comment(String text) {
        StringBuilder b = new StringBuilder();
        String s = text == null ? "" : text;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 32 && c < 127 ? c : c == '×' ? 'x' : '?');
        }
        return b.toString();
    }

    /** Text for a docstring: a comment's text without backslashes or double quotes, which could end or escape it. */
    public static String docstring(String text) {
        return comment(text).replace('\\', '/').replace('"', '\'');
    }
}
