package dev.kleaktop.model;

/**
 * Byte arithmetic that saturates instead of wrapping: the kernel's counts are read as
 * written, and a file in a captured tree (or a confused kernel) can hold counts whose product
 * does not fit a long. A size that would overflow is {@link Long#MAX_VALUE} (shown as
 * {@code 8.0E}), never a negative or a small wrapped number.
 */
public final class Sizes {
    private Sizes() {}

    /** {@code a * b}, or {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} when that does not fit. */
    public static long times(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return lo;
        return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** {@code a * b * c}, saturating. */
    public static long times(long a, long b, long c) { return times(times(a, b), c); }

    /** {@code a + b}, saturating. */
    public static long plus(long a, long b) {
        long r = a + b;
        // overflow only when both have the sign the result lacks
        if (((a ^ r) & (b ^ r)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        return r;
    }

    /** Kilobytes as meminfo and the kernel log count them ({@code kB} = 1024 bytes) in bytes, saturating. */
    public static long kbToBytes(long kb) { return times(kb, 1024); }
}
