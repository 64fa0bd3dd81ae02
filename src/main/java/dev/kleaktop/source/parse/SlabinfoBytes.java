package dev.kleaktop.source.parse;

import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The refresh loop's /proc/slabinfo parser: reads the bytes as read from the file, without a
 * String per line, and keeps each cache name (and its {@link CacheId}) from one refresh to
 * the next, so a refresh allocates little more than the {@link SlabCache} records it returns
 * (a 10,000-cache file is 1.5 MB of text every refresh). The result is exactly that of
 * {@link SlabinfoParser#parse(String)} on the same bytes decoded as UTF-8; a line with
 * non-ASCII bytes (never seen in practice) is decoded and parsed by that parser's rules.
 *
 * <p>Names not seen for a refresh are forgotten once they outnumber the live ones, so memory
 * stays bounded while memory cgroups come and go. Not thread-safe: one per sampler.
 */
public final class SlabinfoBytes {
    private static final byte[] TUNABLES = " : tunables".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SLABDATA = " : slabdata".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = " : ".getBytes(StandardCharsets.US_ASCII);

    private final Map<Key, Name> names = new HashMap<>();
    private final Key probe = new Key();
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
        final Key key;
        CacheId[] ids = new CacheId[1];
        int pass = -1;
        int count;

        Name(String name, Key key) {
            this.name = name;
            this.key = key;
        }

        boolean is(byte[] b, int off, int len) {
            return key.len == len && java.util.Arrays.equals(key.bytes, 0, len, b, off, off + len);
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

    /** Bytes of a name; the probe instance points into the read buffer instead of owning them. */
    private static final class Key {
        byte[] bytes;
        int off;
        int len;
        int hash;

        Key set(byte[] b, int off, int len) {
            this.bytes = b;
            this.off = off;
            this.len = len;
            int h = 1;
            for (int i = off; i < off + len; i++) h = 31 * h + b[i];
            this.hash = h;
            return this;
        }

        Key copy() {
            Key k = new Key();
            k.bytes = java.util.Arrays.copyOfRange(bytes, off, off + len);
            k.off = 0;
            k.len = len;
            k.hash = hash;
            return k;
        }

        @Override
        public int hashCode() { return hash; }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.len != len || k.hash != hash) return false;
            return java.util.Arrays.equals(bytes, off, off + len, k.bytes, k.off, k.off + k.len);
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
        String version = null;
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
            lineNo++;
            if (version == null) {
                version = SlabinfoParser.parseHeader(decode(buf, start, end), lineNo);
                continue;
            }
            SlabCache c;
            if (high >= 0) {
                if (isBlank(buf, start, end) || buf[start] == '#') continue;
                c = parseLine(buf, start, end);
            } else {
                String line = decode(buf, start, end);
                if (line.isBlank() || line.startsWith("#")) continue;
                c = parseDecoded(line);
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
        if (version == null) throw new ParseException(1, "empty file, expected 'slabinfo - version: 2.x'");
        return new SlabInfo(version, caches, truncated);
    }

    private SlabCache parseLine(byte[] b, int start, int end) {
        int tun = find(b, TUNABLES, start, end);
        int sd = find(b, SLABDATA, start, end);
        if (tun < 0 || sd < tun) return null;
        int nameEnd = parseTrailingNumbers(b, start, tun, head);
        if (nameEnd <= start) return null;
        int ns = start;
        int ne = nameEnd;
        while (ns < ne && (b[ns] & 0xff) <= ' ') ns++;
        while (ne > ns && (b[ne - 1] & 0xff) <= ' ') ne--;
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
        if (name == null || !name.is(b, off, len)) {
            name = names.get(probe.set(b, off, len));
            if (name == null) {
                Key k = probe.copy();
                name = new Name(new String(b, off, len, StandardCharsets.ISO_8859_1), k);
                names.put(k, name);
            }
        }
        if (i == order.length) order = java.util.Arrays.copyOf(order, Math.max(16, i * 2));
        order[orderCount++] = name;
        return name;
    }

    /** A line with non-ASCII bytes: the String parser's rules, this parser's occurrence counts. */
    private SlabCache parseDecoded(String line) {
        SlabCache c = SlabinfoParser.parseLine(line, new HashMap<>());
        if (c == null) return null;
        byte[] key = c.name().getBytes(StandardCharsets.UTF_8);
        Name name = names.get(probe.set(key, 0, key.length));
        if (name == null) {
            Key k = probe.copy();
            name = new Name(c.name(), k);
            names.put(k, name);
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
        if (names.size() <= 2 * present + 64) return;
        Iterator<Name> it = names.values().iterator();
        while (it.hasNext()) {
            if (it.next().pass != pass) it.remove();
        }
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
