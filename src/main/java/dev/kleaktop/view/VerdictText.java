package dev.kleaktop.view;

import dev.kleaktop.analysis.LeakRule;
import java.util.Locale;

/**
 * The leak verdict in words, one line per cache: {@code leak_reason} in json and csv, the
 * {@code leak rule} line of the details. Numbers are the same in every locale.
 */
public final class VerdictText {
    private VerdictText() {}

    public static String why(LeakRule.Verdict v) {
        switch (v.kind()) {
            case UNKNOWN:
                return "rate unknown (one sample)";
            case NOT_COVERED:
                return String.format(Locale.ROOT, "window not covered yet (%d samples over %.0fs of %.0fs)",
                        v.points(), v.spanS(), v.windowS());
            case NOT_GROWING:
                return "not growing over the window";
            default:
                break;
        }
        String growth = String.format(Locale.ROOT, "grew %s in %.0fs at %s, r^2=%.2f",
                Units.bytes((long) v.grownBytes()), v.spanS(), Units.rate(v.slope()), v.r2());
        switch (v.kind()) {
            case NOT_STEADY: return growth + ": not steady";
            case RECLAIMABLE: return growth + ", but reclaimable";
            default: return growth + ", not reclaimable";
        }
    }
}
