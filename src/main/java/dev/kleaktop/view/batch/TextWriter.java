package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Header;
import java.io.PrintWriter;
import java.util.List;

/**
 * Text like {@code top -b}: the header lines, a blank line, the column titles and one
 * aligned row per cache; refreshes are separated by a blank line.
 */
final class TextWriter implements BatchWriter {
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
        if (ctx.ledger()) {
            List<dev.kleaktop.analysis.LedgerRow> lines = frame.analysis().ledger();
            TextRows<dev.kleaktop.analysis.LedgerRow, dev.kleaktop.view.LedgerColumn> t =
                    new TextRows<>(dev.kleaktop.view.LedgerColumn.SPEC, lines, lines.size());
            StringBuilder lb = new StringBuilder(4096);
            t.appendTitles(lb);
            lb.append(System.lineSeparator());
            for (int i = 0; i < lines.size(); i++) {
                t.appendRow(lb, lines.get(i), i);
                lb.append(System.lineSeparator());
            }
            out.append(lb);
            out.flush();
            return;
        }
        int n = ctx.maxRows() > 0 ? Math.min(ctx.maxRows(), rows.size()) : rows.size();
        TextRows<CacheRow, Column> text = new TextRows<>(Column.SPEC, rows, n);
        StringBuilder b = new StringBuilder(CHUNK + 512);
        text.appendTitles(b);
        out.println(b);
        b.setLength(0);
        // rows go out in chunks of one buffer: thousands of rows per refresh on big machines,
        // without a string of them all (a megabyte of garbage every refresh at 10,000 caches)
        for (int i = 0; i < n; i++) {
            text.appendRow(b, rows.get(i), i);
            b.append(System.lineSeparator());
            if (b.length() >= CHUNK) {
                out.append(b);
                b.setLength(0);
            }
        }
        out.append(b);
        out.flush();
    }
}
