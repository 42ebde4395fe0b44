package org.golem.vm.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Human output of one object in sections: an optional title per section, then {@code Label : value} lines
 * indented under it, with the colons aligned across the whole panel ({@code golem vm info},
 * {@code golem vm stream status}, {@code golem-provider status}, {@code golem-provider config ...}). Without
 * sections it is a plain block of aligned {@code Label : value} lines. Null or empty values are skipped; a section
 * without lines is left out.
 */
public final class Panel {

    private record Line(String section, String label, String value) {
    }

    private final List<Line> lines = new ArrayList<>();
    private String section;

    /**
     * Starts a section; lines added afterwards are indented under its title.
     *
     * @param title section title
     * @return this panel
     */
    public Panel section(String title) {
        this.section = title;
        return this;
    }

    /**
     * @param label label
     * @param value value; the line is skipped when null or empty
     * @return this panel
     */
    public Panel add(String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            lines.add(new Line(section, label, value.toString()));
        }
        return this;
    }

    /** @param out where to print the panel */
    public void print(PrintWriter out) {
        int w = 0;
        for (Line l : lines) {
            w = Math.max(w, (l.section() == null ? 0 : 2) + l.label().length());
        }
        String current = null;
        for (Line l : lines) {
            String indent = "";
            if (l.section() != null) {
                indent = "  ";
                if (!l.section().equals(current)) {
                    out.println(l.section());
                    current = l.section();
                }
            }
            out.println(indent + l.label() + " ".repeat(w - indent.length() - l.label().length()) + " : "
                    + l.value());
        }
        out.flush();
    }
}
