package dev.kleaktop.analysis;

/**
 * The leak verdict: a leak is growth that never comes back, so its low point keeps rising for
 * as long as one watches. The rule looks at a horizon of minutes ({@code --horizon}, separate
 * from the rate window that ranks caches) cut into {@value #PARTS} equal parts, and at the
 * <em>floor</em> of each part: the least size any sample in it saw.
 * <ol>
 *   <li><b>growing, watching</b>: the floors rise part after part (each above the one before)
 *       over the horizon or over its newer half;</li>
 *   <li><b>leak suspect</b> ({@code !}): they rise so, evenly, over the whole horizon by at
 *       least the minimum growth (the larger of {@code --min-growth} slabs and
 *       {@code --min-growth-pct} of the first part's floor), or over its newer half by
 *       {@value #FAST_FACTOR} times the slabs (a fast leak is named in half the time); unless
 *       the reclaimable caches grew {@value #MASK_RATIO} times as much meanwhile;</li>
 *   <li>a reclaimable cache (reclaim_account, or by name without sysfs) is never a suspect:
 *       dentries and inodes grow and shrink with the page cache by design.</li>
 * </ol>
 * Churn (processes, bios, requests in flight) comes back between bursts, so its floors stay
 * flat however high its peaks go; a leak, even a slow one, raises every floor. When the
 * growth stops and the cache shrinks, the newest part's floor drops and the flag goes within
 * a part of the horizon.
 */
public final class LeakRule {
    /** Parts of the horizon whose floors must rise one after the other. */
    public static final int PARTS = 4;
    /** The newer half of the horizon names a leak that grows this many times the minimum slabs. */
    public static final int FAST_FACTOR = 12;
    /**
     * A suspect's floors rise evenly: the least rise between two quarters is at least one
     * {@value}th of the mean rise between them (a step and a plateau is only watched).
     */
    public static final int EVEN_SHARE = 3;
    /**
     * A suspect whose growth the reclaimable caches outgrew this many times over the same span
     * is only watched: what grows with dentries and inodes (their LSM blobs, a filesystem's
     * extra data in kmalloc) goes when they are reclaimed.
     */
    public static final int MASK_RATIO = 10;
    /** Buckets the horizon keeps per series: {@value} floors, in {@link Floors}. */
    static final int BUCKETS = 32;
    /** {@link #BUCKETS}, for what depends on how the horizon is cut (the interval warning). */
    public static final int BUCKETS_PUBLIC = BUCKETS;

    /**
     * The rule's settings.
     *
     * @param horizonS    seconds the verdict looks back ({@code --horizon})
     * @param minSlabs    least growth, in slabs of the cache ({@code --min-growth})
     * @param minFraction least growth, as a fraction of the first part's floor ({@code --min-growth-pct} / 100)
     * @param minBytes    least growth in bytes, whatever the cache ({@code --min-growth-kib} * 1024): a
     *                    few slabs of a small cache also come and go with the processes that hold them
     */
    public record Settings(double horizonS, int minSlabs, double minFraction, long minBytes) {
        public static final Settings DEFAULT = new Settings(240, 6, 0.25, 96 << 10);

        public Settings {
            if (!(horizonS > 0)) throw new IllegalArgumentException("horizon must be positive");
            if (minSlabs < 1) throw new IllegalArgumentException("min growth must be at least one slab");
            if (!(minFraction >= 0)) throw new IllegalArgumentException("min growth fraction must not be negative");
            if (minBytes < 0) throw new IllegalArgumentException("min growth bytes must not be negative");
        }

        /** Settings with the default least growth in bytes. */
        public Settings(double horizonS, int minSlabs, double minFraction) {
            this(horizonS, minSlabs, minFraction, 96 << 10);
        }

        /** Seconds each of the horizon's buckets covers. */
        public double bucketS() { return horizonS / BUCKETS; }
    }

    /** One-line statement of the rule, for the help screen, the man page and the metrics' help. */
    public static String summary(Settings s) {
        return "leak suspect (!) = not reclaimable, and the floor of its size (the least of each quarter) rose"
                + " evenly quarter after quarter over the last " + seconds(s.horizonS()) + " by at least "
                + s.minSlabs() + " slabs, " + (s.minBytes() >> 10) + " KiB and " + percent(s.minFraction())
                + " of its size, or over the last "
                + seconds(s.horizonS() / 2) + " by " + FAST_FACTOR + "x the slabs, while the reclaimable caches grew"
                + " less than " + MASK_RATIO + "x as much; growing (+) = rising floors, not (yet) all of that";
    }

