package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one line of a saved kernel log into a {@link LogRecord}, whatever tool printed it:
 * <ul>
 *   <li>plain {@code dmesg}: {@code [  123.456789] msg}; {@code dmesg -T}:
 *       {@code [Mon Nov 24 10:00:01 2025] msg}; {@code dmesg -r}: {@code <4>[ 1.2] msg};
 *       {@code dmesg -x}: {@code kern  :warn  : [ 1.2] msg};</li>
 *   <li>syslog and {@code journalctl -k}: {@code Jan  5 15:19:27 host kernel: [ 5864.7] msg},
 *       with or without the host, with or without the {@code [ts]}, with ISO-8601 stamps
 *       ({@code 2025-11-24T10:00:01.123456+00:00 host kernel: msg});</li>
 *   <li>caller ids after the stamp ({@code [ 1.2][ T1234] msg}, {@code [ 1.2] [T1234] msg},
 *       {@code [C1]}), which are dropped;</li>
 *   <li>raw /dev/kmsg records, handed to {@link KmsgRecordParser};</li>
 *   <li>userspace console text in front of the stamp ({@code Running sysctl: [ 5201.3] msg}):
 *       the kernel part is kept;</li>
 *   <li>anything else: the line is kept as-is as the text, with no time.</li>
 * </ul>
 * The kernel separates the stamp from the message by one space; only that one is removed, so
 * indented continuation text (stack frames) keeps its indentation.
 *
 * <p>Pure and stateless; never throws on any input.
 */
