package org.modelworkbench.app.format;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left- or right-aligned columns. */
public final class Table {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
        this.right = new boolean[headers.length];
    }

    /** Right-aligns the given columns (numbers). */
    public Table alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    public void row(String... cells) {
        rows.add(cells);
    }

    public String render() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
        }
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, headers, width);
        for (int c = 0; c < headers.length; c++) {
            b.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        b.append('\n');
        for (String[] r : rows) {
            line(b, r, width);
        }
        return b.toString();
    }

    private void line(StringBuilder b, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            b.append(c == 0 ? "" : "  ").append(right[c] ? pad + cell : (c == cells.length - 1 ? cell : cell + pad));
        }
        b.append('\n');
    }
}
