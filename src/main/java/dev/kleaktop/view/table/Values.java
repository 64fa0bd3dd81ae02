package dev.kleaktop.view.table;

/** Helpers for the raw values and sort keys columns declare, the same for every table. */
public final class Values {
    private Values() {}

    /** Rounds a rate to one decimal so output is stable; null (and NaN, infinities) become null. */
    public static Double round1(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) return null;
        // past 10^15 a double has no tenths to round, and v * 10 would pass Long.MAX_VALUE
        // (Math.round would clamp it: a rate of 9e18 written as 9.2e17)
        if (Math.abs(v) >= 1e15) return v;
        return Math.round(v * 10.0) / 10.0;
    }

    /**
     * {@code Double.compare}'s order as signed longs, for a sort key; null below every number
     * (Long.MIN_VALUE is no double's).
     */
    public static long orderedBits(Double d) {
        if (d == null) return Long.MIN_VALUE;
        long b = Double.doubleToLongBits(d);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    /** A nullable count as a sort key: null below every value. */
    public static long nullsLow(Long v) { return v == null ? Long.MIN_VALUE : v; }
}
