package org.modelworkbench.visualizers.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * A CSV table being built, row by row, then written: the numbers behind a figure, for a
 * spreadsheet, pandas or R.
 *
 * <p>Follows RFC 4180: a header row, CRLF line ends, a field quoted (with inner quotes doubled)
 * when it holds a comma, a quote, a line break or leading/trailing spaces. Text is UTF-8 without
 * a byte-order mark. Numbers are written locale-free ({@code Locale.ROOT} style, a dot for decimals)
 * with as many digits as it takes to read back the same {@code float} or {@code double}; NaN is
 * written {@code NaN} and infinities {@code inf} / {@code -inf} (what pandas and numpy read);
 * {@code null} is an empty field.
 *
 * <p>Not thread-safe; a table is meant to be filled and written by one thread.
 */
public final class Csv {
    private static final String EOL = "\r\n";

    private final int columns;
    private final StringBuilder text = new StringBuilder();
    private int rows;

    private Csv(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a CSV table needs at least one column");
        }
        this.columns = header.size();
        appendRow(header);
    }

    /** A table with these column names. */
    public static Csv withHeader(String... columns) {
        return new Csv(Arrays.asList(columns));
    }

    /** A table with these column names. */
    public static Csv withHeader(List<String> columns) {
        return new Csv(columns);
    }

    /**
     * Adds a row: one cell per column (numbers, text, {@code null} for empty).
     *
     * @throws IllegalArgumentException when the row has not as many cells as the header has columns
     */
    public Csv add(Object... cells) {
        return add(Arrays.asList(cells));
    }

    /** Adds a row (see {@link #add(Object...)}). */
    public Csv add(List<?> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("row " + (rows + 1) + " has " + cells.size() + " cells, the header "
                    + columns + " columns");
        }
        appendRow(cells);
        rows++;
        return this;
    }

    private void appendRow(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(cells.get(i)));
        }
        text.append(EOL);
    }

    /** The rows added so far (not counting the header). */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int columns() {
        return columns;
    }

    /** The whole table as CSV text (header first, each line ending in CRLF). */
    public String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Writes the table to {@code file} (UTF-8) atomically, creating missing folders. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A cell as it appears in the file: a formatted number, or text quoted where RFC 4180 needs it. */
    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Float f) {
            return number(f);
        }
        if (cell instanceof Double d) {
            return number(d);
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            return cell.toString();
        }
        return quote(cell.toString());
    }

    /** A float written with the fewest digits that read back as the same float. */
    public static String number(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Float.toString(v);
    }

    /** A double written with the fewest digits that read back as the same double. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** {@code s} quoted if it must be (comma, quote, CR, LF, or spaces at either end), else as is. */
    public static String quote(String s) {
        boolean needs = !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ');
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * A 2-D tensor (R, C) as a wide table: a first column of row labels headed {@code corner}, then
     * one column per tensor column, headed by {@code columnLabels}. Labels may be {@code null} for
     * the indices 0, 1, ….
     */
    public static Csv matrix(FloatTensor m, String corner, List<String> rowLabels, List<String> columnLabels) {
        if (m.rank() != 2) {
            throw new IllegalArgumentException("a matrix table needs a 2-D tensor, got shape " + Arrays.toString(m.shape()));
        }
        int r = m.dim(0);
        int c = m.dim(1);
        checkLabels("row", rowLabels, r);
        checkLabels("column", columnLabels, c);
        String[] header = new String[c + 1];
        header[0] = corner == null ? "" : corner;
        for (int j = 0; j < c; j++) {
            header[j + 1] = columnLabels == null ? Integer.toString(j) : columnLabels.get(j);
        }
        Csv csv = withHeader(header);
        float[] v = m.values();
        Object[] row = new Object[c + 1];
        for (int i = 0; i < r; i++) {
            row[0] = rowLabels == null ? Integer.valueOf(i) : rowLabels.get(i);
            for (int j = 0; j < c; j++) {
                row[j + 1] = v[i * c + j];
            }
            csv.add(row);
        }
        return csv;
    }

    /**
     * A tensor of any rank as a long ("tidy") table: one row per value, one column per axis holding
     * its index, then the value; rows in row-major order. {@code axisNames} name the index columns
     * (one per axis); the value column is headed {@code value}.
     */
    public static Csv longFormat(FloatTensor t, String... axisNames) {
        int[] shape = t.shape();
        if (axisNames.length != shape.length) {
            throw new IllegalArgumentException(axisNames.length + " axis names for a tensor of shape "
                    + Arrays.toString(shape));
        }
        String[] header = Arrays.copyOf(axisNames, shape.length + 1);
        header[shape.length] = "value";
        Csv csv = withHeader(header);
        int[] index = new int[shape.length];
        float[] v = t.values();
        Object[] row = new Object[shape.length + 1];
        for (int k = 0; k < v.length; k++) {
            for (int a = 0; a < shape.length; a++) {
                row[a] = index[a];
            }
            row[shape.length] = v[k];
            csv.add(row);
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++index[a] < shape[a]) {
                    break;
                }
                index[a] = 0;
            }
        }
        return csv;
    }

    private static void checkLabels(String what, List<String> labels, int n) {
        if (labels != null && labels.size() != n) {
            throw new IllegalArgumentException(labels.size() + " " + what + " labels for " + n + " " + what + "s");
        }
    }
}
