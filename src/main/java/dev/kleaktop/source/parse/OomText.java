package dev.kleaktop.source.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small text helpers of the OOM report parser ({@link OomParser}, {@link OomReport}) and of
 * {@link KmemleakParser}: numbers after keys, comms in parentheses, blanks including the
 * non-breaking spaces mail clients put into pasted logs. Pure; never throw.
 */
final class OomText {
    private OomText() {}

    /** The prefix in front of a kill line says which killer: memcg, global, or nothing (old). */
    static boolean killPrefixOk(String t, int at) {
        if (at == 0) return true;
        if (at < 2 || t.charAt(at - 2) != ':' || t.charAt(at - 1) != ' ') return false;
        return t.regionMatches(true, 0, "Out of memory", 0, 13) || t.startsWith("Memory cgroup out of memory");
    }

    static String kindOfPrefix(String t, int at) {
        if (at == 0) return null;
        if (t.startsWith("Memory cgroup out of memory")) return "memcg";
        if (t.startsWith("Out of memory")) return "global";
        return null;
    }

    static String kindOf(String constraint) {
        if (constraint == null || constraint.isEmpty()) return null;
        return switch (constraint) {
            case "CONSTRAINT_MEMCG" -> "memcg";
            case "CONSTRAINT_NONE" -> "global";
            default -> (constraint.startsWith("CONSTRAINT_") ? constraint.substring(11) : constraint)
                    .toLowerCase(Locale.ROOT);
        };
    }

    /** The comm in {@code N (comm)<end>}: up to {@code end} if present, else the last ')'. */
    static String comm(String t, int from, String end) {
        int open = t.indexOf(" (", from);
        if (open < 0) return null;
        int close = t.indexOf(end, open + 2);
        if (close < 0) close = t.lastIndexOf(')');
        if (close < open + 2) return null;
        return t.substring(open + 2, close);
    }

    /** The text after {@code key} up to a comma or blank, or null. */
    static String token(String t, String key) {
        int i = t.indexOf(key);
        if (i < 0) return null;
        int s = i + key.length();
        int e = s;
        while (e < t.length() && t.charAt(e) != ',' && t.charAt(e) != ' ') e++;
        return e > s ? t.substring(s, e) : null;
    }

    /** The (possibly negative) integer right after {@code key}, or null. */
    static Long number(String t, String key) {
        int i = key.isEmpty() ? 0 : t.indexOf(key);
        if (i < 0) return null;
        int s = i + key.length();
        while (s < t.length() && (t.charAt(s) == ' ' || t.charAt(s) == '\u00a0')) s++;
        boolean neg = s < t.length() && t.charAt(s) == '-';
        if (neg) s++;
        int e = s;
        long v = 0;
        while (e < t.length() && e - s < 18 && t.charAt(e) >= '0' && t.charAt(e) <= '9') {
            v = v * 10 + (t.charAt(e) - '0');
            e++;
        }
        if (e == s) return null;
        return neg ? -v : v;
    }

    static boolean startsWithAny(String t, String[] keys) {
        for (String k : keys) if (t.startsWith(k)) return true;
        return false;
    }

    /** Drops indentation and trailing blanks, including the non-breaking spaces of mail clients. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isBlank(s.charAt(b))) b++;
        while (e > b && isBlank(s.charAt(e - 1))) e--;
        return b == 0 && e == s.length() ? s : s.substring(b, e);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    static String[] splitBlank(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) i++;
            int st = i;
            while (i < n && !isBlank(s.charAt(i))) i++;
            if (i > st) out.add(s.substring(st, i));
        }
        return out.toArray(new String[0]);
    }
}