public final class LogLineParser {
    private static final Pattern SYSLOG_TIME =
            Pattern.compile("[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?");
    private static final Pattern ISO_TIME = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]{1,9})?"
                    + "(?:Z|[+-][0-9]{2}:?[0-9]{2})?");
    /** {@code dmesg -x}: facility and level names, padded, each followed by a colon. */
    private static final Pattern DECODED_PREFIX = Pattern.compile(
            "(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|res0|res1|res2|res3"
                    + "|local[0-7]) *:(emerg|alert|crit|err|warn|notice|info|debug) *: ");
    private static final String[] LEVEL_NAMES =
            {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};

    private LogLineParser() {}

    /** Parses one line (without its line terminator; a trailing CR is ignored). */
    public static LogRecord parse(String line) {
        if (line == null) return LogRecord.ofText("");
        String s = line;
        if (!s.isEmpty() && s.charAt(s.length() - 1) == '\r') s = s.substring(0, s.length() - 1);
        if (!s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9' && KmsgRecordParser.looksLikeRecord(s)) {
            Optional<LogRecord> r = KmsgRecordParser.parse(s);
            if (r.isPresent()) return r.get();
        }
        int n = s.length();
        int i = skipBlank(s, 0);
        String wall = null;
        int level = -1;
        Double uptime = null;
        boolean stamped = false;

        int end = -1;
        if (i < n && s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') end = matchAt(SYSLOG_TIME, s, i);
        else if (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') end = matchAt(ISO_TIME, s, i);
        if (end >= 0 && (end == n || s.charAt(end) == ' ')) {
            wall = s.substring(i, end);
            stamped = true;
            i = afterSyslogTag(s, skipSpaces(s, end));
        }
        if (i < n && s.charAt(i) >= 'a' && s.charAt(i) <= 'z' && s.indexOf(':', i) > 0) {
            Matcher m = DECODED_PREFIX.matcher(s).region(i, n);
            if (m.lookingAt()) {
                level = levelOf(m.group(1));
                i = m.end();
                stamped = true;
            }
        }
        if (i + 2 < n && s.charAt(i) == '<') {
            int close = s.indexOf('>', i + 1);
            if (close > i + 1 && close <= i + 4) {
                long prio = KmsgRecordParser.digits(s, i + 1, close);
                if (prio >= 0) {
                    level = (int) (prio & 7);
                    i = close + 1;
                    stamped = true;
                }
            }
        }
        int afterStamp = bracketStamp(s, i);
        if (afterStamp < 0 && !stamped) {
            // console interleaving: userspace text, then the kernel's own stamp
            int j = s.indexOf('[', i + 1);
            while (j > 0 && afterStamp < 0) {
                if (uptimeEnd(s, j) > 0) {
                    i = j;
                    afterStamp = bracketStamp(s, i);
                } else {
                    j = s.indexOf('[', j + 1);
                }
            }
        }
        if (afterStamp >= 0) {
            String inside = s.substring(i + 1, afterStamp - 1).trim();
            if (isUptime(inside)) {
                uptime = parseUptime(inside);
            } else if (wall == null) {
                wall = inside;
            }
            stamped = true;
            i = skipCallerId(s, afterStamp);
            if (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\u00a0')) i++;
            // journalctl -o short-monotonic: "[ 1.2] host kernel: msg"
            int k = monotonicHostTag(s, i);
            if (k > 0) i = k;
        }
        if (!stamped) return new LogRecord(-1, -1, null, null, s);
        return new LogRecord(-1, level, uptime, wall, s.substring(Math.min(i, n)));
    }

    private static int matchAt(Pattern p, String s, int i) {
        Matcher m = p.matcher(s).region(i, s.length());
        return m.lookingAt() ? m.end() : -1;
    }

    /**
     * After a syslog stamp: {@code kernel: msg}, {@code host kernel: msg}; other programs'
     * lines keep their tag so they never look like kernel text. Returns the message start.
     */
    private static int afterSyslogTag(String s, int i) {
        int t1 = tokenEnd(s, i);
        if (s.startsWith("kernel:", i) && t1 == i + 7) return oneSpace(s, t1);
        int j = skipSpaces(s, t1);
        int t2 = tokenEnd(s, j);
        if (t2 == j + 7 && s.startsWith("kernel:", j)) return oneSpace(s, t2);
        if (t1 > i && s.charAt(t1 - 1) == ':') return i;          // "tag: msg", no host
        if (t2 > j && s.charAt(t2 - 1) == ':') return j;          // "host tag[pid]: msg"
        return i;                                                // bare "stamp msg" (dmesg --time-format iso)
    }

    private static int monotonicHostTag(String s, int i) {
        int t1 = tokenEnd(s, i);
        if (t1 == i || t1 >= s.length()) return -1;
        int j = t1 + 1;
        if (s.startsWith("kernel: ", j) && s.charAt(t1) == ' ' && s.charAt(t1 - 1) != ':') {
            return j + 8;
        }
        return -1;
    }

    /** {@code [ ... ]} at i that is a time stamp (uptime or dmesg -T); index after ']' or -1. */
    private static int bracketStamp(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '[') return -1;
        int e = uptimeEnd(s, i);
        if (e > 0) return e;
        int close = s.indexOf(']', i + 1);
        if (close < 0 || close - i > 40) return -1;
        // dmesg -T: "[Mon Nov 24 10:00:01 2025]"
        int a = i + 1;
        if (close - a >= 20 && Character.isLetter(s.charAt(a)) && s.charAt(a + 3) == ' '
                && s.indexOf(':', a) > a && s.indexOf(':', a) < close) {
            return close + 1;
        }
        return -1;
    }

    /** {@code [  123.456789]} at i: index after ']' or -1. */
    private static int uptimeEnd(String s, int i) {
        int n = s.length();
        int j = i + 1;
        while (j < n && s.charAt(j) == ' ') j++;
        int d0 = j;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
        if (j == d0 || j - d0 > 12 || j >= n || s.charAt(j) != '.') return -1;
        j++;
        int f0 = j;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
        if (j == f0 || j - f0 > 9 || j >= n || s.charAt(j) != ']') return -1;
        return j + 1;
    }

    private static boolean isUptime(String inside) {
        return !inside.isEmpty() && inside.charAt(0) >= '0' && inside.charAt(0) <= '9' && inside.indexOf('.') > 0
                && inside.indexOf(' ') < 0;
    }

    private static Double parseUptime(String inside) {
        try {
            return Double.valueOf(inside);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Skips {@code [ T123]}, {@code  [T123]} or {@code [C1]} after a stamp. */
    private static int skipCallerId(String s, int i) {
        int n = s.length();
        int j = i;
        if (j < n && s.charAt(j) == ' ') j++;
        if (j >= n || s.charAt(j) != '[') return i;
        int k = j + 1;
        while (k < n && s.charAt(k) == ' ') k++;
        if (k >= n || (s.charAt(k) != 'T' && s.charAt(k) != 'C')) return i;
        k++;
        int d0 = k;
        while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') k++;
        if (k == d0 || k >= n || s.charAt(k) != ']') return i;
        return k + 1;
    }

    private static int levelOf(String name) {
        for (int l = 0; l < LEVEL_NAMES.length; l++) if (LEVEL_NAMES[l].equals(name)) return l;
        return -1;
    }

    private static int oneSpace(String s, int i) {
        return i < s.length() && s.charAt(i) == ' ' ? i + 1 : i;
    }

    private static int tokenEnd(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) != ' ') i++;
        return i;
    }

    private static int skipSpaces(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') i++;
        return i;
    }

    /** Indentation: spaces, tabs and the non-breaking spaces mail clients put there. */
    static int skipBlank(String s, int i) {
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\u00a0')) i++;
        return i;
    }
}
