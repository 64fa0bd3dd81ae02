package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.analysis.SnapshotDiff.MemDelta;
import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.view.DiffColumn;
import dev.kleaktop.view.EventText;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.Units;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kleaktop diff} as text: a header naming both ends, the time between them and any
 * warning; the meminfo changes; then the caches in the style of {@code -b} text, and the
 * kmemleak groups and OOM events that are new. Every kernel string is escaped.
 */
public final class DiffText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);
    /** Meminfo fields on the summary line, with the labels the live header uses. */
    private static final Map<String, String> MEM_LINE = Map.of(
            "Slab", "Slab", "SUnreclaim", "SUnreclaim", "SReclaimable", "SReclaimable", "MemAvailable", "MemAvail");
    private static final List<String> MEM_ORDER = List.of("Slab", "SUnreclaim", "SReclaimable", "MemAvailable");

    private DiffText() {}

    /**
     * @param rows     the caches to show, already filtered, sorted and cut to {@code --top}
     * @param hidden   how many more passed the filter but were cut
     * @param oldLabel how OLD is named (its file)
     * @param newLabel how NEW is named (its file, or the live system)
     */
    public static void write(SnapshotDiff d, List<CacheDelta> rows, int hidden, String oldLabel, String newLabel,
                             ZoneId zone, PrintWriter out) {
        out.println("kleaktop diff  OLD " + Text.escape(oldLabel) + "  NEW " + Text.escape(newLabel));
        out.println(side("OLD", d.oldSide(), zone));
        out.println(side("NEW", d.newSide(), zone));
        out.println("elapsed " + duration(d.elapsedS()) + " (by " + d.elapsedBasis() + ")"
                + (d.acrossReboot() ? "  ACROSS A REBOOT: no rates" : ""));
        for (String w : d.warnings()) out.println("warning: " + Text.escape(w));
        out.println(memLine(d.meminfo()));
        out.println("kmemleak: " + (d.newSide().kmemleakStatus().equals("ok")
                ? plural(d.kmemleakNew().size(), "new group") : "not read in NEW: " + Text.escape(d.newSide().kmemleakStatus()))
                + "  OOM: " + (d.newSide().logStatus().equals("ok")
                ? plural(d.oomEventsNew().size(), "new event") : "log not read in NEW: " + Text.escape(d.newSide().logStatus())));
        out.println();

        int nameWidth = DiffColumn.NAME.width();
        for (CacheDelta r : rows) nameWidth = Math.max(nameWidth, DiffColumn.NAME.format(r).length());
        out.println(line(null, nameWidth));
        for (CacheDelta r : rows) out.println(line(r, nameWidth));
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

    static String line(CacheDelta r, int nameWidth) {
        StringBuilder b = new StringBuilder(100);
        for (DiffColumn c : DiffColumn.TABLE) {
            if (b.length() > 0) b.append(' ');
            int w = c == DiffColumn.NAME ? nameWidth : c.width();
            b.append(r == null ? c.header(w) : c.cell(r, w));
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') end--;
        b.setLength(end);
        return b.toString();
    }

    private static String side(String label, SnapshotDiff.Side s, ZoneId zone) {
        StringBuilder b = new StringBuilder(label);
        b.append("  ").append(s.time() == null ? "-" : WHEN.format(s.time().atZone(zone)));
        b.append("  host ").append(Text.escape(s.host() == null ? "?" : s.host()));
        b.append("  ").append(Text.escape(s.kernel() == null ? "?" : s.kernel()));
        b.append("  up ").append(Units.uptime(s.uptimeS()));
        String boot = s.bootId() == null ? "?" : s.bootId().length() > 8 ? s.bootId().substring(0, 8) : s.bootId();
        b.append("  boot ").append(Text.escape(boot));
        return b.toString();
    }

    private static String memLine(List<MemDelta> mem) {
        StringBuilder b = new StringBuilder();
        for (String f : MEM_ORDER) {
            MemDelta m = mem.stream().filter(x -> x.field().equals(f)).findFirst().orElse(null);
            if (m == null) continue;
            if (b.length() > 0) b.append("  ");
            b.append(MEM_LINE.get(f)).append(' ');
            b.append(m.oldKb() == null ? "-" : Units.bytesShort(m.oldKb() * 1024)).append(" -> ");
            b.append(m.newKb() == null ? "-" : Units.bytesShort(m.newKb() * 1024));
            if (m.deltaKb() != null) b.append(" (").append(Units.signedBytes(m.deltaKb() * 1024)).append(')');
        }
        return b.toString();
    }

    /** {@code 1h0m0s}, {@code 12m5s}, {@code 45.0s}, {@code 2d3h4m}; negative with a minus. */
    static String duration(double seconds) {
        if (seconds < 0) return "-" + duration(-seconds);
        if (seconds < 60) return String.format(Locale.ROOT, "%.1fs", seconds);
        long s = Math.round(seconds);
        long d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
        if (d > 0) return d + "d" + h + "h" + m + "m";
        if (h > 0) return h + "h" + m + "m" + sec + "s";
        return m + "m" + sec + "s";
    }

    private static String plural(int n, String what) { return n + " " + what + (n == 1 ? "" : "s"); }

    /** {@code 8x256B my_alloc+0x3c/0x60 [mod] insmod}, as the other text outputs show a group. */
    static String group(KmemleakGroup g) { return EventText.groupLine(g, false); }

    /** {@code 2026-11-26 01:30:00 memcg /x python3[4532]  rss 12.0M}, as {@code kleaktop oom} words it. */
    static String oom(OomEvent e) {
        String rss = EventText.rss(e);
        return EventText.oomLine(e) + (rss.isEmpty() || rss.equals("-") ? "" : "  rss " + rss);
    }
}
