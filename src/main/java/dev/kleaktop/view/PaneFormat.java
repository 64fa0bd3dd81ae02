package dev.kleaktop.view;

import dev.kleaktop.model.IsoTime;
import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sizes;
import dev.kleaktop.model.SourceState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side pane's sections from kmemleak's report and the OOM events: one line per group or
 * event, as in SPEC's picture, and the full text of each for its details view. Every kernel
 * string is escaped here.
 */
public final class PaneFormat {
    /** A clock time in a log's own text, for times that are not ISO (made on first such time). */
    private static final class LogClock {
        static final Pattern HH_MM_SS = Pattern.compile("(\\d{1,2}):(\\d{2}):\\d{2}");
    }

    private PaneFormat() {}

    /** {@code KMEMLEAK  12 suspects}, one item per backtrace group, largest first. */
    public static PaneSection kmemleak(SourceState state, KmemleakReport report, Glyphs g) {
        if (state != null && !state.ok()) {
            return new PaneSection("KMEMLEAK", List.of(), Text.escape(state.describe()));
        }
        if (report == null) return new PaneSection("KMEMLEAK", List.of(), "not read yet");
        String title = "KMEMLEAK  " + report.recordCount() + (report.recordCount() == 1 ? " suspect" : " suspects");
        List<PaneItem> items = new ArrayList<>();
        for (KmemleakGroup grp : report.groups()) items.add(group(grp, g));
        return new PaneSection(title, items, "no suspects");
    }

    static PaneItem group(KmemleakGroup grp, Glyphs g) {
        long each = grp.count() == 0 ? 0 : grp.totalSize() / grp.count();
        String top = grp.topFrame() == null ? "?" : shortFrame(grp.topFrame());
        String in = titleFunction(grp);
        String summary = grp.count() + (g.unicode() ? "\u00d7" : "x") + Units.bytes(each) + " " + Text.escape(top)
                + (in == null || in.equals(function(top)) ? "" : " (in " + Text.escape(in) + ")")
                + (grp.comms().isEmpty() ? "" : " " + Text.escape(String.join(",", grp.comms())));
        // the details are titled as kernel developers name the report, so it can be searched for
        String title = grp.title() != null ? Text.escape(grp.title()) : "kmemleak group " + Text.escape(top);
        return PaneItem.lazy(summary, title, () -> groupDetails(grp));
    }

    private static final String TITLE_PREFIX = "memory leak in ";

    /**
     * The function the group's title names ({@code memory leak in FUNC}), or null: shown after
     * the top frame when that is an allocator-like wrapper, so the pane names the function
     * the report is searched for by.
     */
    static String titleFunction(KmemleakGroup grp) {
        String t = grp.title();
        return t != null && t.startsWith(TITLE_PREFIX) ? t.substring(TITLE_PREFIX.length()) : null;
    }

