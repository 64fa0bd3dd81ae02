package dev.kleaktop.view;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.Totals;
import dev.kleaktop.session.Frame;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sizes;
import dev.kleaktop.model.SourceState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The header lines shared by the screen and batch text output. */
public final class Header {
    private Header() {}

    /** {@code kleaktop  host box1  6.18.44  up 3d4h  every 3s  window 60s  23:59:01}. */
    public static String identityLine(Frame f, double intervalS, ZoneId zone) {
        Analysis a = f.analysis();
        Identity id = a.identity();
        StringBuilder b = new StringBuilder("kleaktop");
        b.append("  host ").append(Text.escape(id.host() == null ? "?" : id.host()));
        b.append("  ").append(Text.escape(id.kernel() == null ? "?" : id.kernel()));
        b.append("  up ").append(Units.uptime(a.sample().uptimeS()));
        b.append("  every ").append(Units.seconds(interval(a, intervalS)));
        b.append("  window ").append(Units.seconds(a.windowS()));
        b.append("  ");
        if (id.series() != null) {
            // a replayed series: its own clock (seconds since boot, or the wall clock of its stamps)
            b.append("series ").append(Text.escape(java.nio.file.Path.of(id.series()).getFileName().toString()));
            Double up = a.sample().uptimeS();
            if (up != null) b.append(" t=").append(Units.seconds(up));
            // time= stamps give wall-clock times; t= alone, seconds from the epoch (no uptime is 30 years)
            if (a.sample().time().getEpochSecond() > WALL_CLOCK_FROM) {
                b.append(' ').append(java.time.LocalDate.ofInstant(a.sample().time(), zone)).append(' ');
                clock(b, a.sample().time(), zone);
            }
        } else if (id.capturedAt() != null) {
            // a captured tree that says when it was taken: that time, not today's clock
            b.append("captured ").append(java.time.LocalDate.ofInstant(id.capturedAt(), zone)).append(' ');
            clock(b, id.capturedAt(), zone);
        } else {
            clock(b, a.sample().time(), zone);
        }
        return b.toString();
    }

    /**
     * {@code HH:mm:ss} of the instant in the zone, by arithmetic on its offset: a
     * DateTimeFormatter pattern costs milliseconds to build when one line is all there is.
     */
    /**
     * When the frame's sample was taken, or null for a replayed series of {@code t=} stamps
     * alone (its clock counts from boot, not a date).
     */
    public static Instant wallTime(Analysis a) {
        Instant t = a.sample().time();
        return a.identity().series() != null && t.getEpochSecond() <= WALL_CLOCK_FROM ? null : t;
    }

    /** The interval to report: a replayed series' own (between its last two samples), else {@code intervalS}. */
    public static double interval(Analysis a, double intervalS) {
        return a.identity().series() != null ? a.intervalS() : intervalS;
    }

    /** 2000-01-01: a series' sample time after it is a wall-clock time ({@code time=}). */
    static final long WALL_CLOCK_FROM = 946_684_800L;

    static void clock(StringBuilder b, Instant t, ZoneId zone) {
        long s = t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds();
        int secOfDay = (int) Math.floorMod(s, 86_400L);
        two(b, secOfDay / 3600).append(':');
        two(b, secOfDay / 60 % 60).append(':');
        two(b, secOfDay % 60);
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** {@code Slab 1.2G +3.4M/min  SUnreclaim 812M +3.1M/min  SReclaimable 402M  Unacct 88M +1M/min  MemAvail 21.0G}. */
    public static String memoryLine(Frame f, String extra) {
        return withoutParts(f, extra, 0);
    }

    /**
     * The memory line in at most {@code width} columns, where it fits: the least telling parts
     * go first, in this order: SReclaimable (what the kernel gives back under pressure), the
     * rate of Slab, Slab (SReclaimable and SUnreclaim together), the rate of SUnreclaim, then
     * SUnreclaim. Unacct (the ledger's unaccounted pages and their rate), MemAvail and
     * {@code extra} (the kmemleak and OOM counters) always stay:
     * {@code Slab 12.4M  SUnreclaim 9.7M +5.9M/min  MemAvail 466.3M  kmemleak -  OOM 0} at 80.
     */
    public static String memoryLine(Frame f, String extra, int width) {
        String line = withoutParts(f, extra, 0);
        for (int n = 1; line.length() > width && n <= DROPS; n++) line = withoutParts(f, extra, n);
        return line;
    }

    /** How many parts {@link #memoryLine(Frame, String, int)} can drop. */
    private static final int DROPS = 5;

    /** The memory line without the first {@code dropped} parts of the drop order. */
    private static String withoutParts(Frame f, String extra, int dropped) {
        Totals t = f.analysis().totals();
        MemInfo m = t.mem();
        StringBuilder b = new StringBuilder();
        if (dropped < 3) mem(b, "Slab", m.slabKb(), dropped < 2 ? t.slabKbPerS() : null);
        if (dropped < 5) mem(b, "SUnreclaim", m.sUnreclaimKb(), dropped < 4 ? t.sUnreclaimKbPerS() : null);
        if (dropped < 1) mem(b, "SReclaimable", m.sReclaimableKb(), null);
        unaccounted(b, f);
        mem(b, "MemAvail", m.memAvailableKb(), null);
        if (extra != null && !extra.isEmpty()) b.append("  ").append(extra);
        return b.toString();
    }

    /**
     * The ledger's headline, always shown: {@code Unacct 88.3M +1.2M/min}, the pages no
     * counter names (where a page leak shows), its rate, and its verdict's flag ({@code !} a
     * leak suspect, {@code +} growing) when it has one.
     */
    private static void unaccounted(StringBuilder b, Frame f) {
        for (dev.kleaktop.analysis.LedgerRow r : f.analysis().ledger()) {
            if (r.line() != dev.kleaktop.analysis.Ledger.UNACCOUNTED) continue;
            mem(b, "Unacct", r.bytes() / 1024, r.rateBytesPerS() == null ? null : r.rateBytesPerS() / 1024);
            if (r.leakSuspect()) b.append(" !");
            else if (r.verdict().level() == dev.kleaktop.analysis.LeakRule.Level.GROWING) b.append(" +");
        }
    }

    private static void mem(StringBuilder b, String label, Long kb, Double kbPerS) {
        if (b.length() > 0) b.append("  ");
        b.append(label).append(' ').append(kb == null ? "-" : Units.bytesShort(Sizes.kbToBytes(kb)));
        String r = Units.kbRatePerMin(kbPerS);
        if (kbPerS != null && !r.isEmpty()) b.append(' ').append(r);
    }

    /** One line per unavailable source: {@code slabinfo: permission denied (run as root)}. */
    public static List<String> unavailable(Frame f) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, SourceState> e : f.sources().entrySet()) {
            if (!e.getValue().ok()) out.add(e.getKey() + ": " + Text.escape(e.getValue().describe()));
        }
        return out;
    }
}
