package dev.kleaktop.source.parse;

/**
 * Parses /proc/uptime ({@code 1234.56 2000.00}): the seconds since boot, its first field.
 * Only a finite, non-negative number is an uptime; anything else ({@code NaN},
 * {@code Infinity}, {@code 1e999}, {@code -5}, words) is unknown, so that no consumer (the
 * json outputs, snapshot files, the kernel log's wall clock) is handed a value that is not a
 * time.
 */
public final class UptimeParser {
    private UptimeParser() {}

    /** The uptime in seconds, or null when the first field is not one. */
    public static Double parse(String line) {
        String s = line.strip();
        int sp = 0;
        while (sp < s.length() && s.charAt(sp) != ' ' && s.charAt(sp) != '\t') sp++;
        String first = s.substring(0, sp);
        // Double.parseDouble also takes "NaN", "Infinity", hex floats and a trailing 'd'
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if ((c < '0' || c > '9') && c != '.') return null;
        }
        try {
            double v = Double.parseDouble(first);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
