package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import java.util.ArrayList;
import java.util.List;

/**
 * How the cache table fits a given width on the screen: which of {@link Column#TABLE} are
 * shown (the least telling ones go first when the terminal is narrow), how wide NAME gets,
 * and the text of the title row and of each row. Columns are separated by one space and the
 * row starts with one, as in SPEC's picture.
 *
 * @param columns   the columns shown, left to right
 * @param nameWidth the width given to NAME (at least its natural width)
 */
public record TableFormat(List<Column> columns, int nameWidth) {
    /** Columns dropped first when the table does not fit, in that order. */
    private static final List<Column> DROP_ORDER =
            List.of(Column.OBJSIZE, Column.USE, Column.ACTIVE, Column.OBJS, Column.TREND, Column.DELTA);
    /** NAME grows into spare width up to this, so long cache names are not cut. */
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

    /** The width of every column of {@link Column#TABLE} at their natural widths. */
    public static int naturalWidth() { return width(Column.TABLE, Column.NAME.width()); }

    /** The narrowest table: the columns that are never dropped. */
    public static int minimumWidth() {
        List<Column> keep = new ArrayList<>(Column.TABLE);
        keep.removeAll(DROP_ORDER);
        return width(keep, Column.NAME.width());
    }

    /** The columns and NAME width for a table {@code width} columns wide. */
    public static TableFormat forWidth(int width) {
        List<Column> cols = new ArrayList<>(Column.TABLE);
        for (Column drop : DROP_ORDER) {
            if (width(cols, Column.NAME.width()) <= width) break;
            cols.remove(drop);
        }
        int spare = width - width(cols, Column.NAME.width());
        int name = Column.NAME.width() + Math.max(0, Math.min(spare, MAX_NAME - Column.NAME.width()));
        return new TableFormat(cols, name);
    }

    private static int width(List<Column> cols, int nameWidth) {
        int w = 1;
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) w++;
            w += cols.get(i) == Column.NAME ? nameWidth : cols.get(i).width();
        }
        return w;
    }

    /** Total width of a line of this table. */
    public int width() { return width(columns, nameWidth); }

    /** Offset of a column's cell in a line, or -1 when not shown. */
    public int offset(Column c) {
        int x = 1;
        for (Column col : columns) {
            if (col == c) return x;
            x += widthOf(col) + 1;
        }
        return -1;
    }

    public int widthOf(Column c) { return c == Column.NAME ? nameWidth : c.width(); }

    /** The title row; the sort column carries the direction mark next to its title. */
    public String header(TableState state, Glyphs g) {
        StringBuilder b = new StringBuilder(width()).append(' ');
        boolean skipSeparator = false;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (i > 0 && !skipSeparator) b.append(' ');
            boolean sorted = c == state.sort();
            skipSeparator = appendTitle(b, c.title(), sorted, c.descendingByDefault() != state.reversed(),
                    widthOf(c), c.rightAligned(), g);
        }
        return b.toString();
    }

    /** One row; the name is escaped and cut with an ellipsis when too long. */
    public String row(CacheRow r, Glyphs g) {
        return row(r, g, Text.CharWidth.NARROW);
    }

    /** One row, the name measured in terminal columns by {@code cw} (wide characters take two). */
    public String row(CacheRow r, Glyphs g, Text.CharWidth cw) {
        StringBuilder b = new StringBuilder(width()).append(' ');
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (i > 0) b.append(' ');
            if (c == Column.NAME) {
                b.append(Text.padRight(cut(c.format(r), nameWidth, g, cw), nameWidth, cw));
            } else if (c == Column.TREND) {
                b.append(Sparkline.render(r.trend(), c.width(), g));
            } else {
                String s = c.format(r);
                b.append(c.rightAligned() ? Text.padLeft(s, c.width()) : Text.padRight(s, c.width()));
            }
        }
        return b.toString();
    }

    /**
     * Appends one column title, with the sort mark when the column is the sort column, padded
     * to {@code w}. Returns true when a marked title came out one wider than its column and
     * so took the separator after it. Shared by the cache table and the diff table.
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
