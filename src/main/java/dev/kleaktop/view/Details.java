package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.SlabCache;
import java.util.ArrayList;
import java.util.List;

/** The details view of one cache (Enter on a row): every count and attribute and a history chart. */
public final class Details {
    /** Rows of the history chart. */
    public static final int CHART_ROWS = 6;

    private Details() {}

    public static String cacheTitle(CacheRow r) {
        return "cache " + Text.escape(r.id().toString()) + (r.leakSuspect() ? "  (leak suspect)" : "");
    }

    /**
     * All that is known about a cache, one fact per line.
     *
     * @param windowS  the rate window, for the chart's time axis
     */
    public static List<String> cache(CacheRow r, double windowS, Glyphs g) {
        SlabCache c = r.cache();
        CacheAttrs a = r.attrs();
        List<String> out = new ArrayList<>();
        out.add(kv("name", Text.escape(c.name()) + (c.id().index() > 0 ? "  (occurrence " + (c.id().index() + 1)
                + " of this name in slabinfo)" : "")));
        out.add(kv("aliases", a.aliases().isEmpty() ? "none" : Text.escape(String.join(", ", a.aliases()))));
        out.add(kv("sysfs cache", a.sysfsName() == null ? "unknown" : Text.escape(a.sysfsName())));
        out.add(kv("flags", flagsInWords(r)));
        out.add(kv("leak rule", Text.escape(VerdictText.why(r.verdict()))));
        out.add("");
        out.add(kv("size", Units.bytes(r.sizeBytes()) + " held (" + r.sizeBytes() + " bytes)"));
        out.add(kv("active bytes", Units.bytes(r.activeBytes()) + " in active objects (" + r.activeBytes() + " bytes)"));
        out.add(kv("growth", Units.rate(r.growthBytesPerS()) + "  " + Units.objRate(r.growthObjsPerS()) + " objects"
                + "  over the last " + Units.seconds(windowS)));
        out.add(kv("\u0394 start", Units.signedBytes(r.deltaBytes()) + "  " + signed(r.deltaObjs()) + " objects"));
        out.add("");
        out.add(kv("objects", c.activeObjs() + " active of " + c.numObjs() + " (" + c.usePct() + "% used)"));
        out.add(kv("object size", c.objSize() + " bytes" + (a.objectSize() == null ? ""
                : " (object_size " + a.objectSize() + (a.slabSize() == null ? "" : ", slab_size " + a.slabSize()) + ")")));
        out.add(kv("slabs", c.activeSlabs() + " active of " + c.numSlabs()));
        out.add(kv("per slab", c.objPerSlab() + " objects, " + c.pagesPerSlab() + " pages"
                + (a.order() == null ? "" : " (order " + a.order() + ")")));
        out.add(kv("tunables", "limit " + c.limit() + "  batchcount " + c.batchCount() + "  sharedfactor "
                + c.sharedFactor() + "  sharedavail " + c.sharedAvail()));
        out.add(kv("reclaimable", a.reclaimable() == null ? "unknown" : a.reclaimable() ? "yes (reclaim_account 1)"
                : "no (reclaim_account 0)"));
        out.add(kv("store_user", a.storeUser() == null ? "unknown" : a.storeUser() ? "yes (allocation traces kept)" : "no"));
        out.add("");
        out.add("history of SIZE over the window (oldest left):");
        out.addAll(chart(r.trend(), CHART_ROWS, windowS, g));
        return out;
    }

    private static String kv(String k, String v) { return Text.padRight(k, 14) + v; }

    private static String signed(long v) { return v > 0 ? "+" + v : Long.toString(v); }

    private static String flagsInWords(CacheRow r) {
        List<String> f = new ArrayList<>();
        if (r.leakSuspect()) f.add("! leak suspect");
        if (r.reclaimable()) f.add("R reclaimable");
        if (r.hasAliases()) f.add("A merged aliases");
        return f.isEmpty() ? "none" : String.join(", ", f);
    }

    /**
     * A bar chart of the trend points, {@code rows} high, each point three columns wide, with
     * the highest and lowest value on the axis. Missing points stay empty.
     */
    public static List<String> chart(long[] trend, int rows, double windowS, Glyphs g) {
        List<String> out = new ArrayList<>();
        if (trend == null || trend.length == 0) {
            out.add("  (no history yet)");
            return out;
        }
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (long v : trend) {
            if (v < 0) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == Long.MAX_VALUE) {
            out.add("  (no history yet)");
            return out;
        }
        int steps = g.unicode() ? 8 : 1;
        int top = rows * steps;
        int[] level = new int[trend.length];
        for (int i = 0; i < trend.length; i++) {
            if (trend[i] < 0) {
                level[i] = 0;
            } else if (max == min) {
                level[i] = 1;
            } else {
                // The lowest point keeps a sliver so it is not mistaken for a missing one.
                level[i] = 1 + (int) Math.round((double) (trend[i] - min) * (top - 1) / (max - min));
            }
        }
        String hi = Units.bytesShort(max), lo = Units.bytesShort(min);
        int labelWidth = Math.max(hi.length(), lo.length()) + 1;
        char axis = g.unicode() ? '\u2524' : '+';
        char rule = g.vbar();
        for (int row = rows - 1; row >= 0; row--) {
            // A flat history has one value: say it once, at the bottom.
            String label = row == 0 ? lo : row == rows - 1 && max != min ? hi : "";
            StringBuilder b = new StringBuilder();
            b.append(Text.padLeft(label, labelWidth)).append(' ').append(label.isEmpty() ? rule : axis);
            for (int i = 0; i < trend.length; i++) {
                int fill = Math.max(0, Math.min(steps, level[i] - row * steps));
                char ch = fill == 0 ? ' ' : fill == steps ? g.full() : g.ramp().charAt(fill - 1);
                b.append(' ').append(ch).append(ch);
            }
            out.add(b.toString());
        }
        String left = "-" + Units.seconds(windowS);
        // From under the first bar to under the last one.
        int span = trend.length * 3 - 1;
        out.add(" ".repeat(labelWidth + 3) + left + Text.padLeft("now", Math.max(4, span - left.length())));
        return out;
    }
}
