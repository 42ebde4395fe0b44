package org.golem.vm.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header row, a rule of dashes, then the rows; columns are separated by two spaces and
 * padded to the widest cell (no colours, no box characters, so the output can be read by people and by
 * {@code awk}). Null cells print as {@code —}; trailing blanks are trimmed.
 */
public final class TextTable {

    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers column titles */
    public TextTable(String... headers) {
        this.headers = headers.clone();
        this.rightAligned = new boolean[headers.length];
    }

    /**
     * Right-aligns columns (numbers).
     *
     * @param columns zero-based column indexes
     * @return this table
     */
    public TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /**
     * @param cells one value per column (missing cells print as {@code —})
     * @return this table
     */
    public TextTable row(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            Object v = i < cells.length ? cells[i] : null;
            String s = v == null ? "—" : v.toString();
            r[i] = s.isEmpty() ? "—" : s;
        }
        rows.add(r);
        return this;
    }

    /** @return the number of data rows */
    public int size() {
        return rows.size();
    }

    /** @param out where to print the table */
    public void print(PrintWriter out) {
        int[] w = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            w[i] = headers[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        line(out, headers, w);
        String[] rule = new String[headers.length];
        for (int i = 0; i < rule.length; i++) {
            char[] dashes = new char[w[i]];
            Arrays.fill(dashes, '-');
            rule[i] = new String(dashes);
        }
        line(out, rule, w);
        for (String[] r : rows) {
            line(out, r, w);
        }
        out.flush();
    }

    private void line(PrintWriter out, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            int padding = w[i] - cells[i].codePointCount(0, cells[i].length());
            if (rightAligned[i]) {
                sb.append(" ".repeat(padding)).append(cells[i]);
            } else {
                sb.append(cells[i]).append(" ".repeat(padding));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
