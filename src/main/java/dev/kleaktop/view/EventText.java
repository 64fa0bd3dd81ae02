package dev.kleaktop.view;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Short human forms of OOM events and kmemleak groups, shared by the text outputs and the
 * screen's side pane. Every kernel string is escaped.
 */
public final class EventText {
    private EventText() {}

    /** When it happened: the wall clock when the log had one, else seconds since boot. */
    public static String when(OomEvent e) {
        if (e.time() != null) {
            String t = e.time();
            // ISO-8601 from live records: 2026-11-26T01:50:03.123Z -> 2026-11-26 01:50:03
            if (t.length() >= 19 && t.charAt(10) == 'T') return t.substring(0, 10) + " " + t.substring(11, 19);
            return Text.escape(t);
        }
        if (e.uptimeS() != null) return String.format(Locale.ROOT, "up %.1fs", e.uptimeS());
        return "-";
    }

    /** {@code memcg /kubepods/x} or {@code global}. */
    public static String kindAndMemcg(OomEvent e) {
        String kind = e.kind() == null ? "?" : e.kind();
        String memcg = e.oomMemcg() != null ? e.oomMemcg() : e.taskMemcg();
        return memcg == null || "global".equals(kind) ? Text.escape(kind) : Text.escape(kind + " " + memcg);
    }

    /** {@code python3[4532]}; {@code -} when the report never named a victim. */
    public static String victim(OomEvent e) {
        if (!e.isKill()) return "-";
        String comm = e.victimComm() == null ? "?" : e.victimComm();
        return Text.escape(comm) + (e.victimPid() == null ? "" : "[" + e.victimPid() + "]");
    }

    /** The victim's RSS (anon + file + shmem) in human units, or {@code -}. */
    public static String rss(OomEvent e) {
        if (e.anonRssKb() == null && e.fileRssKb() == null && e.shmemRssKb() == null) return "-";
        long kb = nz(e.anonRssKb()) + nz(e.fileRssKb()) + nz(e.shmemRssKb());
        return Units.bytesShort(Sizes.kbToBytes(kb));
    }

    /** The largest unreclaimable caches the kernel listed: {@code kmalloc-64 1.2M, dentry 800K}. */
    public static String topUnreclaimable(OomEvent e, int n) {
        List<OomEvent.UnreclaimableSlab> rows = new ArrayList<>(e.unreclaimableSlab());
        rows.sort(Comparator.comparingLong(OomEvent.UnreclaimableSlab::totalKb).reversed());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, rows.size()); i++) {
            if (i > 0) b.append(", ");
            b.append(Text.escape(rows.get(i).name())).append(' ').append(Units.bytesShort(rows.get(i).totalKb() * 1024));
        }
        return b.toString();
    }

    /** One line for the pane: {@code 23:41 memcg /x python3[4532]}, with {@code (partial)} for a partial report. */
    public static String oomLine(OomEvent e) {
        return when(e) + " " + kindAndMemcg(e) + " " + victim(e) + (Boolean.FALSE.equals(e.complete()) ? " (partial)" : "");
    }

    /**
     * {@code complete}, {@code partial: no header, no Killed process line}, or {@code -} when
     * not known (an event read from an older snapshot).
     */
    public static String report(OomEvent e) {
        if (e.complete() == null) return "-";
        if (e.complete()) return "complete";
        List<String> what = new ArrayList<>();
        for (String m : e.missing() == null ? List.<String>of() : e.missing()) what.add(missingPart(m));
        return what.isEmpty() ? "partial" : "partial: no " + String.join(", no ", what);
    }

    private static String missingPart(String m) {
        return switch (m) {
            case OomEvent.HEADER -> "header";
            case OomEvent.KILLED_PROCESS -> "Killed process line";
            default -> Text.escape(m);
        };
    }

    /** {@code 8×256B my_alloc+0x3c insmod} (ASCII {@code x} when unicode is false). */
    public static String groupLine(KmemleakGroup g, boolean unicode) {
        return g.count() + (unicode ? "×" : "x") + Units.bytes(g.count() == 0 ? 0 : g.totalSize() / g.count())
                + " " + topFrame(g) + (g.comms().isEmpty() ? "" : " " + Text.escape(String.join(",", g.comms())));
    }

    /** {@code memory leak in FUNC}, escaped, or {@code -} when the backtrace names no function. */
    public static String title(KmemleakGroup g) {
        return g.title() == null ? "-" : Text.escape(g.title());
    }

    public static String topFrame(KmemleakGroup g) {
        return g.topFrame() == null ? "?" : Text.escape(g.topFrame());
    }

    private static long nz(Long v) { return v == null ? 0 : v; }
}
