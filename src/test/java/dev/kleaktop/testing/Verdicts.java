package dev.kleaktop.testing;

import dev.kleaktop.analysis.LeakRule;

/** Verdicts for rows made by hand in tests. */
public final class Verdicts {
    private Verdicts() {}

    /** A verdict that says what {@code suspect} says: a suspect, or a cache that is not growing. */
    public static LeakRule.Verdict of(boolean suspect) {
        return new LeakRule.Verdict(suspect ? LeakRule.Kind.SUSPECT : LeakRule.Kind.NOT_GROWING, 0, 0, 0, 0, 0, 0);
    }
}
