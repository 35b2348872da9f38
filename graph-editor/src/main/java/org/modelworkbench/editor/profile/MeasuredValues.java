package org.modelworkbench.editor.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Numbers measured outside the kit (a profiler run, a benchmark), per node id, that a shell hands to
 * {@link ProfileView#setMeasuredValues} to show as extra columns beside the static costs. The kit
 * knows nothing of how they were measured: it shows, formats and sorts them. A node may carry a flag
 * (a short reason) that marks its measured cells. Immutable; build with {@link #builder()}.
 */
public final class MeasuredValues {

    /** How a column's numbers read. */
    public enum Format {
        /** Milliseconds, three significant digits: "0.412", "12.4", "183". */
        MILLISECONDS,
        /** A share from 0 to 1 shown as a percentage: "12.3 %". */
        SHARE,
        /** A plain decimal, three significant digits (rates such as GMAC/s). */
        DECIMAL;

        public String format(double v) {
            return switch (this) {
                case SHARE -> CostFormat.percent(v);
                case MILLISECONDS, DECIMAL -> threeDigits(v);
            };
        }

        private static String threeDigits(double v) {
            double a = Math.abs(v);
            String pattern = a == 0 ? "%.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
            return String.format(Locale.ROOT, pattern, v);
        }
    }

    /**
     * One measured column.
     *
     * @param id          stable id; the column's node id is {@code "col-measured-" + id}
     * @param title       the header, e.g. "Fwd ms"
     * @param description what the number is and how it was measured (the header's tooltip)
     */
    public record Column(String id, String title, String description, Format format) {
        public Column {
            Objects.requireNonNull(id);
            Objects.requireNonNull(title);
            Objects.requireNonNull(format);
            description = description == null ? "" : description;
        }
    }

    private final List<Column> columns;
    private final Map<String, Map<String, Double>> values;
    private final Map<String, String> flags;
    private final String caption;

    private MeasuredValues(List<Column> columns, Map<String, Map<String, Double>> values, Map<String, String> flags,
                           String caption) {
        this.columns = List.copyOf(columns);
        this.values = values;
        this.flags = flags;
        this.caption = caption;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Column> columns() {
        return columns;
    }

    /** The value of {@code column} for a node, if one was measured. */
    public OptionalDouble value(String nodeId, String column) {
        Map<String, Double> row = values.get(nodeId);
        Double v = row == null ? null : row.get(column);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Why a node is flagged (e.g. "slow for its cost: …"), if it is. */
    public Optional<String> flag(String nodeId) {
        return Optional.ofNullable(flags.get(nodeId));
    }

    /** A line about the whole measurement (when, at what batch size), or "". */
    public String caption() {
        return caption;
    }

    /** Collects columns, values and flags. */
    public static final class Builder {
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final Map<String, Map<String, Double>> values = new HashMap<>();
        private final Map<String, String> flags = new HashMap<>();
        private String caption = "";

        private Builder() {
        }

        public Builder column(String id, String title, String description, Format format) {
            columns.put(id, new Column(id, title, description, format));
            return this;
        }

        /** A node's value in a column declared before; NaN and infinities are left out (shown as "—"). */
        public Builder value(String nodeId, String column, double value) {
            if (!columns.containsKey(column)) {
                throw new IllegalArgumentException("no measured column '" + column + "' was declared");
            }
            if (Double.isFinite(value)) {
                values.computeIfAbsent(nodeId, k -> new HashMap<>()).put(column, value);
            }
            return this;
        }

        public Builder flag(String nodeId, String reason) {
            flags.put(nodeId, Objects.requireNonNull(reason));
            return this;
        }

        public Builder caption(String text) {
            caption = text == null ? "" : text;
            return this;
        }

        public MeasuredValues build() {
            Map<String, Map<String, Double>> copy = new HashMap<>();
            values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new MeasuredValues(new ArrayList<>(columns.values()), Map.copyOf(copy), Map.copyOf(flags), caption);
        }
    }
}
