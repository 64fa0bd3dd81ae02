package dev.kleaktop.view;

import dev.kleaktop.analysis.LeakRule;

/**
 * The screen's refresh intervals: the steps of {@code +} and {@code -}, and so the range
 * {@code -d} accepts for the screen (one place for both, so the command line never starts the
 * screen at an interval the keys cannot come back to), and whether an interval is too long
 * for the verdict's horizon to ever hold a leak verdict.
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
     * Why no cache can ever be flagged at this interval with this verdict horizon, or null
     * when one can. The leak rule compares the floors of the horizon's {@link LeakRule#PARTS}
     * parts, and a part without a sample has no floor; samples come at least one whole
     * interval apart, so an interval of a part and a bucket or more leaves parts empty.
     */
    public static String verdictWarning(double intervalS, double horizonS) {
        double most = longest(horizonS);
        if (intervalS < most) return null;
        return "at " + Units.seconds(intervalS) + " between refreshes no cache can be flagged as a leak: the"
                + " leak rule needs a sample in each of the " + LeakRule.PARTS + " parts of the "
                + Units.seconds(horizonS) + " horizon (--horizon), so the interval must be under "
                + Units.seconds(round(most));
    }

    /**
     * The interval from which some part of the horizon always goes without a sample: the
     * {@link LeakRule#PARTS} parts need as many samples, the first in the oldest part and the
     * last in the newest, so at most the horizon and its newest, partial bucket
     * ({@code horizon / 32}) apart: {@code PARTS - 1} intervals must fit in that.
     */
    static double longest(double horizonS) {
        return (horizonS + horizonS / LeakRule.BUCKETS_PUBLIC) / (LeakRule.PARTS - 1);
    }

    /** One decimal at most, as {@link Units#seconds} prints it. */
    private static double round(double s) {
        return Math.round(s * 10) / 10.0;
    }
}
