package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.Table;
import dev.kleaktop.view.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * How a table fits a given width on the screen: which of its columns are shown (the spec's
 * drop order gives up the least telling ones first when the terminal is narrow), how wide
 * the name column gets, and the text of the title row and of each row. Columns are separated
 * by one space and the row starts with one, as in SPEC's picture. The cache table and the
 * diff table both draw through it.
 *
 * @param spec      the table
 * @param columns   the columns shown, left to right
 * @param nameWidth the width given to the name column (at least its natural width)
 * @param <R>       the row type
 * @param <C>       the column type
 */
public record TableFormat<R, C extends ColumnSpec<R>>(TableSpec<R, C> spec, List<C> columns, int nameWidth) {
    /** The name grows into spare width up to this, so long cache names are not cut. */
    public static final int MAX_NAME = 28;
    /**
     * Text output (batch, {@code diff}) widens NAME to the longest name shown, up to this; a
     * longer name is cut with the marker ({@link #cutName}). Real names, a per-memcg copy
     * named after a docker scope included ({@code dentry(1007:docker-<64 hex>.scope)}, 90),
     * fit; one 100 kB name in a tree padded every row to its width (47 MB for two refreshes).
     */
    public static final int MAX_TEXT_NAME = 128;

    public TableFormat {
        columns = List.copyOf(columns);
    }

    /** The width of every column of the cache table at their natural widths. */
    public static int naturalWidth() {
        return width(Column.SPEC.table(), Column.SPEC.nameColumn(), Column.NAME.width());
    }

    /** The narrowest cache table: the columns that are never dropped. */
    public static int minimumWidth() {
        List<Column> keep = new ArrayList<>(Column.SPEC.table());
        keep.removeAll(Column.SPEC.dropOrder());
        return width(keep, Column.SPEC.nameColumn(), Column.NAME.width());
    }

    /** The cache table's columns and NAME width for a table {@code width} columns wide. */
    public static TableFormat<CacheRow, Column> forWidth(int width) {
        return forWidth(Column.SPEC, width);
    }

    /** A table's columns and name width for {@code width} columns. */
    public static <R, C extends ColumnSpec<R>> TableFormat<R, C> forWidth(TableSpec<R, C> spec, int width) {
        List<C> cols = new ArrayList<>(spec.table());
        C name = spec.nameColumn();
        int base = name.width();
        for (C drop : spec.dropOrder()) {
            if (width(cols, name, base) <= width) break;
            cols.remove(drop);
        }
        int spare = width - width(cols, name, base);
        return new TableFormat<>(spec, cols, base + Math.max(0, Math.min(spare, MAX_NAME - base)));
    }

    private static <C extends ColumnSpec<?>> int width(List<C> cols, C name, int nameWidth) {
        int w = 1;
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) w++;
            C c = cols.get(i);
            w += c == name ? nameWidth : c.width();
        }
        return w;
    }

    /** Total width of a line of this table. */
    public int width() { return width(columns, spec.nameColumn(), nameWidth); }

    /** Offset of a column's cell in a line, or -1 when not shown. */
    public int offset(C c) {
        int x = 1;
        for (C col : columns) {
            if (col == c) return x;
            x += widthOf(col) + 1;
        }
        return -1;
    }

    public int widthOf(C c) { return c == spec.nameColumn() ? nameWidth : c.width(); }

    /** The title row; the sort column carries the direction mark next to its title. */
    public String header(Table<R, C> state, Glyphs g) {
        StringBuilder b = new StringBuilder(width()).append(' ');
        boolean skipSeparator = false;
        for (int i = 0; i < columns.size(); i++) {
            C c = columns.get(i);
            if (i > 0 && !skipSeparator) b.append(' ');
            boolean sorted = c == state.sort();
            skipSeparator = appendTitle(b, c.title(), sorted, c.descendingByDefault() != state.reversed(),
                    widthOf(c), c.rightAligned(), g);
        }
        return b.toString();
    }

    /** One row; the name is escaped and cut with an ellipsis when too long. */
    public String row(R r, Glyphs g) {
        return row(r, g, Text.CharWidth.NARROW);
    }

    /** One row, the name measured in terminal columns by {@code cw} (wide characters take two). */
    public String row(R r, Glyphs g, Text.CharWidth cw) {
        StringBuilder b = new StringBuilder(width()).append(' ');
        for (int i = 0; i < columns.size(); i++) {
            C c = columns.get(i);
            if (i > 0) b.append(' ');
            switch (c.fit()) {
                case GROWS -> b.append(Text.padRight(cut(c.cell(r), nameWidth, g, cw), nameWidth, cw));
                case SPARKLINE -> b.append(Sparkline.render(c.series(r), c.width(), g));
                case FIXED -> {
                    String s = c.cell(r);
                    b.append(c.rightAligned() ? Text.padLeft(s, c.width()) : Text.padRight(s, c.width()));
                }
            }
        }
        return b.toString();
    }

    /**
     * Appends one column title, with the sort mark when the column is the sort column, padded
     * to {@code w}. Returns true when a marked title came out one wider than its column and
     * so took the separator after it.
     */
    static boolean appendTitle(StringBuilder b, String rawTitle, boolean sorted, boolean descending, int w,
                               boolean rightAligned, Glyphs g) {
        String title = g.unicode() ? rawTitle : rawTitle.replace('\u0394', 'D');
        if (sorted) title = title + g.sortMark(descending);
        if (title.length() > w) {
            b.append(title);
            return true;
        }
        b.append(rightAligned ? Text.padLeft(title, w) : Text.padRight(title, w));
        return false;
    }

    /**
     * A name (already escaped) for text output: as it is up to {@link #MAX_TEXT_NAME}, else
     * cut there with the ASCII cut mark, which any reader of the output can show.
     */
    public static String cutName(String escaped) {
        return escaped.length() <= MAX_TEXT_NAME ? escaped : cut(escaped, MAX_TEXT_NAME, Glyphs.ASCII);
    }

    /** Cuts {@code s} to {@code width} columns, marking the cut. */
    public static String cut(String s, int width, Glyphs g) {
        return cut(s, width, g, Text.CharWidth.NARROW);
    }

    /** Cuts {@code s} to {@code width} terminal columns as {@code cw} counts them, marking the cut. */
    public static String cut(String s, int width, Glyphs g, Text.CharWidth cw) {
        if (Text.columns(s, cw) <= width) return s;
        int e = g.ellipsis().length();
        if (width <= e) return Text.cutColumns(s, Math.max(0, width), cw);
        return Text.cutColumns(s, width - e, cw) + g.ellipsis();
    }
}
