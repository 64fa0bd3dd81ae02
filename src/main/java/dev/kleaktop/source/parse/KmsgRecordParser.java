package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parses one /dev/kmsg record: {@code prio,seq,usec,flags[,more fields];message} optionally
 * followed by dictionary lines {@code \n KEY=value} (see the kernel's
 * Documentation/ABI/testing/dev-kmsg).
 *
 * <p>The level is {@code prio & 7} (the facility is dropped); fields after the flags, such as
 * {@code caller=T1}, are ignored, so formats that add fields keep parsing. The kernel escapes
 * every byte below 0x20, at or above 0x7f and the backslash as {@code \xNN}; those escapes are
 * decoded back to bytes and the bytes read as UTF-8, so a non-ASCII comm comes back as it was.
 * Dictionary lines are metadata, not message text, and are dropped.
 *
 * <p>Never throws on bad input: a record that does not have the header shape gives empty.
 */
public final class KmsgRecordParser {
    /** More digits than this cannot be a real sequence number or timestamp; refuse, not overflow. */
    private static final int MAX_DIGITS = 18;

    private KmsgRecordParser() {}

    /** One record (with or without its trailing newline and dictionary lines). */
    public static Optional<LogRecord> parse(String record) {
        if (record == null) return Optional.empty();
        int semi = record.indexOf(';');
        if (semi <= 0) return Optional.empty();
        // header: prio , seq , usec , flags [, anything]
        int c1 = record.indexOf(',');
        if (c1 < 0 || c1 > semi) return Optional.empty();
        long prio = digits(record, 0, c1);
        int c2 = record.indexOf(',', c1 + 1);
        if (c2 < 0 || c2 > semi) return Optional.empty();
        long seq = digits(record, c1 + 1, c2);
        int c3 = record.indexOf(',', c2 + 1);
        if (c3 < 0 || c3 > semi) return Optional.empty();
        long usec = digits(record, c2 + 1, c3);
        if (prio < 0 || seq < 0 || usec < 0) return Optional.empty();
        int msgEnd = record.indexOf('\n', semi + 1);
        if (msgEnd < 0) msgEnd = record.length();
        String message = unescape(record, semi + 1, msgEnd);
        return Optional.of(new LogRecord(seq, (int) (prio & 7), usec / 1e6, null, message));
    }

    /** True when the text starts like a kmsg record ({@code digits,digits,digits,}...{@code ;}). */
    public static boolean looksLikeRecord(String s) {
        int semi = s.indexOf(';');
        if (semi <= 0) return false;
        int commas = 0;
        int i = 0;
        for (; i < semi && commas < 3; i++) {
            char c = s.charAt(i);
            if (c == ',') {
                if (i == 0 || s.charAt(i - 1) == ',') return false;
                commas++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return commas == 3;
    }

    /** Non-negative decimal in [from, to), or -1 when it is not one. */
    static long digits(String s, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Decodes {@code \xNN} escapes in [from, to) to bytes, read as UTF-8 (bad bytes become U+FFFD). */
    static String unescape(String s, int from, int to) {
        int bs = s.indexOf('\\', from);
        if (bs < 0 || bs >= to) return s.substring(from, to);
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int run = from;
        int i = bs;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= to && s.charAt(i + 1) == 'x'
                    && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0) {
                if (run < i) out.writeBytes(s.substring(run, i).getBytes(StandardCharsets.UTF_8));
                out.write(hex(s.charAt(i + 2)) * 16 + hex(s.charAt(i + 3)));
                i += 4;
                run = i;
            } else {
                i++;
            }
        }
        if (run < to) out.writeBytes(s.substring(run, to).getBytes(StandardCharsets.UTF_8));
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
