package dev.kleaktop.analysis;

/**
 * The leak-suspect rule. A cache is a leak suspect when all of these hold over the rate
 * window:
 * <ol>
 *   <li>it is not reclaimable: /sys/kernel/slab/NAME/reclaim_account is not 1 (dentry and
 *       inode caches are reclaimable: they grow and shrink with the page cache, by design);</li>
 *   <li>the window is covered: at least {@value #MIN_POINTS} samples spanning at least half
 *       of the window;</li>
 *   <li>it grows: the least-squares slope of size_bytes is positive and the size at the end
 *       of the window exceeds the size at its start by at least one slab;</li>
 *   <li>the growth is sustained: the straight line explains at least
 *       {@value #MIN_R2} of the variance (r&sup2;), so one burst is not a leak.</li>
 * </ol>
 * Reclaimable caches and caches whose sysfs attributes are unknown are judged by the same
 * rule, except that a reclaimable cache is never flagged.
 */
public final class LeakRule {
    public static final int MIN_POINTS = 5;
    public static final double MIN_R2 = 0.8;
    public static final double MIN_COVERAGE = 0.5;

    /** One-line statement of the rule, for the help screen and the man page. */
    public static final String SUMMARY =
            "leak suspect (!) = not reclaimable, and over the rate window (>= " + MIN_POINTS
            + " samples spanning >= half the window) size_bytes grew by at least one slab"
            + " with a positive least-squares slope and r^2 >= " + MIN_R2;

    private LeakRule() {}

    /** What the rule found, from the first test that decided it. */
    public enum Kind {
        /** One sample: no rate yet. */
        UNKNOWN,
        /** Too few samples, or too short a span of the window. */
        NOT_COVERED,
        /** No positive slope, or less than a slab of growth. */
        NOT_GROWING,
        /** Grew, but the straight line explains too little of it (r&sup2;). */
        NOT_STEADY,
        /** Grew steadily, but the cache is reclaimable. */
        RECLAIMABLE,
        /** Grew steadily and is not reclaimable: a leak suspect. */
        SUSPECT
    }

    /**
     * The verdict, as numbers: what decided it and the figures behind it ({@code view}'s
     * {@code VerdictText} puts them in words, as {@code leak_reason} and the details show).
     *
     * @param points     samples in the window
     * @param spanS      seconds they span
     * @param windowS    the rate window
     * @param grownBytes size at the end of the window minus size at its start
     * @param slope      least-squares slope of the size, bytes per second
     * @param r2         how much of the variance the line explains
     */
    public record Verdict(Kind kind, int points, double spanS, double windowS, double grownBytes, double slope,
                          double r2) {
        /** Whether the cache is flagged ({@code !}). */
        public boolean suspect() { return kind == Kind.SUSPECT; }
    }

    private static final Verdict UNKNOWN = new Verdict(Kind.UNKNOWN, 0, 0, 0, 0, 0, 0);
    private static final Verdict NOT_GROWING = new Verdict(Kind.NOT_GROWING, 0, 0, 0, 0, 0, 0);

    public static Verdict judge(Fit sizeFit, double windowS, boolean reclaimable, long slabBytes) {
        return judge(sizeFit, windowS, reclaimable, slabBytes, new Memo());
    }

    /**
     * The verdicts of one refresh repeat: every cache present throughout has the same points
     * and span, so while the window fills they all get the same verdict. An analyzer keeps one
     * memo and makes that verdict once per refresh rather than once per cache.
     */
    static final class Memo {
        private Verdict notCovered;

        Verdict notCovered(Fit f, double windowS) {
            Verdict v = notCovered;
            if (v == null || f.points() != v.points() || Double.compare(f.span(), v.spanS()) != 0
                    || Double.compare(windowS, v.windowS()) != 0) {
                notCovered = v = new Verdict(Kind.NOT_COVERED, f.points(), f.span(), windowS, 0, 0, 0);
            }
            return v;
        }
    }

    static Verdict judge(Fit sizeFit, double windowS, boolean reclaimable, long slabBytes, Memo memo) {
        if (sizeFit == null) return UNKNOWN;
        if (sizeFit.points() < MIN_POINTS || sizeFit.span() < windowS * MIN_COVERAGE) {
            return memo.notCovered(sizeFit, windowS);
        }
        double grown = sizeFit.last() - sizeFit.first();
        if (sizeFit.slope() <= 0 || grown < Math.max(1, slabBytes)) {
            return NOT_GROWING;
        }
        Kind k = sizeFit.r2() < MIN_R2 ? Kind.NOT_STEADY : reclaimable ? Kind.RECLAIMABLE : Kind.SUSPECT;
        return new Verdict(k, sizeFit.points(), sizeFit.span(), windowS, grown, sizeFit.slope(), sizeFit.r2());
    }
}
