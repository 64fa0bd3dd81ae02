package dev.kleaktop.analysis;

import dev.kleaktop.view.Units;

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

    /** The verdict and the reason in words. */
    public record Verdict(boolean suspect, String why) {}

    private static final Verdict UNKNOWN = new Verdict(false, "rate unknown (one sample)");
    private static final Verdict NOT_GROWING = new Verdict(false, "not growing over the window");

    public static Verdict judge(Fit sizeFit, double windowS, boolean reclaimable, long slabBytes) {
        return judge(sizeFit, windowS, reclaimable, slabBytes, new Memo());
    }

    /**
     * The verdicts of one refresh repeat: every cache present throughout has the same points
     * and span, so while the window fills they all get the same words. An analyzer keeps one
     * memo and formats that message once per refresh rather than once per cache.
     */
    static final class Memo {
        private int points = -1;
        private double span = Double.NaN;
        private double windowS = Double.NaN;
        private Verdict notCovered;

        Verdict notCovered(Fit f, double windowS) {
            if (f.points() != points || Double.compare(f.span(), span) != 0 || Double.compare(windowS, this.windowS) != 0) {
                points = f.points();
                span = f.span();
                this.windowS = windowS;
                notCovered = new Verdict(false, String.format(java.util.Locale.ROOT, "window not covered yet (%d samples over %.0fs of %.0fs)",
                        points, span, windowS));
            }
            return notCovered;
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
        String growth = String.format(java.util.Locale.ROOT, "grew %s in %.0fs at %s, r^2=%.2f",
                Units.bytes((long) grown), sizeFit.span(), Units.rate(sizeFit.slope()), sizeFit.r2());
        if (sizeFit.r2() < MIN_R2) return new Verdict(false, growth + ": not steady");
        if (reclaimable) return new Verdict(false, growth + ", but reclaimable");
        return new Verdict(true, growth + ", not reclaimable");
    }
}
