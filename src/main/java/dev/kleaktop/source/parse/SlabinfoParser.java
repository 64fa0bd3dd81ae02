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
 * optional statistics columns) and format 1.1 (Linux 2.4, as pasted into old mail: see
 * {@link #parseLine1}). Checks the format version first, as slabtop does; format 1.0 (Linux
 * 2.2) is refused because it prints no object sizes.
 * A cache whose name repeats gets the next occurrence index. A last line cut short (a
 * partial read) is dropped and reported through {@link SlabInfo#truncated()}.
 */
public final class SlabinfoParser {
    private SlabinfoParser() {}

    public static SlabInfo parse(String text) throws ParseException {
        int len = text.length();
        int pos = 0;
        int lineNo = 0;
        Header header = null;
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
            if (header == null) {
                header = parseHeader(line, lineNo);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) continue;
            SlabCache c = header.v1() ? parseLine1(line, header, seen) : parseLine(line, seen);
            if (c == null) {
                if (lastUnterminated || isLastLine(text, pos)) {
                    truncated = true;
                    break;
                }
                throw new ParseException(lineNo, "unrecognised slabinfo line: " + abbreviate(line));
            }
            caches.add(c);
        }
        if (header == null) throw new ParseException(1, EMPTY);
        return new SlabInfo(header.version(), caches, truncated);
    }

    private static boolean isLastLine(String text, int pos) {
        for (int i = pos; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) return false;
        }
        return true;
    }

    static final String EMPTY = "empty file, expected 'slabinfo - version: 2.x' (or 1.1)";

    /**
     * What the first line says: the format version and, for 1.1, the groups of columns that
     * follow the six numbers: {@code (statistics)} adds five counters, {@code (SMP)} the
     * per-CPU {@code limit batchcount}, and both together four more counters (mm/slab.c of
     * 2.4 prints them in that order, each group after {@code " : "}).
     */
    record Header(String version, boolean v1, boolean statistics, boolean smp) {}

    static Header parseHeader(String line, int lineNo) throws ParseException {
        String prefix = "slabinfo - version:";
        if (!line.startsWith(prefix)) {
            throw new ParseException(lineNo, "not a slabinfo file (expected 'slabinfo - version: 2.x')");
        }
        String v = line.substring(prefix.length()).trim();
        int sp = v.indexOf(' ');
        String num = sp < 0 ? v : v.substring(0, sp);
        if (num.startsWith("2.")) return new Header(num, false, false, false);
        if (num.equals("1.1")) {
            String flags = sp < 0 ? "" : v.substring(sp);
            return new Header(num, true, flags.contains("(statistics)"), flags.contains("(SMP)"));
        }
        if (num.equals("1.0")) {
            // every 1.0 layout lacks objsize, and the usual one (name active_objs num_objs) the
            // slab counts too: the bytes would be made up, so say why instead
            throw new ParseException(lineNo, "unsupported slabinfo format version 1.0 (Linux 2.2): it has no object"
                    + " sizes, so the memory of its caches is unknown; formats 1.1 and 2.x are read");
        }
        throw new ParseException(lineNo, "unsupported slabinfo format version " + num + " (formats 1.1 and 2.x are read)");
    }

    /**
     * Parses one line of format 1.1, {@code name active_objs num_objs objsize active_slabs
     * num_slabs pagesperslab} then the groups the header announced, read from the right so
     * that a name with blanks ({@code file lock cache}) stays whole. Format 1.1 does not print
     * objperslab: it is num_objs / num_slabs where that is exact (2.4 computes num_objs as
     * num_slabs x objects per slab), else 0. Only the SMP group's limit and batchcount are
     * kept (2.4 had no shared array, so sharedfactor and sharedavail are 0); the statistics
     * counters are not modelled. Null when the line does not have that shape.
     */
    static SlabCache parseLine1(String line, Header h, Map<String, Integer> seen) {
        int end = line.length();
        long[] tunables = new long[2];
        if (h.statistics() && h.smp()) end = group(line, end, new long[4]);
        if (h.smp()) end = group(line, end, tunables);
        if (h.statistics()) end = group(line, end, new long[5]);
        if (end < 0) return null;
        long[] head = new long[6];
        int nameEnd = parseTrailingNumbers(line, end, head);
        if (nameEnd <= 0) return null;
        String name = name(line, nameEnd);
        if (name == null) return null;
        long numObjs = head[1];
        long numSlabs = head[4];
        long objPerSlab = numSlabs > 0 && numObjs % numSlabs == 0 ? numObjs / numSlabs : 0;
        int idx = seen.merge(name, 1, Integer::sum) - 1;
        return new SlabCache(new CacheId(name, idx), head[0], numObjs, head[2], objPerSlab, head[5],
                tunables[0], tunables[1], 0, head[3], numSlabs, 0);
    }

    /**
     * Reads the group of out.length numbers that ends at {@code end} and the {@code " : "}
     * before it; returns where the text before the separator ends, or -1.
     */
    private static int group(String s, int end, long[] out) {
        if (end < 0) return -1;
        int i = parseTrailingNumbers(s, end, out);
        if (i <= 0) return -1;
        while (i > 0 && isBlank(s.charAt(i - 1))) i--;
        if (i < 2 || s.charAt(i - 1) != ':' || !isBlank(s.charAt(i - 2))) return -1;
        return i - 1;
    }

    /**
     * The name in s[0, nameEnd): only the blanks that separate fields are trimmed, so a
     * control character at an end of the name is part of it (escaped where shown) and "x"
     * followed by SOH stays apart from "x". Null when nothing is left.
     */
    private static String name(String s, int nameEnd) {
        int ns = 0;
        int ne = nameEnd;
        while (ns < ne && isBlank(s.charAt(ns))) ns++;
        while (ne > ns && isBlank(s.charAt(ne - 1))) ne--;
        return ns == ne ? null : s.substring(ns, ne);
    }

    /** Parses one cache line; null when it does not have the 2.x shape. */
    static SlabCache parseLine(String line, Map<String, Integer> seen) {
        int tun = line.indexOf(" : tunables");
        int sd = line.indexOf(" : slabdata");
        if (tun < 0 || sd < tun) return null;
        long[] head = new long[5];
        int nameEnd = parseTrailingNumbers(line, tun, head);
        if (nameEnd <= 0) return null;
        String name = name(line, nameEnd);
        if (name == null) return null;
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
