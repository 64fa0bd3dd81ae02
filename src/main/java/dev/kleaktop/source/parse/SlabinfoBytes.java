package dev.kleaktop.source.parse;

import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The refresh loop's /proc/slabinfo parser: reads the bytes as read from the file, without a
 * String per line, and keeps each cache name (and its {@link CacheId}) from one refresh to
 * the next, so a refresh allocates little more than the {@link SlabCache} records it returns
 * (a 10,000-cache file is 1.5 MB of text every refresh). The result is exactly that of
 * {@link SlabinfoParser#parse(String)} on the same bytes decoded as UTF-8; a line with
 * non-ASCII bytes (never seen in practice) is decoded and parsed by that parser's rules, and
 * so is every line of format 1.1 (Linux 2.4, which this JVM cannot run on: only captured
 * trees hold it, read once, so speed does not matter there).
 *
 * <p>Names not seen for a refresh are forgotten once they outnumber the live ones, so memory
 * stays bounded while memory cgroups come and go. Not thread-safe: one per sampler.
 */
public final class SlabinfoBytes {
    private static final byte[] TUNABLES = " : tunables".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SLABDATA = " : slabdata".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = " : ".getBytes(StandardCharsets.US_ASCII);

    /**
     * ASCII names (all real ones) in an open-addressing table keyed by a hash of their bytes
     * and compared with the read bytes directly, so no copy of the bytes is kept beside each
     * String (10,000 names are a measurable share of a 64 MiB budget).
     */
    private Name[] table = new Name[1024];
    private int tableCount;
    /** Names with other characters, from lines the String parser's rules read. */
    private final Map<String, Name> wide = new HashMap<>();
    /** Where the colons of the current line are (the separators start with one). */
    private final int[] colons = new int[16];
    private int colonCount;
    /** The names of the last pass in file order: the next pass usually has the same. */
    private Name[] lastOrder = new Name[0];
    private int lastCount;
    private Name[] order = new Name[16];
    private int orderCount;
    private final long[] head = new long[5];
    private final long[] tunables = new long[3];
    private final long[] slabdata = new long[3];
    private int pass;

    /** A name as it appeared, its String and ids, and how often it was seen in this pass. */
    private static final class Name {
        final String name;
        final int hash;
        CacheId[] ids = new CacheId[1];
        int pass = -1;
        int count;

        Name(String name, int hash) {
            this.name = name;
            this.hash = hash;
        }

        /** Whether the ASCII bytes b[off, off+len) spell this name. */
        boolean is(byte[] b, int off, int len) {
            if (name.length() != len) return false;
            for (int i = 0; i < len; i++) {
                if (name.charAt(i) != b[off + i]) return false;
            }
            return true;
        }

        CacheId nextId(int currentPass) {
            if (pass != currentPass) {
                pass = currentPass;
                count = 0;
            }
            int idx = count++;
            if (idx >= ids.length) ids = java.util.Arrays.copyOf(ids, Math.max(idx + 1, ids.length * 2));
            CacheId id = ids[idx];
            if (id == null) ids[idx] = id = new CacheId(name, idx);
            return id;
        }
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) h = 31 * h + b[i];
        return h;
    }

    /** The kept ASCII name spelled by b[off, off+len), or a new one. */
    private Name ascii(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = table.length - 1;
        int i = (h ^ (h >>> 16)) & mask;
        for (Name n; (n = table[i]) != null; i = (i + 1) & mask) {
            if (n.hash == h && n.is(b, off, len)) return n;
        }
        Name n = new Name(new String(b, off, len, StandardCharsets.ISO_8859_1), h);
        if (2 * (tableCount + 1) > table.length) {
            rehash(table.length * 2);
        }
        insert(n);
        return n;
    }

    private void insert(Name n) {
        int mask = table.length - 1;
        int i = (n.hash ^ (n.hash >>> 16)) & mask;
        while (table[i] != null) i = (i + 1) & mask;
        table[i] = n;
        tableCount++;
    }

    /** The same names in a table of {@code size} slots. */
    private void rehash(int size) {
        Name[] old = table;
        table = new Name[size];
        tableCount = 0;
        for (Name n : old) {
            if (n != null) insert(n);
        }
    }

    /**
     * Parses {@code len} bytes of {@code buf}.
     *
     * @throws ParseException as {@link SlabinfoParser#parse(String)} would
     */
    public SlabInfo parse(byte[] buf, int len) throws ParseException {
        pass++;
        orderCount = 0;
        int pos = 0;
        int lineNo = 0;
        SlabinfoParser.Header header = null;
        List<SlabCache> caches = new ArrayList<>(Math.max(16, len / 120));
        boolean truncated = false;
        while (pos < len) {
            // one pass finds the end of the line and whether it is all ASCII
            int start = pos;
            int end = pos;
            int high = 0;
            int nc = 0;
            while (end < len) {
                byte c = buf[end];
                if (c == '\n') break;
                if (c == ':') {
                    if (nc < colons.length) colons[nc] = end;
                    nc++;
                }
                high |= c;
                end++;
            }
            colonCount = nc;
            boolean lastUnterminated = end == len;
            pos = end + 1;
            // a CRLF line ends before its CR (the String parser's rule too)
            if (end > start && buf[end - 1] == '\r') end--;
            lineNo++;
            if (header == null) {
                header = SlabinfoParser.parseHeader(decode(buf, start, end), lineNo);
                continue;
            }
            SlabCache c;
            if (high >= 0 && !header.v1()) {
                if (isBlank(buf, start, end) || buf[start] == '#') continue;
                c = parseLine(buf, start, end);
            } else {
                String line = decode(buf, start, end);
                if (line.isBlank() || line.startsWith("#")) continue;
                c = parseDecoded(line, header);
            }
            if (c == null) {
                if (lastUnterminated || restIsBlank(buf, pos, len)) {
                    truncated = true;
                    break;
                }
                throw new ParseException(lineNo, "unrecognised slabinfo line: " + SlabinfoParser.abbreviate(decode(buf, start, end)));
            }
            caches.add(c);
        }
        // Only a pass that succeeds becomes the prediction (its names are all kept, below).
        Name[] done = lastOrder;
        lastOrder = order;
        lastCount = orderCount;
        order = done;
        forgetStale(caches.size());
        if (header == null) throw new ParseException(1, SlabinfoParser.EMPTY);
        return new SlabInfo(header.version(), caches, truncated);
    }

    private SlabCache parseLine(byte[] b, int start, int end) {
        int tun = find(b, TUNABLES, start, end);
        int sd = find(b, SLABDATA, start, end);
        if (tun < 0 || sd < tun) return null;
        int nameEnd = parseTrailingNumbers(b, start, tun, head);
        if (nameEnd <= start) return null;
        // only the blanks that separate fields are trimmed: a control byte at an end of the
        // name is part of it (escaped where shown), so "x" followed by SOH stays apart from "x"
        int ns = start;
        int ne = nameEnd;
        while (ns < ne && isSpace(b[ns])) ns++;
        while (ne > ns && isSpace(b[ne - 1])) ne--;
        if (ns == ne) return null;
        if (!parseNumbers(b, tun + TUNABLES.length, sd, tunables)) return null;
        int sdStart = sd + SLABDATA.length;
        int sdEnd = find(b, SEPARATOR, sdStart, end);
        if (sdEnd < 0) sdEnd = end;
        if (!parseNumbers(b, sdStart, sdEnd, slabdata)) return null;
        Name name = name(b, ns, ne - ns);
        return cache(name.nextId(pass));
    }

    /** The name at the same line last time when it is the same, else the one kept, else a new one. */
    private Name name(byte[] b, int off, int len) {
        int i = orderCount;
        Name name = i < lastCount ? lastOrder[i] : null;
        if (name == null || !name.is(b, off, len)) name = ascii(b, off, len);
        if (i == order.length) order = java.util.Arrays.copyOf(order, Math.max(16, i * 2));
        order[orderCount++] = name;
        return name;
    }

    /** A line with non-ASCII bytes, or of format 1.1: the String parser's rules, this parser's occurrence counts. */
    private SlabCache parseDecoded(String line, SlabinfoParser.Header header) {
        SlabCache c = header.v1() ? SlabinfoParser.parseLine1(line, header, new HashMap<>())
                : SlabinfoParser.parseLine(line, new HashMap<>());
        if (c == null) return null;
        String s = c.name();
        boolean isAscii = true;
        for (int i = 0; i < s.length() && isAscii; i++) isAscii = s.charAt(i) < 0x80;
        Name name;
        if (isAscii) {
            // the same name as on an all-ASCII line: the same occurrence count
            byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
            name = ascii(bytes, 0, bytes.length);
        } else {
            name = wide.get(s);
            if (name == null) {
                name = new Name(s, 0);
                wide.put(s, name);
            }
        }
        CacheId id = name.nextId(pass);
        return new SlabCache(id, c.activeObjs(), c.numObjs(), c.objSize(), c.objPerSlab(), c.pagesPerSlab(),
                c.limit(), c.batchCount(), c.sharedFactor(), c.activeSlabs(), c.numSlabs(), c.sharedAvail());
    }

    private SlabCache cache(CacheId id) {
        return new SlabCache(id, head[0], head[1], head[2], head[3], head[4],
                tunables[0], tunables[1], tunables[2], slabdata[0], slabdata[1], slabdata[2]);
    }

    /** Drops names absent from this pass once they outnumber the present ones. */
    private void forgetStale(int present) {
        if (tableCount + wide.size() <= 2 * present + 64) return;
        Name[] old = table;
        int size = 1024;
        while (size < 4 * present) size *= 2;
        table = new Name[size];
        tableCount = 0;
        for (Name n : old) {
            if (n != null && n.pass == pass) insert(n);
        }
        wide.values().removeIf(n -> n.pass != pass);
    }

    /** Reads exactly out.length numbers ending at {@code end}; returns where the name ends, or -1. */
    private static int parseTrailingNumbers(byte[] s, int start, int end, long[] out) {
        int i = end;
        for (int k = out.length - 1; k >= 0; k--) {
            while (i > start && isSpace(s[i - 1])) i--;
            int numEnd = i;
            while (i > start && isDigit(s[i - 1])) i--;
            if (i == numEnd || i == start || !isSpace(s[i - 1])) return -1;
            out[k] = parseLong(s, i, numEnd);
            if (out[k] < 0) return -1;
        }
        return i;
    }

    /** Reads exactly out.length blank-separated numbers in s[from, to). */
    private static boolean parseNumbers(byte[] s, int from, int to, long[] out) {
        int i = from;
        for (int k = 0; k < out.length; k++) {
            while (i < to && isSpace(s[i])) i++;
            int start = i;
            while (i < to && isDigit(s[i])) i++;
            if (i == start) return false;
            out[k] = parseLong(s, start, i);
            if (out[k] < 0) return false;
        }
        while (i < to && isSpace(s[i])) i++;
        return i == to;
    }

    private static long parseLong(byte[] s, int from, int to) {
        if (to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) v = v * 10 + (s[i] - '0');
        return v;
    }

    private static boolean isSpace(byte c) { return c == ' ' || c == '\t'; }

    private static boolean isDigit(byte c) { return c >= '0' && c <= '9'; }

    /** {@link String#isBlank()} for ASCII: every byte is a Java whitespace character. */
    private static boolean isBlank(byte[] b, int from, int to) {
        if (from < to && b[from] > ' ') return false; // a visible first character, the usual case
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(b[i])) return false;
        }
        return true;
    }

    /** Whether only whitespace follows (the String parser's test for a cut last line). */
    private static boolean restIsBlank(byte[] b, int from, int to) {
        if (from >= to) return true;
        return decode(b, from, to).isBlank();
    }

    /**
     * First index of {@code what} (which starts with {@code " :"}) in b[from, to), found among
     * the colons recorded while the line was read (unless it had too many to record).
     */
    private int find(byte[] b, byte[] what, int from, int to) {
        if (colonCount > colons.length) return indexOf(b, what, from, to);
        for (int k = 0; k < colonCount; k++) {
            int i = colons[k] - 1;
            if (i < from) continue;
            if (i + what.length > to) return -1;
            int m = 0;
            while (m < what.length && b[i + m] == what[m]) m++;
            if (m == what.length) return i;
        }
        return -1;
    }

    /**
     * First index of {@code what} (which starts with {@code " :"}) in b[from, to). Scans for
     * the colon, which is rare in a line, rather than for the blank, which is everywhere.
     */
    private static int indexOf(byte[] b, byte[] what, int from, int to) {
        for (int i = from + 1, last = to - what.length + 1; i <= last; i++) {
            if (b[i] != ':' || b[i - 1] != ' ') continue;
            int k = 2;
            while (k < what.length && b[i - 1 + k] == what[k]) k++;
            if (k == what.length) return i - 1;
        }
        return -1;
    }

    private static String decode(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