    /** The rule with its default settings, in one line. */
    public static final String SUMMARY = summary(Settings.DEFAULT);

    private static String seconds(double s) {
        return s == Math.rint(s) ? (long) s + "s" : String.format(java.util.Locale.ROOT, "%.1fs", s);
    }

    private static String percent(double f) {
        double p = f * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(java.util.Locale.ROOT, "%.2f", p)) + "%";
    }

    private LeakRule() {}

    /** What the rule found. */
    public enum Kind {
        /** One sample: nothing to judge yet. */
        UNKNOWN,
        /** Not watched long enough: the newer half of the horizon is not covered yet. */
        NOT_COVERED,
        /** The floors do not rise part after part. */
        NOT_GROWING,
        /** The floors rise, by less than the minimum growth so far: growing, watching. */
        GROWING,
        /** Enough growth, but the reclaimable caches grew {@link #MASK_RATIO} times as much: watching. */
        MASKED,
        /** Enough growth, but in one step and a plateau rather than quarter after quarter: watching. */
        UNEVEN,
        /** It would be a suspect, but the cache is reclaimable. */
        RECLAIMABLE,
        /** A leak suspect. */
        SUSPECT
    }

    /** How strongly a verdict points at a leak, for flags and {@code leak_level}. */
    public enum Level { NONE, GROWING, SUSPECT }

    /**
     * The verdict, as numbers ({@code view}'s {@code VerdictText} words it as {@code leak_reason}).
     *
     * @param coveredS     seconds of the horizon watched so far (at most the horizon)
     * @param horizonS     the horizon
     * @param spanS        the span the floors were compared over: the horizon or its newer half; 0 when none
     * @param grownBytes   the newest part's floor minus the oldest part's, over that span
     * @param neededBytes  the growth that span needs for a suspect
     * @param growingForS  how long the floors have been rising without a break (0 when they are not)
     * @param reclaimableGrownBytes how much the reclaimable caches' floor rose over the same span (MASKED)
     */
    public record Verdict(Kind kind, double coveredS, double horizonS, double spanS, double grownBytes,
                          double neededBytes, double growingForS, double reclaimableGrownBytes) {
        public Verdict(Kind kind, double coveredS, double horizonS, double spanS, double grownBytes,
                       double neededBytes, double growingForS) {
            this(kind, coveredS, horizonS, spanS, grownBytes, neededBytes, growingForS, 0);
        }

        /** Whether the cache is flagged ({@code !}). */
        public boolean suspect() { return kind == Kind.SUSPECT; }

        public Level level() {
            return switch (kind) {
                case SUSPECT -> Level.SUSPECT;
                case GROWING, MASKED, UNEVEN -> Level.GROWING;
                default -> Level.NONE;
            };
        }

        /** The floors' growth per second over the span compared (0 when none). */
        public double floorRate() {
            return spanS <= 0 ? 0 : grownBytes / (spanS * (PARTS - 1) / PARTS);
        }
    }

    static final Verdict UNKNOWN = new Verdict(Kind.UNKNOWN, 0, 0, 0, 0, 0, 0);

    /**
     * Judges a series from its floors.
     *
     * @param floors      the series' floors, in units of {@code scale} bytes
     * @param now         the newest bucket
     * @param coveredS    seconds the series has been watched
     * @param reclaimable whether it may be reclaimed (never a suspect)
     * @param minBytes    the least growth in bytes, whatever the size ({@code --min-growth} slabs of a cache)
     * @param into        scratch of {@link #PARTS} longs
     */
    static Verdict judge(Settings s, Floors floors, long now, long scale, double coveredS, boolean reclaimable,
                         long minBytes, long[] into) {
        double covered = Math.min(coveredS, s.horizonS());
        // the whole horizon names a slow leak; its newer half, at FAST_FACTOR times the growth, a fast one
        Verdict whole = over(s, floors, now, scale, covered, reclaimable, minBytes, into, BUCKETS, 1);
        if (whole != null && whole.level() == Level.SUSPECT || whole != null && whole.kind() == Kind.RECLAIMABLE) return whole;
        Verdict half = over(s, floors, now, scale, covered, reclaimable, minBytes, into, BUCKETS / 2, FAST_FACTOR);
        if (half != null && half.level() == Level.SUSPECT || half != null && half.kind() == Kind.RECLAIMABLE) return half;
        if (whole != null && whole != NOT_RISING) return whole;
        if (half != null && half != NOT_RISING) return half;
        // the newer half watched whole, its floors not rising: not growing; else too soon to say
        return new Verdict(half == NOT_RISING ? Kind.NOT_GROWING : Kind.NOT_COVERED, covered, s.horizonS(), 0, 0, 0, 0);
    }

    /** What {@link #over} says of floors that are all there but do not rise. */
    private static final Verdict NOT_RISING = new Verdict(Kind.NOT_GROWING, 0, 0, 0, 0, 0, 0);

    /**
     * The verdict over the newest {@code buckets}: null when their floors are not all there,
     * {@link #NOT_RISING} when they do not rise.
     */
    private static Verdict over(Settings s, Floors floors, long now, long scale, double covered, boolean reclaimable,
                                long minBytes, long[] into, int buckets, int factor) {
        if (!floors.partFloors(now, buckets, PARTS, into)) return null;
        for (int k = 1; k < PARTS; k++) if (into[k] <= into[k - 1]) return NOT_RISING;
        // and never back down at twice the resolution: processes started one after another
        // raise the quarters' floors too, but dip between the starts
        long[] fine = new long[2 * PARTS];
        boolean steady = floors.partFloors(now, buckets, 2 * PARTS, fine, true);
        long before = Floors.MISSING;
        for (int k = 0; k < fine.length && steady; k++) {
            if (fine[k] == Floors.MISSING) continue;  // an eighth without a sample (a long interval)
            steady = before == Floors.MISSING || fine[k] >= before;
            before = fine[k];
        }
        // grown: from the oldest part's floor to the newest bucket's (the latest low point)
        long newest = floors.bucketFloor(now);
        if (newest < into[PARTS - 1]) newest = into[PARTS - 1];
        double grown = (double) (newest - into[0]) * scale;
        double needed = Math.max(Math.max((double) minBytes * factor, s.minFraction() * into[0] * scale), s.minBytes());
        // evenly: the least rise between two quarters is at least EVEN_SHARE of their mean rise;
        // a step up and a plateau (a service that started) rises once, then barely
        long least = Long.MAX_VALUE;
        for (int k = 1; k < PARTS; k++) least = Math.min(least, into[k] - into[k - 1]);
        // (of the mean rise, or of the least growth spread over the quarters when that is more:
        // a few slabs up now and then is not a leak's steady climb)
        double rise = Math.max(into[PARTS - 1] - into[0], needed / scale);
        boolean even = (double) least * EVEN_SHARE * (PARTS - 1) >= rise;
        Kind k = grown < needed ? Kind.GROWING : !even || !steady ? Kind.UNEVEN
                : reclaimable ? Kind.RECLAIMABLE : Kind.SUSPECT;
        return new Verdict(k, covered, s.horizonS(), buckets * s.bucketS(), grown, needed, 0);
    }

    /** {@code v} with how long the floors have been rising. */
    static Verdict growingFor(Verdict v, double seconds) {
        return new Verdict(v.kind(), v.coveredS(), v.horizonS(), v.spanS(), v.grownBytes(), v.neededBytes(), seconds,
                v.reclaimableGrownBytes());
    }

    /**
     * {@code v}, a suspect, only watched when the reclaimable caches' floors rose
     * {@link #MASK_RATIO} times as much over its span ({@code reclaimable}, of {@link #PARTS}
     * floors in units of {@code scale} bytes; null when unknown).
     */
    static Verdict masked(Verdict v, long[] reclaimable, long newest, long scale) {
        if (v.kind() != Kind.SUSPECT || reclaimable == null) return v;
        // the highest floor, not the newest: deleting the files frees their inodes first, what
        // hangs on them a little later
        long top = Math.max(reclaimable[0], newest);
        for (long r : reclaimable) top = Math.max(top, r);
        double grown = (double) (top - reclaimable[0]) * scale;
        if (grown < MASK_RATIO * v.grownBytes()) return v;
        return new Verdict(Kind.MASKED, v.coveredS(), v.horizonS(), v.spanS(), v.grownBytes(), v.neededBytes(),
                v.growingForS(), grown);
    }
}
