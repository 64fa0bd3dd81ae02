package dev.kleaktop.view;

import dev.kleaktop.analysis.Ledger;
import dev.kleaktop.analysis.LedgerRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.TableSpec;
import java.util.ArrayList;
import java.util.List;

/** The kernel-memory ledger ({@link LedgerColumn#SPEC}): all of MemTotal, line by line, with rates. */
public final class LedgerTable extends ScreenTable<LedgerRow, LedgerColumn> {
    public static final LedgerTable VIEW = new LedgerTable();

    private LedgerTable() {}

    @Override
    public String name() { return "ledger"; }

    @Override
    public String noun() { return "line"; }

    @Override
    public TableSpec<LedgerRow, LedgerColumn> spec() { return LedgerColumn.SPEC; }

    @Override
    public List<LedgerRow> rows(Frame f) { return f.analysis().ledger(); }

    @Override
    public Object id(LedgerRow row) { return row.line(); }

    @Override
    public boolean alert(LedgerRow row) { return row.leakSuspect(); }

    @Override
    public String noRows(Frame f) { return "no ledger: /proc/meminfo could not be read (see the header)"; }

    @Override
    public String detailsTitle(LedgerRow row) {
        return "ledger: " + row.line().title() + (row.leakSuspect() ? "  (leak suspect)" : "");
    }

    @Override
    public List<String> details(LedgerRow r, Frame f, Glyphs g) {
        List<String> out = new ArrayList<>();
        out.add(kv("meminfo", r.line().formula()));
        out.add(kv("kind", r.line().kernel() ? "kernel memory (held until its user frees it)"
                : "not a leak suspect (free, user, cache or reclaimable)"));
        out.add(kv("leak rule", Text.escape(VerdictText.why(r.verdict()))));
        out.add("");
        out.add(kv("size", Units.bytes(r.bytes()) + " (" + r.bytes() + " bytes)"));
        out.add(kv("growth", Units.rate(r.rateBytesPerS()) + "  over the last " + Units.seconds(f.analysis().windowS())));
        out.add(kv("\u0394 start", Units.signedBytes(r.deltaBytes())));
        if (r.line() == Ledger.UNACCOUNTED) {
            out.add("");
            out.add("Pages the kernel took (alloc_pages() by drivers, early reservations) that no other");
            out.add("meminfo line counts: its steady growth is the classic page leak.");
        }
        return out;
    }

    @Override
    public String goneTitle(Object id) { return "ledger: " + ((Ledger) id).title(); }

    @Override
    public List<String> gone(Object id) {
        return List.of("/proc/meminfo no longer has this line's fields.", "Esc returns to the table.");
    }

    private static String kv(String k, String v) { return Text.padRight(k, 14) + v; }
}
