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

    public static Verdict judge(Fit sizeFit, double windowS, boolean reclaimable, long slabBytes) {
        if (sizeFit == null) return new Verdict(false, "rate unknown (one sample)");
        if (sizeFit.points() < MIN_POINTS || sizeFit.span() < windowS * MIN_COVERAGE) {
            return new Verdict(false, String.format("window not covered yet (%d samples over %.0fs of %.0fs)",
                    sizeFit.points(), sizeFit.span(), windowS));
        }
        double grown = sizeFit.last() - sizeFit.first();
        if (sizeFit.slope() <= 0 || grown < Math.max(1, slabBytes)) {
            return new Verdict(false, "not growing over the window");
        }
        String growth = String.format("grew %s in %.0fs at %s, r^2=%.2f",
                Units.bytes((long) grown), sizeFit.span(), Units.rate(sizeFit.slope()), sizeFit.r2());
        if (sizeFit.r2() < MIN_R2) return new Verdict(false, growth + ": not steady");
        if (reclaimable) return new Verdict(false, growth + ", but reclaimable");
        return new Verdict(true, growth + ", not reclaimable");
    }
}
