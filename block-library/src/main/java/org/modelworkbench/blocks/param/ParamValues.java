package org.modelworkbench.blocks.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated, canonical hyper-parameter values of one block instance, in the order the block type
 * declares its parameters. Immutable; equal values give equal objects, so they can key caches.
 */
public final class ParamValues {
    private final Map<String, Object> values;
    private final int hash;

    ParamValues(LinkedHashMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
        this.hash = values.hashCode();
    }

    /**
     * Validates {@code raw} against {@code specs}: fills defaults, coerces values, rejects unknown
     * names. Every problem is reported at once.
     */
    public static ParamValues resolve(List<ParamSpec> specs, Map<String, ?> raw) throws InvalidParameterException {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        List<ParamProblem> problems = new java.util.ArrayList<>();
        for (String key : raw.keySet()) {
            if (!declares(specs, key)) {
                String known = specs.isEmpty() ? "this block has no parameters"
                        : "known parameters: " + String.join(", ", specs.stream().map(ParamSpec::name).toList());
                problems.add(new ParamProblem(key, "unknown parameter (" + known + ")"));
            }
        }
        for (ParamSpec spec : specs) {
            Object value = raw.containsKey(spec.name()) ? raw.get(spec.name()) : spec.defaultValue();
            try {
                out.put(spec.name(), spec.coerce(value));
            } catch (InvalidParameterException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParameterException(problems);
        }
        return new ParamValues(out);
    }

    /**
     * These values with {@code name} set to {@code value}, unchecked: for binders that replace "auto"
     * by what it resolves to.
     */
    public ParamValues with(String name, Object value) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new ParamValues(copy);
    }

    /** True when the parameter holds the word "auto" rather than a number or a named choice. */
    public boolean isAuto(String name) {
        return "auto".equals(get(name));
    }

    private static boolean declares(List<ParamSpec> specs, String name) {
        for (ParamSpec spec : specs) { // a loop, not a stream: this runs for every parameter of every node
            if (spec.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public Object get(String name) {
        Object v = values.get(name);
        if (v == null && !values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter named " + name + " (have " + values.keySet() + ")");
        }
        return v;
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public double real(String name) {
        return (Double) get(name);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String choice(String name) {
        return (String) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> intList(String name) {
        return (List<Integer>) get(name);
    }

    /** The values by name, in declaration order (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamValues p && hash == p.hash && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
