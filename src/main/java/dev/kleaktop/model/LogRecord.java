package dev.kleaktop.model;

/**
 * One kernel log message, whatever it was read from (a /dev/kmsg record, a line of a saved
 * {@code dmesg}, syslog or journal file).
 *
 * <p>The text is the kernel's, raw and untrusted: it may hold control characters (kmsg
 * {@code \xNN} escapes are decoded back to the bytes they stand for). Whoever prints it must
 * escape it; nothing here does.
 *
 * @param seq      the kmsg sequence number, or -1 when the source has none
 * @param level    the log level 0 (emerg) .. 7 (debug), or -1 when unknown
 * @param uptimeS  seconds since boot as the kernel stamped it, or null when unknown
 * @param wallTime the wall-clock time as printed ({@code Jan  5 15:19:27}, ISO-8601, dmesg -T),
 *                 or null when unknown
 * @param text     the message itself, never null
 */
public record LogRecord(long seq, int level, Double uptimeS, String wallTime, String text) {
    public LogRecord {
        if (text == null) text = "";
    }

    /** A record that is only text: no sequence number, level or time. */
    public static LogRecord ofText(String text) { return new LogRecord(-1, -1, null, null, text); }

    /** True when the record carries no time at all (a wrapped or continuation fragment). */
    public boolean untimed() { return uptimeS == null && wallTime == null && seq < 0; }

    /** The same record with a different wall-clock time. */
    public LogRecord withWallTime(String time) { return new LogRecord(seq, level, uptimeS, time, text); }
}
