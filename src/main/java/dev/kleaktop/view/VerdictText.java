package dev.kleaktop.view;

import dev.kleaktop.analysis.LeakRule;
import java.util.Locale;

/**
 * The leak verdict in words, one line per cache: {@code leak_reason} in json and csv, the
 * {@code leak rule} line of the details. Numbers are the same in every locale.
 */
public final class VerdictText {
    private VerdictText() {}

    /** {@code leak_level}: {@code suspect}, {@code growing} or {@code none}. */
    public static String level(LeakRule.Verdict v) {
        return v.level().name().toLowerCase(Locale.ROOT);
    }

    /** {@code 45s}, {@code 12m}, {@code 3h12m}. */
    static String duration(double s) {
        return s < 60 ? Units.seconds(Math.round(s)) : Units.uptime(s);
    }

    public static String why(LeakRule.Verdict v) {
        switch (v.kind()) {
            case UNKNOWN:
                return "nothing to judge yet (one sample)";
            case NOT_COVERED:
                return String.format(Locale.ROOT, "watched %s of the %s horizon: too short to judge yet",
                        Units.seconds(Math.floor(v.coveredS())), Units.seconds(v.horizonS()));
            case NOT_GROWING:
                return "not growing: its floor did not rise quarter after quarter of the " + Units.seconds(v.horizonS())
                        + " horizon, nor of its newer half";
            default:
                break;
        }
        String growth = String.format(Locale.ROOT, "floor rose %s over %s (%s)%s",
                Units.bytes((long) v.grownBytes()), Units.seconds(v.spanS()), Units.rate(v.floorRate()),
                v.growingForS() > 0 ? ", growing for " + duration(v.growingForS()) : "");
        switch (v.kind()) {
            case GROWING:
                return "growing, watching: " + growth + "; a suspect needs " + Units.bytes((long) v.neededBytes());
            case MASKED:
                return "growing, watching: " + growth + "; the reclaimable caches grew " + Units.bytes(
                        (long) v.reclaimableGrownBytes()) + " over it: it may be their dentries' and inodes' data";
            case UNEVEN:
                return "growing, watching: " + growth + ", but mostly in one step, not quarter after quarter";
            case RECLAIMABLE: return growth + ", but reclaimable";
            default: return "leak suspect: " + growth + ", not reclaimable";
        }
    }
}
