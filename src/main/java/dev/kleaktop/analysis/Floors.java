package dev.kleaktop.analysis;

import java.util.Arrays;

/**
 * The floors of one series over the verdict's horizon: the least value seen in each of
 * {@link LeakRule#BUCKETS} buckets of time, newest last, in a ring of fixed size (memory does
 * not grow with run time). Buckets are numbered by the analyzer from its first sample; one
 * without a value is {@link #MISSING}.
 */
final class Floors {
    static final int MISSING = -1;
    private final int[] min = new int[LeakRule.BUCKETS];
    private long last = Long.MIN_VALUE;
    /** The first bucket with a value: a span reaching before it is not covered. */
    private long first = Long.MIN_VALUE;

    Floors() { Arrays.fill(min, MISSING); }

    /** A value seen in {@code bucket}, which is not older than the newest added. */
    void add(long bucket, int value) {
        int n = min.length;
        if (first == Long.MIN_VALUE) first = bucket;
        if (bucket > last) {
            long from = last == Long.MIN_VALUE ? bucket : Math.max(last + 1, bucket - n + 1);
            for (long q = from; q <= bucket; q++) min[slot(q)] = MISSING;
            last = bucket;
        }
        if (bucket <= last - n) return;
        int sl = slot(bucket);
        if (min[sl] == MISSING || value < min[sl]) min[sl] = value;
    }

    /**
     * The floors of the newest {@code span} buckets up to {@code now}, cut into {@code parts}
     * equal parts, oldest first, into {@code into}; false when a part has no value (not
     * watched that long, or the series was absent).
     */
    boolean partFloors(long now, int span, int parts, long[] into) {
        return partFloors(now, span, parts, into, false);
    }

    /**
     * {@link #partFloors(long, int, int, long[])}; with {@code allowEmpty} a part without a
     * value is {@link #MISSING} rather than the end of it (false only when the span is not
     * covered).
     */
    boolean partFloors(long now, int span, int parts, long[] into, boolean allowEmpty) {
        int n = min.length;
        if (span > n || span % parts != 0 || now - last >= n) return false;
        int len = span / parts;
        long first = now - span + 1;
        // watched for the whole span: the oldest part's floor is not the cache's first moments
        if (first < this.first) return false;
        // buckets past the newest value (the series absent lately) have none; one walk of the
        // ring's slots, no division per bucket: this runs for every cache at every refresh
        long top = Math.min(now, last), bottom = last - n + 1;
        int sl = slot(first);
        long q = first;
        for (int k = 0; k < parts; k++) {
            long lo = Long.MAX_VALUE;
            for (long end = q + len; q < end; q++) {
                if (q <= top && q >= bottom) {
                    int v = min[sl];
                    if (v != MISSING && v < lo) lo = v;
                }
                if (++sl == n) sl = 0;
            }
            if (lo == Long.MAX_VALUE && !allowEmpty) return false;
            into[k] = lo == Long.MAX_VALUE ? MISSING : lo;
        }
        return true;
    }

    /** The floor of bucket {@code q}, or {@link #MISSING}. */
    long bucketFloor(long q) {
        if (q > last || q <= last - min.length) return MISSING;
        return min[slot(q)];
    }

    private int slot(long q) { return (int) Math.floorMod(q, (long) min.length); }
}
