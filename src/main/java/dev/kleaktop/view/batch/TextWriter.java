package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.app.Frame;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Header;
import java.io.PrintWriter;
import java.util.List;

/**
 * Text like {@code top -b}: the header lines, a blank line, the column titles and one
 * aligned row per cache; refreshes are separated by a blank line.
 */
final class TextWriter implements BatchWriter {
    /** TREND needs a terminal; batch text keeps to the figures. */
    static final List<Column> COLUMNS = Column.TABLE.stream().filter(c -> c != Column.TREND).toList();

    private final BatchContext ctx;

    TextWriter(BatchContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(Frame frame, List<CacheRow> rows, boolean first, PrintWriter out) {
        if (!first) out.println();
        out.println(Header.identityLine(frame, ctx.intervalS(), ctx.zone()));
        out.println(Header.memoryLine(frame, TextExtras.counts(frame)));
        for (String s : Header.unavailable(frame)) out.println("unavailable: " + s);
        out.println();
        int n = ctx.maxRows() > 0 ? Math.min(ctx.maxRows(), rows.size()) : rows.size();
        // Batch output never cuts a name: the NAME column widens to the longest one shown.
        int nameWidth = Column.NAME.width();
        for (int i = 0; i < n; i++) nameWidth = Math.max(nameWidth, Column.NAME.format(rows.get(i)).length());
        out.println(line(COLUMNS, null, nameWidth));
        for (int i = 0; i < n; i++) out.println(line(COLUMNS, rows.get(i), nameWidth));
        out.flush();
    }

    static String line(List<Column> cols, CacheRow r, int nameWidth) {
        StringBuilder b = new StringBuilder(100);
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            if (i > 0) b.append(' ');
            int w = c == Column.NAME ? nameWidth : c.width();
            b.append(r == null ? c.header(w) : c.cell(r, w));
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') end--;
        b.setLength(end);
        return b.toString();
    }
}
