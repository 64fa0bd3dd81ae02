package dev.kleaktop.analysis;

// The analyzer as it was before its refresh loop was tuned (bench/, issue 7), kept as the
// reference its results must equal bit for bit.

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a stream of samples into analyses: growth rates over the rate window, deltas since
 * the baseline, the leak verdict and a short trend per cache.
 *
 * <p>Memory is bounded whatever the run time: sample times live in one ring of
 * {@code capacity} slots shared by all caches, and each cache keeps two int arrays of the
 * same size (pages held and active objects). When samples come faster than
 * {@code window / (capacity - 8)} the newest slot is overwritten instead of advancing, so
 * the ring always spans the whole window and always ends with the latest sample. A cache
 * absent for a whole ring is forgotten (htop's prepare / iterate / cleanup).
 *
 * <p>Not thread-safe: one thread feeds it; the {@link Analysis} it returns is immutable.
 */
final class AnalyzerReference {
    public static final int DEFAULT_CAPACITY = 128;
    public static final int TREND_POINTS = 8;
    private static final int MISSING = -1;

    private final Identity identity;
    private final double windowS;
    private final int capacity;
    private final double minSpacing;
    private final Function<String, CacheAttrs> attrs;

    private final double[] times;
    /** seconds of each slot, relative to {@link #origin} */
    private Instant origin;
    private long seq = -1;
    private long samplesSeen;
    private Instant lastTime;
    private double intervalS;

    private final Map<CacheId, Series> series = new HashMap<>();
    private final Series slabKb, sUnreclaimKb, sReclaimableKb, memAvailKb;
    private Map<CacheId, long[]> baseline;

    /** Per-cache values aligned to the shared time ring. */
    private static final class Series {
        final int[] a;
        final int[] b;
        long lastSeq = -1;
        long touched;

        Series(int capacity) {
            a = new int[capacity];
            b = new int[capacity];
            java.util.Arrays.fill(a, MISSING);
            java.util.Arrays.fill(b, MISSING);
        }
    }

    AnalyzerReference(Identity identity, double windowS, Function<String, CacheAttrs> attrs) {
        this(identity, windowS, attrs, DEFAULT_CAPACITY);
    }

    AnalyzerReference(Identity identity, double windowS, Function<String, CacheAttrs> attrs, int capacity) {
        if (windowS <= 0) throw new IllegalArgumentException("window must be positive");
        if (capacity < TREND_POINTS + 8) throw new IllegalArgumentException("capacity too small");
        this.identity = identity;
        this.windowS = windowS;
        this.capacity = capacity;
        this.minSpacing = windowS / (capacity - 8);
        this.attrs = attrs;
        this.times = new double[capacity];
        this.slabKb = new Series(capacity);
        this.sUnreclaimKb = new Series(capacity);
        this.sReclaimableKb = new Series(capacity);
        this.memAvailKb = new Series(capacity);
    }

    public double windowS() { return windowS; }

    /** Makes the next sample the baseline for deltas (the {@code z} key). */
    public void resetBaseline() { baseline = null; }

    /** Adds a sample and returns the analysis of the state it ends. */
    public Analysis add(Sample s) {
        long pageSize = identity.pageSize();
        if (origin == null) origin = s.time();
        double t = java.time.Duration.between(origin, s.time()).toNanos() / 1e9;
        if (lastTime != null) intervalS = Math.max(0, java.time.Duration.between(lastTime, s.time()).toNanos() / 1e9);
        lastTime = s.time();
        samplesSeen++;

        boolean overwrite = seq >= 1 && t - times[slot(seq - 1)] < minSpacing && t >= times[slot(seq)];
        if (!overwrite) seq++;
        int slot = slot(seq);
        times[slot] = t;

        boolean newBaseline = baseline == null;
        if (newBaseline) baseline = new HashMap<>();
        List<CacheRow> rows = new ArrayList<>(s.slab().caches().size());
        for (SlabCache c : s.slab().caches()) {
            Series ser = series.computeIfAbsent(c.id(), k -> new Series(capacity));
            if (!overwrite || ser.lastSeq != seq) {
                // first value in this slot for this cache: clear what an older lap left
                ser.a[slot] = MISSING;
                ser.b[slot] = MISSING;
            }
            ser.a[slot] = clampInt(c.numSlabs() * c.pagesPerSlab());
            ser.b[slot] = clampInt(c.activeObjs());
            ser.lastSeq = seq;
            ser.touched = samplesSeen;
            long size = c.sizeBytes(pageSize);
            if (newBaseline) baseline.put(c.id(), new long[] {size, c.activeObjs()});
            long[] base = baseline.getOrDefault(c.id(), ZERO);
            CacheAttrs at = attrs.apply(c.name());
            Fit sizeFit = fit(ser.a, pageSize);
            Fit objFit = fit(ser.b, 1);
            LeakRule.Verdict v = LeakRule.UNKNOWN; // the verdict is compared elsewhere (LeakRuleTest)
            rows.add(new CacheRow(c, at, size, c.activeBytes(),
                    sizeFit == null ? null : sizeFit.slope(),
                    objFit == null ? null : objFit.slope(),
                    size - base[0], c.activeObjs() - base[1], v.suspect(), v,
                    trend(ser.a, pageSize)));
        }
        MemInfo mem = s.mem();
        Totals totals = new Totals(mem,
                memRate(slabKb, mem.slabKb(), slot, overwrite),
                memRate(sUnreclaimKb, mem.sUnreclaimKb(), slot, overwrite),
                memRate(sReclaimableKb, mem.sReclaimableKb(), slot, overwrite),
                memRate(memAvailKb, mem.memAvailableKb(), slot, overwrite));
        forgetVanished(slot, overwrite);
        return new Analysis(identity, s, rows, totals, windowS, intervalS, samplesSeen);
    }

    private static final long[] ZERO = {0, 0};

    private Double memRate(Series ser, Long kb, int slot, boolean overwrite) {
        if (!overwrite || ser.lastSeq != seq) ser.a[slot] = MISSING;
        if (kb == null) return null;
        ser.a[slot] = clampInt(kb);
        ser.lastSeq = seq;
        Fit f = fit(ser.a, 1);
        return f == null ? null : f.slope();
    }

    private void forgetVanished(int slot, boolean overwrite) {
        Iterator<Map.Entry<CacheId, Series>> it = series.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<CacheId, Series> e = it.next();
            Series ser = e.getValue();
            if (overwrite && ser.lastSeq == seq && ser.touched != samplesSeen) {
                // present in the slot this sample replaced, absent now
                ser.a[slot] = MISSING;
                ser.b[slot] = MISSING;
                ser.lastSeq = seq - 1;
            }
            if (seq - e.getValue().lastSeq >= capacity) {
                it.remove();
                if (baseline != null) baseline.remove(e.getKey());
            }
        }
    }

    /** Least-squares fit of the values inside the window ending at the newest slot. */
    private Fit fit(int[] values, long scale) {
        Fit.Acc acc = new Fit.Acc();
        double tNow = times[slot(seq)];
        long oldest = Math.max(0, seq - capacity + 1);
        for (long q = seq; q >= oldest; q--) {
            int sl = slot(q);
            double tq = times[sl];
            if (tNow - tq > windowS + 1e-9) break;
            int v = values[sl];
            if (v == MISSING) continue;
            acc.add(tq - tNow, (double) v * scale);
        }
        return acc.fit();
    }

    private long[] trend(int[] values, long scale) {
        long[] out = new long[TREND_POINTS];
        int n = 0;
        long oldest = Math.max(0, seq - capacity + 1);
        // Evenly spaced points across the window, newest last.
        double tNow = times[slot(seq)];
        double step = windowS / (TREND_POINTS - 1);
        long q = seq;
        for (int k = TREND_POINTS - 1; k >= 0; k--) {
            double target = tNow - (TREND_POINTS - 1 - k) * step;
            while (q > oldest && times[slot(q)] > target + 1e-9) q--;
            int v = values[slot(q)];
            if (times[slot(q)] > target + 1e-9 || v == MISSING || tNow - times[slot(q)] > windowS + 1e-9) {
                out[k] = -1;
            } else {
                out[k] = (long) v * scale;
                n++;
            }
        }
        return n == 0 ? new long[0] : out;
    }

    private int slot(long q) { return (int) Math.floorMod(q, (long) capacity); }

    private static int clampInt(long v) {
        return v > Integer.MAX_VALUE - 1 ? Integer.MAX_VALUE - 1 : (int) Math.max(0, v);
    }
}