    /** A frame's function without offset, file or the compiler's suffixes ({@code foo.isra.0+0x1} is foo). */
    static String function(String frame) {
        int end = frame.length();
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c == '+' || c == ' ' || c == '.') {
                end = i;
                break;
            }
        }
        return frame.substring(0, end);
    }

    private static List<String> groupDetails(KmemleakGroup grp) {
        List<String> d = new ArrayList<>();
        d.add("title          " + EventText.title(grp));
        d.add("objects        " + grp.count() + ", " + Units.bytes(grp.totalSize()) + " in all (" + grp.totalSize() + " bytes)");
        d.add("allocated at   " + (grp.topFrame() == null ? "unknown" : Text.escape(grp.topFrame())));
        d.add("by             " + (grp.comms().isEmpty() ? "unknown" : Text.escape(String.join(", ", grp.comms()))));
        d.add("sample object  " + Text.escape(grp.sampleAddress()));
        d.add("backtrace key  " + Text.escape(grp.key()));
        d.add("");
        d.add("backtrace:");
        for (String f : grp.backtrace()) d.add("  " + Text.escape(f));
        return d;
    }

    /** {@code my_alloc+0x3c/0x60 [kleak]} to {@code my_alloc+0x3c}. */
    static String shortFrame(String frame) {
        String f = frame.strip();
        int sp = f.indexOf(' ');
        if (sp > 0) f = f.substring(0, sp);
        int slash = f.indexOf('/');
        return slash > 0 ? f.substring(0, slash) : f;
    }

    /** {@code OOM  2 kills}, newest first. */
    public static PaneSection oom(SourceState state, List<OomEvent> events, ZoneId zone) {
        List<PaneItem> items = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) items.add(event(events.get(i), zone));
        String empty = state != null && !state.ok() ? Text.escape(state.describe()) : "no OOM kills seen";
        long kills = events.stream().filter(OomEvent::isKill).count();
        // a report cut after its header is an OOM event but not a kill: then say events
        String noun = kills == events.size() ? (kills == 1 ? " kill" : " kills") : (events.size() == 1 ? " event" : " events");
        String title = events.isEmpty() ? "OOM" : "OOM  " + events.size() + noun;
        return new PaneSection(title, items, empty);
    }

    static PaneItem event(OomEvent e, ZoneId zone) {
        String when = clock(e, zone);
        String cg = e.oomMemcg() != null ? e.oomMemcg() : e.taskMemcg();
        String victim = !e.isKill() ? "no victim in the log"
                : (e.victimComm() == null ? "?" : e.victimComm()) + (e.victimPid() == null ? "" : "[" + e.victimPid() + "]");
        String summary = when + " " + (e.kind() == null ? "oom" : e.kind()) + (cg == null ? "" : " " + cg) + " " + victim
                + (Boolean.FALSE.equals(e.complete()) ? " (partial)" : "");
        String title = e.isKill() ? "OOM kill of " + Text.escape(victim) + " at " + when : "OOM event at " + when;
        return PaneItem.lazy(Text.escape(summary), title, () -> eventDetails(e, victim));
    }

    private static List<String> eventDetails(OomEvent e, String victim) {
        List<String> d = new ArrayList<>();
        d.add(Text.padRight("report", 15) + EventText.report(e));   // escaped already
        d.add(kv("time", e.time()));
        d.add(kv("uptime", e.uptimeS() == null ? null : String.format(Locale.ROOT, "%.3f s", e.uptimeS())));
        d.add(kv("kind", e.kind()));
        d.add(kv("constraint", e.constraint()));
        d.add(kv("invoked by", e.triggerComm()));
        d.add(kv("gfp_mask", e.gfpMask()));
        d.add(kv("order", e.order() == null ? null : e.order().toString()));
        d.add(kv("killed", victim));
        d.add(kv("total-vm", kb(e.totalVmKb())));
        d.add(kv("anon-rss", kb(e.anonRssKb())));
        d.add(kv("file-rss", kb(e.fileRssKb())));
        d.add(kv("shmem-rss", kb(e.shmemRssKb())));
        d.add(kv("oom_score_adj", e.oomScoreAdj() == null ? null : e.oomScoreAdj().toString()));
        d.add(kv("oom memcg", e.oomMemcg()));
        d.add(kv("task memcg", e.taskMemcg()));
        OomEvent.Reaped r = e.reaped();
        d.add(kv("reaped", r == null ? "not seen" : "anon-rss " + kb(r.anonRssKb()) + ", file-rss " + kb(r.fileRssKb())
                + ", shmem-rss " + kb(r.shmemRssKb())));
        d.add("");
        if (e.unreclaimableSlab().isEmpty()) {
            d.add("no unreclaimable slab table in this report");
        } else {
            d.add("unreclaimable slab at the time, largest first:");
            d.add(String.format(Locale.ROOT, "  %-28s %10s %10s", "NAME", "USED", "TOTAL"));
            List<OomEvent.UnreclaimableSlab> rows = new ArrayList<>(e.unreclaimableSlab());
            rows.sort((a, b) -> Long.compare(b.usedKb(), a.usedKb()));
            for (OomEvent.UnreclaimableSlab s : rows) {
                d.add(String.format(Locale.ROOT, "  %-28s %10s %10s", Text.escape(s.name()),
                        Units.bytesShort(Sizes.kbToBytes(s.usedKb())), Units.bytesShort(Sizes.kbToBytes(s.totalKb()))));
            }
        }
        return d;
    }

    private static String kv(String k, String v) { return Text.padRight(k, 15) + (v == null ? "-" : Text.escape(v)); }

    private static String kb(Long kb) { return kb == null ? "-" : Units.bytes(Sizes.kbToBytes(kb)); }

    /** {@code 23:41}: the report's wall clock in the zone when it has one, else its uptime. */
    static String clock(OomEvent e, ZoneId zone) {
        if (e.time() != null) {
            // the kernel log's own events: UTC as IsoTime writes it, turned into the zone by hand
            Instant utc = IsoTime.parseUtc(e.time());
            if (utc != null) {
                StringBuilder b = new StringBuilder(8);
                Header.clock(b, utc, zone);  // HH:mm:ss
                return b.substring(0, 5);
            }
            try {
                return String.format(Locale.ROOT, "%tR", OffsetDateTime.parse(e.time()).atZoneSameInstant(zone));
            } catch (DateTimeParseException ignored) {
                Matcher m = LogClock.HH_MM_SS.matcher(e.time());
                if (m.find()) return String.format(Locale.ROOT, "%02d:%s", Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        if (e.uptimeS() == null) return "?";
        // Only the time since boot is known: as dmesg prints it, in seconds while short.
        return e.uptimeS() < 60 ? "up " + e.uptimeS().longValue() + "s" : "up " + Units.uptime(e.uptimeS());
    }

    /**
     * What the pane shows, taken from a frame.
     *
     * @param kmemleakState kmemleak's source state, null when not known
     * @param report        the latest report, null before the first read
     * @param logState      the kernel log's source state, null when not known
     * @param oomEvents     the OOM kills seen, oldest first
     */
    public record Data(SourceState kmemleakState, KmemleakReport report, SourceState logState, List<OomEvent> oomEvents) {
        public Data {
            oomEvents = oomEvents == null ? List.of() : List.copyOf(oomEvents);
        }
    }

    /** {@code kmemleak 12  OOM 1} for the memory line, as batch text should print it too. */
    public static String counts(Data d) {
        String k = d.report() == null ? "-" : Long.toString(d.report().recordCount());
        return "kmemleak " + k + "  OOM " + d.oomEvents().size();
    }

    /** The screen's extras: counts and the KMEMLEAK and OOM sections, from each frame. */
    public static ScreenExtras extras(java.util.function.Function<dev.kleaktop.session.Frame, Data> data, Glyphs g, ZoneId zone) {
        return new ScreenExtras() {
            @Override
            public String counts(dev.kleaktop.session.Frame f) { return PaneFormat.counts(data.apply(f)); }

            @Override
            public List<PaneSection> pane(dev.kleaktop.session.Frame f) {
                Data d = data.apply(f);
                return List.of(kmemleak(d.kmemleakState(), d.report(), g), oom(d.logState(), d.oomEvents(), zone));
            }
        };
    }
}
