package dev.kleaktop.view;

import java.util.Locale;

/** Human units as top and slabtop print them: 1024-based, one decimal from K upwards. */
public final class Units {
    private static final String[] SUFFIX = {"", "K", "M", "G", "T", "P", "E"};

    private Units() {}

    /** {@code 512B}, {@code 1.2K}, {@code 161.0M}. */
    public static String bytes(long b) {
        // Long.MIN_VALUE has no positive twin: shown as the largest negative size, not recursed on
        if (b < 0) return "-" + bytes(b == Long.MIN_VALUE ? Long.MAX_VALUE : -b);
        if (b < 1024) return b + "B";
        double v = b;
        int i = 0;
        while (v >= 1024 && i < SUFFIX.length - 1) {
            v /= 1024;
            i++;
        }
        if (v >= 999.95 && i < SUFFIX.length - 1) {
            v /= 1024;
            i++;
        }
        if (i <= 3) return tenths(b, i) + SUFFIX[i];
        return String.format(Locale.ROOT, "%.1f%s", v, SUFFIX[i]);
    }

    /**
     * {@code b / 1024^i} with one decimal, as {@code %.1f} prints it, without a Formatter
     * (this runs for several columns of every row of every refresh). For {@code i <= 3} the
     * quotient is an exact double with at most 30 fractional bits, so it lies at least
     * {@code 1 / (20 * 2^30)} from any rounding tie {@code k + 0.05}, far more than half an
     * ulp: rounding half up in integers gives the very digits Formatter's decimal rounding does.
     */
    private static String tenths(long b, int i) {
        int shift = 10 * i;
        long t = (b * 10 + (1L << (shift - 1))) >> shift;
        return (t / 10) + "." + (t % 10);
    }

    /** A size without the byte suffix, for tight columns: {@code 512}, {@code 1.2K}. */
    public static String bytesShort(long b) {
        String s = bytes(b);
        return s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
    }

    /** Signed bytes: {@code +1.2M}, {@code -4.0K}, {@code 0}. */
    public static String signedBytes(long b) {
        if (b == 0) return "0";
        return (b > 0 ? "+" : "-") + bytesShort(b == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(b));
    }

    /** A byte rate per second: {@code +12.1K/s}, {@code +310/s}, {@code -} when unknown. */
    public static String rate(Double bytesPerS) {
        if (bytesPerS == null || bytesPerS.isNaN()) return "-";
        long r = Math.round(bytesPerS);
        if (r == 0) return "0/s";
        return signedBytes(r) + "/s";
    }

    /** A kB-per-second rate shown per minute, as the header does: {@code +3.4M/min}. */
    public static String kbRatePerMin(Double kbPerS) {
        if (kbPerS == null || kbPerS.isNaN()) return "";
        long perMin = Math.round(kbPerS * 60 * 1024);
        if (perMin == 0) return "0/min";
        return signedBytes(perMin) + "/min";
    }

    /** An object count rate: {@code +12.3/s}, {@code -}. */
    public static String objRate(Double perS) {
        if (perS == null || perS.isNaN()) return "-";
        if (Math.abs(perS) < 0.05) return "0/s";
        return String.format(Locale.ROOT, "%+.1f/s", perS);
    }

    /** Uptime as top prints it compactly: {@code 3d4h}, {@code 5h12m}, {@code 7m}. */
    public static String uptime(Double seconds) {
        if (seconds == null) return "-";
        long s = seconds.longValue();
        long d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;
        if (d > 0) return d + "d" + h + "h";
        if (h > 0) return h + "h" + m + "m";
        return m + "m";
    }

    /**
     * How long ago, compactly, as a list of saved files shows it: {@code 45s}, {@code 12m},
     * {@code 3h12m}, {@code 2d3h}. A negative age (a file from the future: a clock was
     * wrong) is {@code in the future}.
     */
    public static String age(long seconds) {
        if (seconds < 0) return "in the future";
        long d = seconds / 86400, h = (seconds % 86400) / 3600, m = (seconds % 3600) / 60;
        if (d > 0) return d + "d" + h + "h";
        if (h > 0) return h + "h" + m + "m";
        if (m > 0) return m + "m";
        return seconds + "s";
    }

    /** A duration in seconds without needless decimals: {@code 3s}, {@code 0.5s}. */
    public static String seconds(double s) {
        if (s == Math.rint(s)) return (long) s + "s";
        return String.format(Locale.ROOT, "%.1fs", s);
    }
}
