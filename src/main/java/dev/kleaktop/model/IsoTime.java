package dev.kleaktop.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} for instants whole to the millisecond, written directly: the
 * ISO formatter behind {@code toString} costs milliseconds to set up, and a one-shot command
 * formats a few dozen times (the OOM events of the kernel log) before it exits.
 */
public final class IsoTime {
    private IsoTime() {}

    /** Exactly what {@code t.truncatedTo(MILLIS).toString()} gives. */
    public static String millis(Instant t) {
        long sec = t.getEpochSecond();
        int ms = t.getNano() / 1_000_000;
        long day = Math.floorDiv(sec, 86_400L);
        int secOfDay = (int) Math.floorMod(sec, 86_400L);
        LocalDate d = LocalDate.ofEpochDay(day);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return Instant.ofEpochSecond(sec, ms * 1_000_000L).toString();
        }
        StringBuilder b = new StringBuilder(24);
        pad(b, year, 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2).append('T');
        pad(b, secOfDay / 3600, 2).append(':');
        pad(b, secOfDay / 60 % 60, 2).append(':');
        pad(b, secOfDay % 60, 2);
        if (ms != 0) pad(b.append('.'), ms, 3);
        return b.append('Z').toString();
    }

    /**
     * The instant of a string {@link #millis} writes ({@code 2026-11-26T06:21:57.123Z}, the
     * fraction optional, up to nine digits); null for any other form, which the caller then
     * parses in full. The screen turns dozens of event times into clock times at start.
     */
    public static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), min = digits(s, 14, 2), sec = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour > 23 || min > 59 || sec > 59) return null;
        int nanos = 0;
        if (n > 20) {
            int fracLen = n - 21;
            if (s.charAt(19) != '.' || fracLen < 1 || fracLen > 9) return null;
            int f = digits(s, 20, fracLen);
            if (f < 0) return null;
            for (int i = fracLen; i < 9; i++) f *= 10;
            nanos = f;
        } else if (n != 20) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return null; // a day the month does not have
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + min * 60L + sec, nanos);
    }

    /** The decimal number in {@code s[from, from+len)}; -1 when any of it is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) b.append('0');
        return b.append(s);
    }
}
