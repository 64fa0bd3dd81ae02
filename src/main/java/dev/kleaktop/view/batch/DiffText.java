package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.view.DiffColumn;
import dev.kleaktop.view.DiffHeader;
import dev.kleaktop.view.EventText;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code kleaktop diff} as text: a header naming both ends, the time between them and any
 * warning; the meminfo changes; then the caches in the style of {@code -b} text, and the
 * kmemleak groups and OOM events that are new. Every kernel string is escaped.
 */
public final class DiffText {
    private DiffText() {}

    /**
     * @param rows     the caches to show, already filtered, sorted and cut to {@code --top}
     * @param hidden   how many more passed the filter but were cut
     * @param oldLabel how OLD is named (its file)
     * @param newLabel how NEW is named (its file, or the live system)
     */
    public static void write(SnapshotDiff d, List<CacheDelta> rows, int hidden, String oldLabel, String newLabel,
                             ZoneId zone, PrintWriter out) {
        out.println(DiffHeader.title(oldLabel, newLabel));
        out.println(DiffHeader.side("OLD", d.oldSide(), zone));
        out.println(DiffHeader.side("NEW", d.newSide(), zone));
        out.println(DiffHeader.elapsed(d));
        for (String w : d.warnings()) out.println(DiffHeader.warning(w));
        out.println(DiffHeader.memory(d));
        out.println(DiffHeader.events(d));
        out.println();

        TextRows<CacheDelta, DiffColumn> text = new TextRows<>(DiffColumn.SPEC, rows, rows.size());
        StringBuilder b = new StringBuilder(100);
        text.appendTitles(b);
        out.println(b);
        for (int i = 0; i < rows.size(); i++) {
            b.setLength(0);
            text.appendRow(b, rows.get(i), i);
            out.println(b);
        }
        if (hidden > 0) out.println("(" + hidden + " more; --top N shows more)");

        if (!d.kmemleakNew().isEmpty()) {
            out.println();
            out.println("kmemleak groups new in NEW:");
            for (KmemleakGroup g : d.kmemleakNew()) out.println("  " + group(g));
        }
        if (!d.oomEventsNew().isEmpty()) {
            out.println();
            out.println("OOM events between OLD and NEW:");
            for (OomEvent e : d.oomEventsNew()) out.println("  " + oom(e));
        }
        out.flush();
    }

    /** {@code 8x256B my_alloc+0x3c/0x60 [mod] insmod}, as the other text outputs show a group. */
    static String group(KmemleakGroup g) { return EventText.groupLine(g, false); }

    /** {@code 2026-11-26 01:30:00 memcg /x python3[4532]  rss 12.0M}, as {@code kleaktop oom} words it. */
    static String oom(OomEvent e) {
        String rss = EventText.rss(e);
        return EventText.oomLine(e) + (rss.isEmpty() || rss.equals("-") ? "" : "  rss " + rss);
    }
}
