package dev.kleaktop.source.parse;

import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses /proc/slabinfo format 2.x (SLUB with zero tunables, SLAB with real ones and the
 * optional statistics columns). Checks the format version first, as slabtop does.
 * A cache whose name repeats gets the next occurrence index. A last line cut short (a
 * partial read) is dropped and reported through {@link SlabInfo#truncated()}.
 */
public final class SlabinfoParser {
    private SlabinfoParser() {}

    public static SlabInfo parse(String text) throws ParseException {
        int len = text.length();
        int pos = 0;
        int lineNo = 0;
        String version = null;
        List<SlabCache> caches = new ArrayList<>(Math.max(16, len / 120));
        Map<String, Integer> seen = new HashMap<>();
        boolean truncated = false;
        while (pos < len) {
            int nl = text.indexOf('\n', pos);
            boolean lastUnterminated = nl < 0;
            int end = lastUnterminated ? len : nl;
            int lineEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            // a CRLF line (a capture saved on another system) ends before its CR
            String line = text.substring(pos, lineEnd);
            pos = end + 1;
            lineNo++;
            if (version == null) {
                version = parseHeader(line, lineNo);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) continue;
            SlabCache c = parseLine(line, seen);
            if (c == null) {
                if (lastUnterminated || isLastLine(text, pos)) {
                    truncated = true;
                    break;
                }
                throw new ParseException(lineNo, "unrecognised slabinfo line: " + abbreviate(line));
            }
            caches.add(c);
        }
        if (version == null) throw new ParseException(1, "empty file, expected 'slabinfo - version: 2.x'");
        return new SlabInfo(version, caches, truncated);
    }

    private static boolean isLastLine(String text, int pos) {
        for (int i = pos; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) return false;
        }
        return true;
    }

    static String parseHeader(String line, int lineNo) throws ParseException {
        String prefix = "slabinfo - version:";
        if (!line.startsWith(prefix)) {
            throw new ParseException(lineNo, "not a slabinfo file (expected 'slabinfo - version: 2.x')");
        }
        String v = line.substring(prefix.length()).trim();
        int sp = v.indexOf(' ');
        String num = sp < 0 ? v : v.substring(0, sp);
        if (!num.startsWith("2.")) {
            throw new ParseException(lineNo, "unsupported slabinfo format version " + num + " (only 2.x is supported)");
        }
        return num;
    }

    /** Parses one cache line; null when it does not have the 2.x shape. */
    static SlabCache parseLine(String line, Map<String, Integer> seen) {
        int tun = line.indexOf(" : tunables");
        int sd = line.indexOf(" : slabdata");
        if (tun < 0 || sd < tun) return null;
        long[] head = new long[5];
        int nameEnd = parseTrailingNumbers(line, tun, head);
        if (nameEnd <= 0) return null;
        // only the blanks that separate fields are trimmed: a control character at an end of
        // the name is part of it (escaped where shown), so "x" followed by SOH stays apart from "x"
        int ns = 0;
        int ne = nameEnd;
        while (ns < ne && isBlank(line.charAt(ns))) ns++;
        while (ne > ns && isBlank(line.charAt(ne - 1))) ne--;
        if (ns == ne) return null;
        String name = line.substring(ns, ne);
        long[] tunables = new long[3];
        if (!parseNumbers(line, tun + " : tunables".length(), sd, tunables)) return null;
        int sdStart = sd + " : slabdata".length();
        int sdEnd = line.indexOf(" : ", sdStart);
        if (sdEnd < 0) sdEnd = line.length();
        long[] slabdata = new long[3];
        if (!parseNumbers(line, sdStart, sdEnd, slabdata)) return null;
        int idx = seen.merge(name, 1, Integer::sum) - 1;
        return new SlabCache(new CacheId(name, idx), head[0], head[1], head[2], head[3], head[4],
                tunables[0], tunables[1], tunables[2], slabdata[0], slabdata[1], slabdata[2]);
    }

    /** Reads exactly out.length numbers ending at {@code end}; returns where the name ends, or -1. */
    private static int parseTrailingNumbers(String s, int end, long[] out) {
        int i = end;
        for (int k = out.length - 1; k >= 0; k--) {
            while (i > 0 && isBlank(s.charAt(i - 1))) i--;
            int numEnd = i;
            while (i > 0 && isDigit(s.charAt(i - 1))) i--;
            if (i == numEnd || i == 0 || !isBlank(s.charAt(i - 1))) return -1;
            out[k] = parseLong(s, i, numEnd);
            if (out[k] < 0) return -1;
        }
        return i;
    }

    private static boolean isBlank(char c) { return c == ' ' || c == '\t'; }

    /** Reads exactly out.length whitespace-separated numbers in s[from, to). */
    private static boolean parseNumbers(String s, int from, int to, long[] out) {
        int i = from;
        for (int k = 0; k < out.length; k++) {
            while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
            int start = i;
            while (i < to && isDigit(s.charAt(i))) i++;
            if (i == start) return false;
            out[k] = parseLong(s, start, i);
            if (out[k] < 0) return false;
        }
        while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i == to;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static long parseLong(String s, int from, int to) {
        if (to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) v = v * 10 + (s.charAt(i) - '0');
        return v;
    }

    static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
