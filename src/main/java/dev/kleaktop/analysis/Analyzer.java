package dev.kleaktop.analysis;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.Sizes;
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
 * {@code capacity} slots shared by all caches, and each cache keeps two {@link Ring}s of the
 * same size (pages held and active objects; shorts while they fit). When samples come faster than
 * {@code window / (capacity - 8)} the newest slot is overwritten instead of advancing, so
 * the ring always spans the whole window and always ends with the latest sample. A cache
 * absent for a whole ring is forgotten (htop's prepare / iterate / cleanup).
 *
 * <p>Not thread-safe: one thread feeds it; the {@link Analysis} it returns is immutable.
 */
public final class Analyzer {
    public static final int DEFAULT_CAPACITY = 128;
    public static final int TREND_POINTS = 8;
    private static final int MISSING = Ring.MISSING;

    private final Identity identity;
    private final double windowS;
    private final int capacity;
    private final double minSpacing;
    private final Function<String, CacheAttrs> attrs;
    private final LeakRule.Settings rule;
    /** The verdict's bucket of the newest sample ({@link Floors}). */
    private long bucket;
    private final long[] parts = new long[LeakRule.PARTS];
    private final long[] reclaimParts = new long[LeakRule.PARTS];
    /** The floors of the reclaimable caches' pages together, for {@link LeakRule#masked}. */
    private final Floors reclaimFloors = new Floors();

    private final double[] times;
    /** seconds of each slot, relative to {@link #origin} */
    private Instant origin;
    private long seq = -1;
    private long samplesSeen;
    private Instant lastTime;
    private double intervalS;

    private final Map<CacheId, Series> series = new HashMap<>();
    private final Series slabKb, sUnreclaimKb, sReclaimableKb, memAvailKb;
    /** One series per ledger line, in kB. */
    private final Series[] ledger = new Series[Ledger.values().length];
    /** A ledger line must grow this much over the window to be a suspect (meminfo moves by pages all the time). */
    static final long LEDGER_MIN_GROWTH = 1 << 20;
    /** Deltas count from the caches' values at the sample of this generation. */
    private long baselineGen;
    private boolean baselinePending = true;

    // The window of the current refresh, the same for every cache: its slots newest first
    // with their times relative to the newest, and the slots the trend points come from.
    private final int[] winSlot;
    private final double[] winDt;
    /** One series' values at the window's slots, and the positions 0, 1, 2... to read them by. */
    private final int[] winValues;
    private final int[] inOrder;
    private int winCount;
    private final int[] trendSlot = new int[TREND_POINTS];
    private final boolean[] trendInWindow = new boolean[TREND_POINTS];
    private final Fit.Times winTimes = new Fit.Times();
    /** The last sample's ids and series by position: the next sample lists the same caches. */
    private CacheId[] lastIds = new CacheId[0];
    private Series[] lastSeries = new Series[0];
    private final Fit.Acc acc = new Fit.Acc();

    /** Per-cache values aligned to the shared time ring. */
    private static final class Series {
        final Ring a;
        final Ring b;
        long lastSeq = -1;
        long touched;
        long baseGen = -1;
        long baseSize;
        long baseObjs;
        /** The verdict's floors over the horizon, and since when they have risen without a break. */
        final Floors floors = new Floors();
        double firstT = Double.NaN;
        double risingSince = Double.NaN;

        Series(int capacity) {
            a = new Ring(capacity);
            b = new Ring(capacity);
        }
    }

    public Analyzer(Identity identity, double windowS, Function<String, CacheAttrs> attrs) {
        this(identity, windowS, attrs, DEFAULT_CAPACITY);
    }

    public Analyzer(Identity identity, double windowS, Function<String, CacheAttrs> attrs, int capacity) {
        this(identity, windowS, attrs, capacity, LeakRule.Settings.DEFAULT);
    }

    public Analyzer(Identity identity, double windowS, Function<String, CacheAttrs> attrs, LeakRule.Settings rule) {
        this(identity, windowS, attrs, DEFAULT_CAPACITY, rule);
    }

    public Analyzer(Identity identity, double windowS, Function<String, CacheAttrs> attrs, int capacity,
                    LeakRule.Settings rule) {
        this.rule = rule;
        if (windowS <= 0) throw new IllegalArgumentException("window must be positive");
        if (capacity < TREND_POINTS + 8) throw new IllegalArgumentException("capacity too small");
        this.identity = identity;
        this.windowS = windowS;
        this.capacity = capacity;
        this.minSpacing = windowS / (capacity - 8);
        this.attrs = attrs;
        this.times = new double[capacity];
        this.winSlot = new int[capacity];
        this.winDt = new double[capacity];
        this.winValues = new int[capacity];
        this.inOrder = new int[capacity];
        for (int i = 0; i < capacity; i++) inOrder[i] = i;
        this.slabKb = new Series(capacity);
        this.sUnreclaimKb = new Series(capacity);
        this.sReclaimableKb = new Series(capacity);
        this.memAvailKb = new Series(capacity);
        for (int i = 0; i < ledger.length; i++) ledger[i] = new Series(capacity);
    }

    public double windowS() { return windowS; }

    public LeakRule.Settings rule() { return rule; }

    /** Makes the next sample the baseline for deltas (the {@code z} key). */
    public void resetBaseline() { baselinePending = true; }

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
        bucket = (long) Math.floor(t / rule.bucketS());

        boolean newBaseline = baselinePending;
        if (newBaseline) {
            baselinePending = false;
            baselineGen++;
        }
        prepareWindow();
        List<SlabCache> caches = s.slab().caches();
        List<CacheRow> rows = new ArrayList<>(caches.size());
        CacheId[] ids = new CacheId[caches.size()];
        Series[] found = new Series[caches.size()];
        // the reclaimable caches' pages together, summed on the way: suspects are held against
        // their growth once the sample's total is in (LeakRule.masked)
        long reclaimPages = 0;
        List<Integer> suspects = null;
        for (int i = 0; i < caches.size(); i++) {
            SlabCache c = caches.get(i);
            // the series of the same id at the same place last time is the one the map holds
            // (it was touched then, so not forgotten since); otherwise look it up
            Series ser = i < lastIds.length && lastIds[i] == c.id() ? lastSeries[i] : series.get(c.id());
            if (ser == null) {
                ser = new Series(capacity);
                series.put(c.id(), ser);
            }
            ids[i] = c.id();
            found[i] = ser;
            if (!overwrite || ser.lastSeq != seq) {
                // first value in this slot for this cache: clear what an older lap left
                ser.a.set(slot, MISSING);
                ser.b.set(slot, MISSING);
            }
            int pages = clampInt(Sizes.times(c.numSlabs(), c.pagesPerSlab()));
            ser.a.set(slot, pages);
            ser.b.set(slot, clampInt(c.activeObjs()));
            ser.lastSeq = seq;
            ser.touched = samplesSeen;
            long size = c.sizeBytes(pageSize);
            if (newBaseline) {
                ser.baseGen = baselineGen;
                ser.baseSize = size;
                ser.baseObjs = c.activeObjs();
            }
            boolean based = ser.baseGen == baselineGen;
            CacheAttrs at = attrs.apply(c.name());
            if (at.isReclaimable()) reclaimPages += Sizes.times(c.numSlabs(), c.pagesPerSlab());
            Fit sizeFit = fit(ser.a, pageSize);
            Fit objFit = fit(ser.b, 1);
            LeakRule.Verdict v = verdict(ser, pages, t, pageSize, at.isReclaimable(),
                    (long) rule.minSlabs() * Sizes.times(c.pagesPerSlab(), pageSize));
            if (v.suspect()) {
                if (suspects == null) suspects = new ArrayList<>();
                suspects.add(i);
            }
            rows.add(new CacheRow(c, at, size, c.activeBytes(),
                    sizeFit == null ? null : sizeFit.slope(),
                    objFit == null ? null : objFit.slope(),
                    size - (based ? ser.baseSize : 0), c.activeObjs() - (based ? ser.baseObjs : 0), v.suspect(), v,
                    trend(ser.a, pageSize)));
        }
        reclaimFloors.add(bucket, clampInt(reclaimPages));
        if (suspects != null) {
            for (int i : suspects) rows.set(i, masked(rows.get(i)));
        }
        lastIds = ids;
        lastSeries = found;
        MemInfo mem = s.mem();
        Totals totals = new Totals(mem,
                memRate(slabKb, mem.slabKb(), slot, overwrite),
                memRate(sUnreclaimKb, mem.sUnreclaimKb(), slot, overwrite),
                memRate(sReclaimableKb, mem.sReclaimableKb(), slot, overwrite),
                memRate(memAvailKb, mem.memAvailableKb(), slot, overwrite));
        List<LedgerRow> ledgerRows = ledger(mem, slot, overwrite, newBaseline, t);
        forgetVanished(slot, overwrite);
        return new Analysis(identity, s, rows, totals, windowS, intervalS, samplesSeen, ledgerRows, rule);
    }

    private Double memRate(Series ser, Long kb, int slot, boolean overwrite) {
        if (!overwrite || ser.lastSeq != seq) ser.a.set(slot, MISSING);
        if (kb == null) return null;
        ser.a.set(slot, clampInt(kb));
        ser.lastSeq = seq;
        Fit f = fit(ser.a, 1);
        return f == null ? null : f.slope();
    }

    /** The ledger's lines of this sample, with their rates and verdicts; none without meminfo. */
    private List<LedgerRow> ledger(MemInfo mem, int slot, boolean overwrite, boolean newBaseline, double t) {
        List<LedgerRow> out = new ArrayList<>(ledger.length);
        long total = mem.memTotalKb() == null ? 0 : mem.memTotalKb() * 1024;
        for (Ledger line : Ledger.values()) {
            Series ser = ledger[line.ordinal()];
            if (!overwrite || ser.lastSeq != seq) ser.a.set(slot, MISSING);
            Long kb = line.kb(mem);
            if (kb == null) continue;
            ser.a.set(slot, clampInt(kb));
            ser.lastSeq = seq;
            long bytes = kb * 1024;
            if (newBaseline || ser.baseGen < 0) {
                ser.baseGen = baselineGen;
                ser.baseSize = bytes;
            }
            Fit f = fit(ser.a, 1024);
            LeakRule.Verdict v = verdict(ser, clampInt(kb), t, 1024, !line.kernel(), LEDGER_MIN_GROWTH);
            out.add(new LedgerRow(line, bytes, f == null ? null : f.slope(), bytes - ser.baseSize, v, total));
        }
        return out;
    }

    /**
     * The leak rule's verdict on a series after adding {@code value} (in units of {@code scale}
     * bytes) at time {@code t}, with how long its floors have been rising.
     */
    private LeakRule.Verdict verdict(Series ser, int value, double t, long scale, boolean reclaimable, long minBytes) {
        ser.floors.add(bucket, value);
        if (Double.isNaN(ser.firstT)) ser.firstT = t;
        if (samplesSeen < 2) return LeakRule.UNKNOWN;
        LeakRule.Verdict v = LeakRule.judge(rule, ser.floors, bucket, scale, t - ser.firstT, reclaimable, minBytes, parts);
        boolean rising = v.level() != LeakRule.Level.NONE || v.kind() == LeakRule.Kind.RECLAIMABLE;
        if (!rising) {
            ser.risingSince = Double.NaN;
            return v;
        }
        // the floors rose through the span compared: the growth began at its oldest part's end at the latest
        double start = t - v.spanS() * (LeakRule.PARTS - 1) / LeakRule.PARTS;
        if (Double.isNaN(ser.risingSince) || start < ser.risingSince) ser.risingSince = start;
        return LeakRule.growingFor(v, t - ser.risingSince);
    }

    /** {@code r}, a suspect, only watched when the reclaimable caches outgrew it ({@link LeakRule#masked}). */
    private CacheRow masked(CacheRow r) {
        LeakRule.Verdict v = r.verdict();
        int span = (int) Math.round(v.spanS() / rule.bucketS());
        LeakRule.Verdict m = LeakRule.masked(v, reclaimFloors.partFloors(bucket, span, LeakRule.PARTS, reclaimParts)
                ? reclaimParts : null, reclaimFloors.bucketFloor(bucket), identity.pageSize());
        if (m == v) return r;
        return new CacheRow(r.cache(), r.attrs(), r.sizeBytes(), r.activeBytes(), r.growthBytesPerS(),
                r.growthObjsPerS(), r.deltaBytes(), r.deltaObjs(), m.suspect(), m, r.trend());
    }

    private void forgetVanished(int slot, boolean overwrite) {
        Iterator<Map.Entry<CacheId, Series>> it = series.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<CacheId, Series> e = it.next();
            Series ser = e.getValue();
            if (overwrite && ser.lastSeq == seq && ser.touched != samplesSeen) {
                // present in the slot this sample replaced, absent now
                ser.a.set(slot, MISSING);
                ser.b.set(slot, MISSING);
                ser.lastSeq = seq - 1;
            }
            if (seq - e.getValue().lastSeq >= capacity) it.remove();
        }
    }

    /**
     * Finds the slots inside the window ending at the newest one, and where the trend points
     * fall: only the times decide, so this is done once per refresh, not once per cache.
     */
    private void prepareWindow() {
        double tNow = times[slot(seq)];
        long oldest = Math.max(0, seq - capacity + 1);
        winCount = 0;
        for (long q = seq; q >= oldest; q--) {
            int sl = slot(q);
            double tq = times[sl];
            if (tNow - tq > windowS + 1e-9) break;
            winSlot[winCount] = sl;
            winDt[winCount] = tq - tNow;
            winCount++;
        }
        winTimes.of(winDt, winCount);
        // Evenly spaced points across the window, newest last.
        double step = windowS / (TREND_POINTS - 1);
        long q = seq;
        for (int k = TREND_POINTS - 1; k >= 0; k--) {
            double target = tNow - (TREND_POINTS - 1 - k) * step;
            while (q > oldest && times[slot(q)] > target + 1e-9) q--;
            int sl = slot(q);
            trendSlot[k] = sl;
            trendInWindow[k] = !(times[sl] > target + 1e-9 || tNow - times[sl] > windowS + 1e-9);
        }
    }

    /** Least-squares fit of the values inside the window ending at the newest slot. */
    private Fit fit(Ring values, long scale) {
        values.copy(winSlot, winCount, winValues);
        acc.reset();
        acc.addAll(winValues, scale, MISSING, inOrder, winDt, winCount, winTimes);
        return acc.fit();
    }

    private long[] trend(Ring values, long scale) {
        long[] out = new long[TREND_POINTS];
        int n = 0;
        for (int k = TREND_POINTS - 1; k >= 0; k--) {
            int v = values.get(trendSlot[k]);
            if (!trendInWindow[k] || v == MISSING) {
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
