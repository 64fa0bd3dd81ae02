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

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) b.append('0');
        return b.append(s);
    }
}
