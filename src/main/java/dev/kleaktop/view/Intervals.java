package dev.kleaktop.view;

import dev.kleaktop.analysis.LeakRule;

/**
 * The screen's refresh intervals: the steps of {@code +} and {@code -}, and so the range
 * {@code -d} accepts for the screen (one place for both, so the command line never starts the
 * screen at an interval the keys cannot come back to), and whether an interval is too long
 * for the rate window to ever hold a leak verdict.
 */
public final class Intervals {
    /** The steps of {@code +} and {@code -}, in seconds. */
    static final double[] STEPS = {0.5, 1, 2, 3, 5, 10, 15, 30, 60};
    public static final double MIN = STEPS[0];
    public static final double MAX = STEPS[STEPS.length - 1];

    private Intervals() {}

    /** Whether the screen takes this interval ({@link #MIN} to {@link #MAX} seconds). */
    public static boolean onScreen(double s) {
        return s >= MIN && s <= MAX;
    }

    /** {@code 0.5s to 60s}. */
    public static String range() {
        return Units.seconds(MIN) + " to " + Units.seconds(MAX);
    }

    /**
     * The next step up ({@code dir > 0}) or down from {@code s}, or {@code s} itself at the
     * end of the steps. From an interval between two steps (say {@code -d 7}) the keys go to
     * the neighbouring steps (10 or 5).
     */
    static double step(double s, int dir) {
        if (dir > 0) {
            for (double v : STEPS) {
                if (v > s + 1e-9) return v;
            }
        } else {
            for (int i = STEPS.length - 1; i >= 0; i--) {
                if (STEPS[i] < s - 1e-9) return STEPS[i];
            }
        }
        return s;
    }

    /**
     * Why no cache can ever be flagged at this interval with this window, or null when one
     * can. The leak rule wants {@link LeakRule#MIN_POINTS} samples inside the window (the
     * Analyzer keeps those at most {@code window} seconds older than the newest). Samples
     * come at least one whole interval apart (the sampler waits an interval after each
     * refresh, and a refresh takes time), so five samples span at least four intervals plus
     * that time: the window has to be longer than four intervals, strictly. At or past that
     * bound the fifth sample is always just outside.
     */
    public static String verdictWarning(double intervalS, double windowS) {
        int gaps = LeakRule.MIN_POINTS - 1;
        if (intervalS * gaps < windowS) return null;
        return "at " + Units.seconds(intervalS) + " between refreshes no cache can be flagged as a leak: the"
                + " leak rule needs " + LeakRule.MIN_POINTS + " samples inside the " + Units.seconds(windowS)
                + " window (-w), so the interval must be under " + Units.seconds(round(windowS / gaps))
                + " (window / " + gaps + ")";
    }

    /** One decimal at most, as {@link Units#seconds} prints it. */
    private static double round(double s) {
        return Math.round(s * 10) / 10.0;
    }
}
