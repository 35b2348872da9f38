package org.modelworkbench.projects.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One block instance: id, block type id, hyper-parameter values as written by the user (missing
 * ones take the type's defaults), and its position on the canvas. Immutable: an edit replaces it.
 */
public record Node(String id, String type, Map<String, Object> params, double x, double y) {
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,127}");

    public Node {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a valid node id: use letters, digits, _ and -, "
                    + "starting with a letter or _ (at most 128 characters)");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Node withParams(Map<String, Object> newParams) {
        return new Node(id, type, newParams, x, y);
    }

    public Node withParam(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new Node(id, type, copy, x, y);
    }

    public Node at(double newX, double newY) {
        return new Node(id, type, params, newX, newY);
    }
}
