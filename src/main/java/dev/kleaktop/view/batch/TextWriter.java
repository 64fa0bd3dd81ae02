package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Header;
import dev.kleaktop.view.TableFormat;
import java.io.PrintWriter;
import java.util.List;

/**
 * Text like {@code top -b}: the header lines, a blank line, the column titles and one
 * aligned row per cache; refreshes are separated by a blank line.
 */
final class TextWriter implements BatchWriter {
    /** TREND needs a terminal; batch text keeps to the figures. */
    static final List<Column> COLUMNS = without(Column.TABLE, Column.TREND);

    /** Characters of rows handed to the writer at a time. */
    private static final int CHUNK = 16 * 1024;

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
        // The NAME column widens to the longest name shown, up to TableFormat.MAX_TEXT_NAME.
        String[] names = new String[n];
        int nameWidth = Column.NAME.width();
        for (int i = 0; i < n; i++) {
            names[i] = TableFormat.cutName(Column.NAME.format(rows.get(i)));
            nameWidth = Math.max(nameWidth, names[i].length());
        }
        out.println(line(COLUMNS, null, nameWidth));
        // rows go out in chunks of one buffer: thousands of rows per refresh on big machines,
        // without a string of them all (a megabyte of garbage every refresh at 10,000 caches)
        StringBuilder b = new StringBuilder(CHUNK + 512);
        for (int i = 0; i < n; i++) {
            append(b, COLUMNS, rows.get(i), names[i], nameWidth);
            b.append(System.lineSeparator());
            if (b.length() >= CHUNK) {
                out.append(b);
                b.setLength(0);
            }
        }
        out.append(b);
        out.flush();
    }

    private static List<Column> without(List<Column> all, Column left) {
        java.util.ArrayList<Column> out = new java.util.ArrayList<>(all);
        out.remove(left);
        return List.copyOf(out);
    }

    static String line(List<Column> cols, CacheRow r, int nameWidth) {
        StringBuilder b = new StringBuilder(100);
        append(b, cols, r, r == null ? null : TableFormat.cutName(Column.NAME.format(r)), nameWidth);
        return b.toString();
    }

    /** Appends one line (the titles when r is null) without trailing blanks. */
    private static void append(StringBuilder b, List<Column> cols, CacheRow r, String name, int nameWidth) {
        int lineStart = b.length();
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            if (i > 0) b.append(' ');
            int w = c == Column.NAME ? nameWidth : c.width();
            String s = r == null ? c.title() : c == Column.NAME ? name : c.format(r);
            if (s.length() > w && !c.rightAligned()) s = s.substring(0, w);
            int pad = w - s.length();
            if (c.rightAligned()) {
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
