package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.MemDelta;
import dev.kleaktop.model.Sizes;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines above a diff's table, shared by {@code kleaktop diff} text and the screen's diff
 * view so both word a diff alike: what is compared, each end's identity, the time between,
 * the warnings, the meminfo changes and the new kmemleak groups and OOM events. Kernel
 * strings are escaped.
 */
public final class DiffHeader {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);
    /** Meminfo fields on the summary line, with the labels the live header uses. */
    private static final Map<String, String> MEM_LINE = Map.of(
            "Slab", "Slab", "SUnreclaim", "SUnreclaim", "SReclaimable", "SReclaimable", "MemAvailable", "MemAvail");
    private static final List<String> MEM_ORDER = List.of("Slab", "SUnreclaim", "SReclaimable", "MemAvailable");

    private DiffHeader() {}

    /** {@code kleaktop diff  OLD <label>  NEW <label>}. */
    public static String title(String oldLabel, String newLabel) {
        return "kleaktop diff  OLD " + Text.escape(oldLabel) + "  NEW " + Text.escape(newLabel);
    }

    /** {@code OLD  2026-11-26 01:45:12 UTC  host box1  6.18.44  up 3d4h  boot 5b0c0d2e}. */
    public static String side(String label, SnapshotDiff.Side s, ZoneId zone) {
        StringBuilder b = new StringBuilder(label);
        b.append("  ").append(s.time() == null ? "-" : WHEN.format(s.time().atZone(zone)));
        b.append("  host ").append(Text.escape(s.host() == null ? "?" : s.host()));
        b.append("  ").append(Text.escape(s.kernel() == null ? "?" : s.kernel()));
        b.append("  up ").append(Units.uptime(s.uptimeS()));
        String boot = s.bootId() == null ? "?" : s.bootId().length() > 8 ? s.bootId().substring(0, 8) : s.bootId();
        b.append("  boot ").append(Text.escape(boot));
        return b.toString();
    }

    /** {@code elapsed 1h0m0s (by uptime)}, marked when the two ends are from different boots. */
    public static String elapsed(SnapshotDiff d) {
        return "elapsed " + duration(d.elapsedS()) + " (by " + d.elapsedBasis() + ")"
                + (d.acrossReboot() ? "  ACROSS A REBOOT: no rates" : "");
    }

    /** {@code warning: ...}, one per warning of the diff. */
    public static String warning(String w) { return "warning: " + Text.escape(w); }

    /** {@code Slab 9.8M -> 11.8M (+2.0M)  SUnreclaim ...}. */
    public static String memory(SnapshotDiff d) {
        List<MemDelta> mem = d.meminfo();
        StringBuilder b = new StringBuilder();
        for (String f : MEM_ORDER) {
            MemDelta m = mem.stream().filter(x -> x.field().equals(f)).findFirst().orElse(null);
            if (m == null) continue;
            if (b.length() > 0) b.append("  ");
            b.append(MEM_LINE.get(f)).append(' ');
            b.append(m.oldKb() == null ? "-" : Units.bytesShort(Sizes.kbToBytes(m.oldKb()))).append(" -> ");
            b.append(m.newKb() == null ? "-" : Units.bytesShort(Sizes.kbToBytes(m.newKb())));
            if (m.deltaKb() != null) b.append(" (").append(Units.signedBytes(Sizes.kbToBytes(m.deltaKb()))).append(')');
        }
        return b.toString();
    }

    /** {@code kmemleak: 2 new groups  OOM: 1 new event}, or why NEW could not tell. */
    public static String events(SnapshotDiff d) {
        return "kmemleak: " + (d.newSide().kmemleakStatus().equals("ok")
                ? plural(d.kmemleakNew().size(), "new group") : "not read in NEW: " + Text.escape(d.newSide().kmemleakStatus()))
                + "  OOM: " + (d.newSide().logStatus().equals("ok")
                ? plural(d.oomEventsNew().size(), "new event") : "log not read in NEW: " + Text.escape(d.newSide().logStatus()));
    }

    /** {@code 1h0m0s}, {@code 12m5s}, {@code 45.0s}, {@code 2d3h4m}; negative with a minus. */
    public static String duration(double seconds) {
        if (seconds < 0) return "-" + duration(-seconds);
        if (seconds < 60) return String.format(Locale.ROOT, "%.1fs", seconds);
        long s = Math.round(seconds);
        long d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
        if (d > 0) return d + "d" + h + "h" + m + "m";
        if (h > 0) return h + "h" + m + "m" + sec + "s";
        return m + "m" + sec + "s";
    }

    private static String plural(int n, String what) { return n + " " + what + (n == 1 ? "" : "s"); }
}
