package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * How the diff table fits a width on the screen, as {@link TableFormat} does for the live
 * table: which of {@link DiffColumn#TABLE} are shown (the least telling go first on a narrow
 * terminal), how wide NAME gets, and the text of the title row and of each row. A row starts
 * with one space and columns are separated by one, as in the live table.
 *
 * @param columns   the columns shown, left to right
 * @param nameWidth the width given to NAME
 */
public record DiffFormat(List<DiffColumn> columns, int nameWidth) {
    /** Dropped first when the table does not fit, in that order; NAME, Δ SIZE and RATE stay. */
    private static final List<DiffColumn> DROP_ORDER =
            List.of(DiffColumn.OLD, DiffColumn.DELTA_OBJS, DiffColumn.FLAGS, DiffColumn.NEW, DiffColumn.STATUS);

    public DiffFormat {
        columns = List.copyOf(columns);
    }

    /** The columns and NAME width for a table {@code width} columns wide. */
    public static DiffFormat forWidth(int width) {
        List<DiffColumn> cols = new ArrayList<>(DiffColumn.TABLE);
        int base = DiffColumn.NAME.width();
        for (DiffColumn drop : DROP_ORDER) {
            if (width(cols, base) <= width) break;
            cols.remove(drop);
        }
        int spare = width - width(cols, base);
        int name = base + Math.max(0, Math.min(spare, TableFormat.MAX_NAME - base));
        return new DiffFormat(cols, name);
    }

    private static int width(List<DiffColumn> cols, int nameWidth) {
        int w = 1;
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) w++;
            w += cols.get(i) == DiffColumn.NAME ? nameWidth : cols.get(i).width();
        }
        return w;
    }

    public int width() { return width(columns, nameWidth); }

    public int widthOf(DiffColumn c) { return c == DiffColumn.NAME ? nameWidth : c.width(); }

    /** Offset of a column's cell in a line, or -1 when not shown. */
    public int offset(DiffColumn c) {
        int x = 1;
        for (DiffColumn col : columns) {
            if (col == c) return x;
            x += widthOf(col) + 1;
        }
        return -1;
    }

    /** The title row; the sort column carries the direction mark next to its title. */
    public String header(DiffTable state, Glyphs g) {
        StringBuilder b = new StringBuilder(width()).append(' ');
        boolean skipSeparator = false;
        for (int i = 0; i < columns.size(); i++) {
            DiffColumn c = columns.get(i);
            if (i > 0 && !skipSeparator) b.append(' ');
            skipSeparator = TableFormat.appendTitle(b, c.title(), c == state.sort(),
                    c.descendingByDefault() != state.reversed(), widthOf(c), c.rightAligned(), g);
        }
        return b.toString();
    }

    /** One row; the name is escaped (by the column) and cut with an ellipsis when too long. */
    public String row(CacheDelta d, Glyphs g) {
        return row(d, g, Text.CharWidth.NARROW);
    }

    /** One row, the name measured in terminal columns by {@code cw} (wide characters take two). */
    public String row(CacheDelta d, Glyphs g, Text.CharWidth cw) {
        StringBuilder b = new StringBuilder(width()).append(' ');
        for (int i = 0; i < columns.size(); i++) {
            DiffColumn c = columns.get(i);
            if (i > 0) b.append(' ');
            if (c == DiffColumn.NAME) {
                b.append(Text.padRight(TableFormat.cut(c.format(d), nameWidth, g, cw), nameWidth, cw));
            } else {
                b.append(c.cell(d, c.width()));
            }
        }
        return b.toString();
    }
}
