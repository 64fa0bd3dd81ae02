package dev.kleaktop.view.batch;

import dev.kleaktop.view.TableFormat;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as aligned text lines, the way {@code -b} and {@code diff} print it: the spec's
 * columns but its sparklines (they need a terminal), the name widened to the longest name
 * shown (up to {@link TableFormat#MAX_TEXT_NAME}), no leading blank, no trailing blanks.
 *
 * @param <R> the row type
 * @param <C> the column type
 */
final class TextRows<R, C extends ColumnSpec<R>> {
    private final List<C> columns;
    private final C nameColumn;
    private final String[] names;
    private final int nameWidth;
    /** Each column's width and alignment, read once rather than once per cell. */
    private final int[] widths;
    private final boolean[] right;

    /** The layout for the first {@code n} of {@code rows}. */
    TextRows(TableSpec<R, C> spec, List<R> rows, int n) {
        List<C> cols = new ArrayList<>();
        for (C c : spec.table()) {
            if (c.fit() != ColumnSpec.Fit.SPARKLINE) cols.add(c);
        }
        columns = List.copyOf(cols);
        nameColumn = spec.nameColumn();
        names = new String[n];
        int w = nameColumn.width();
        for (int i = 0; i < n; i++) {
            names[i] = TableFormat.cutName(nameColumn.cell(rows.get(i)));
            w = Math.max(w, names[i].length());
        }
        nameWidth = w;
        widths = new int[columns.size()];
        right = new boolean[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            C c = columns.get(i);
            widths[i] = c == nameColumn ? nameWidth : c.width();
            right[i] = c.rightAligned();
        }
    }

    /** The columns printed, left to right. */
    List<C> columns() { return columns; }

    /** Appends the title line. */
    void appendTitles(StringBuilder b) { append(b, null, null); }

    /** Appends the line of row {@code i} (among the rows the layout was made for). */
    void appendRow(StringBuilder b, R r, int i) { append(b, r, names[i]); }

    private void append(StringBuilder b, R r, String name) {
        int lineStart = b.length();
        for (int i = 0; i < widths.length; i++) {
            C c = columns.get(i);
            if (i > 0) b.append(' ');
            int w = widths[i];
            String s = r == null ? c.title() : c == nameColumn ? name : c.cell(r);
            if (s.length() > w && !right[i]) s = s.substring(0, w);
            int pad = w - s.length();
            if (right[i]) {
                for (int k = 0; k < pad; k++) b.append(' ');
                b.append(s);
            } else {
                b.append(s);
                for (int k = 0; k < pad; k++) b.append(' ');
            }
        }
        int end = b.length();
        while (end > lineStart && b.charAt(end - 1) == ' ') end--;
        b.setLength(end);
    }
}
