package dev.kleaktop.source.parse;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakRecord;
import dev.kleaktop.model.KmemleakReport;

import dev.kleaktop.model.Sizes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Streams a kmemleak report ({@code /sys/kernel/debug/kmemleak}, a saved copy, or the records
 * {@code kmemleak.verbose=1} prints into the kernel log) into a {@link KmemleakReport}, one
 * line at a time, grouping records by allocation backtrace as it goes. Every record is counted;
 * only the first {@code maxRecords} are kept whole.
 *
 * <p>Shapes handled (mm/kmemleak.c across 2.6.31–6.19):
 * <ul>
 *   <li>{@code unreferenced object 0x... (size N):} and the 6.x {@code unreferenced object
 *       (percpu) 0x...} / {@code (phys)} forms;</li>
 *   <li>{@code comm "c", pid P, jiffies J} with or without {@code (age 15.374s)};</li>
 *   <li>an optional {@code hex dump (first N bytes):} with its rows (skipped);</li>
 *   <li>{@code backtrace:} or {@code backtrace (crc XXXXXXXX):};</li>
 *   <li>frames with raw, hashed or 32-bit {@code [<addr>]} prefixes or none (6.7+),
 *       symbolized {@code file.c:123 [inline]} suffixes, trailing blanks, non-breaking spaces
 *       in the indentation;</li>
 *   <li>lines prefixed by a log stamp and {@code kmemleak: } (verbose mode); other log lines
 *       around them are ignored;</li>
 *   <li>anything else between records ({@code BUG: memory leak}, blank lines) ends the
 *       current record and is otherwise ignored;</li>
 *   <li>a header without an {@code 0x...} address or a whole {@code (size N)} (a report
 *       cut or mangled there) starts no record: its lines are skipped up to the next
 *       header, so no record has an empty address or an invented size.</li>
 * </ul>
 *
 * <p>Each group is named as kernel developers and syzbot name a report ({@code title},
 * {@link KmemleakTitle}).
 *
 * <p><b>Grouping key.</b> Records whose backtraces name the same functions in the same order
 * are one call path, whatever their addresses: the key is built from each frame's function
 * name with the {@code [<addr>]} prefix, the {@code +0xoff/0xlen} offset, module and file
 * suffixes removed. Left out of the key are symbolizer-only {@code [inline]} frames (so a
 * symbolized copy of a report groups like the raw one) and the {@code 0xffffffffffffffff} /
 * {@code 0xffffffff} end-of-trace marker of old kernels. Bare-address frames
 * ({@code 0xffffffffc1a92499}: code of an unloaded module) stay in the key as the address,
 * because they are the only thing that tells those call sites apart. The key is
 * {@code <top function>#<16 hex digits>}: a readable name plus a 64-bit FNV-1a hash of the
 * normalised frames, stable across runs and machines for the same kernel build.
 *
 * <p>Never throws on any input. Not thread-safe: one instance per report.
 */
public final class KmemleakParser {
    /** How many full records a report keeps by default. */
    public static final int DEFAULT_MAX_RECORDS = 10_000;
    static final int MAX_COMMS = 8;
    static final int MAX_FRAMES = 64;
    static final int MAX_FRAME_CACHE = 100_000;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private enum State { OUT, HEAD, HEX, TRACE }

    private final int maxRecords;
    private final Consumer<KmemleakRecord> each;
    private final List<KmemleakRecord> kept = new ArrayList<>();
    private final Map<Long, Group> groups = new HashMap<>();
    private final Map<String, Frame> frameCache = new HashMap<>();
    private long count;
    private long totalBytes;

    private State state = State.OUT;
    private boolean verbose;
    private String address;
    private long size;
    private String kind;
    private String comm;
    private Long pid;
    private Long jiffies;
    private Double age;
    private String crc;
    private final ArrayList<Frame> frames = new ArrayList<>();

    // where the content of the line being read starts, set by locate()
    private int cStart;
    private boolean indented;
    private boolean prefixed;

    /** Keeps {@link #DEFAULT_MAX_RECORDS} full records. */
    public KmemleakParser() {
        this(DEFAULT_MAX_RECORDS, null);
    }

    /**
     * @param maxRecords how many full records to keep (all are counted and grouped)
     * @param each       called with every record as it completes, kept or not; may be null
     */
    public KmemleakParser(int maxRecords, Consumer<KmemleakRecord> each) {
        this.maxRecords = Math.max(0, maxRecords);
        this.each = each;
    }

    /** Parses a whole report held in memory; for small inputs and tests. */
    public static KmemleakReport parse(String text) {
        KmemleakParser p = new KmemleakParser();
        text.lines().forEach(p::accept);
        return p.finish();
    }

    /** Feeds the next line (without its terminator). */
    public void accept(String line) {
        if (line == null) return;
        locate(line);
        int n = line.length();
        if (cStart >= n) {
            endRecord();  // a blank line separates records
            return;
        }
        if (line.startsWith("unreferenced object", cStart)) {
            endRecord();
            startRecord(line, cStart + "unreferenced object".length());
            verbose = prefixed;
            return;
        }
        if (state == State.OUT) return;
        if (verbose && !prefixed) return;   // another subsystem's line between verbose lines
        if (!indented) {
            endRecord();                     // "BUG: memory leak", "kmemleak: N new suspected..."
            return;
        }
        if (line.startsWith("comm \"", cStart)) {
            commLine(line, cStart + 6);
        } else if (line.startsWith("hex dump", cStart)) {
            state = State.HEX;
        } else if (line.startsWith("backtrace", cStart)) {
            int c = line.indexOf("(crc ", cStart);
            if (c > 0) {
                int e = line.indexOf(')', c);
                if (e > c + 5) crc = line.substring(c + 5, e);
            }
            state = State.TRACE;
        } else if (state == State.TRACE) {
            frameLine(line, cStart);
        }
    }

    /** Ends the input and returns the report. */
    public KmemleakReport finish() {
        endRecord();
        List<KmemleakGroup> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) out.add(g.toGroup());
        out.sort(Comparator.comparingLong(KmemleakGroup::totalSize).reversed()
                .thenComparing(Comparator.comparingLong(KmemleakGroup::count).reversed())
                .thenComparing(KmemleakGroup::key));
        return new KmemleakReport(List.copyOf(kept), out, count, totalBytes);
    }

    /**
     * Finds where the kmemleak text of a line starts: after indentation, an optional
     * {@code <N>} level, {@code [ stamp ]} and caller id, and an optional {@code kmemleak: }.
     */
    private void locate(String s) {
        int n = s.length();
        int i = 0;
        prefixed = false;
        if (n > 0 && (s.charAt(0) == '[' || s.charAt(0) == '<')) {
            int j = 0;
            if (s.charAt(0) == '<') {
                int close = s.indexOf('>');
                j = close > 0 && close <= 4 ? close + 1 : 0;
            }
            int e = stampEnd(s, j);
            if (e > 0) {
                i = e;
                int c = stampEnd(s, i < n && s.charAt(i) == ' ' ? i + 1 : i);
                if (c > 0) i = c;
                if (i < n && s.charAt(i) == ' ') i++;
            }
        }
        if (s.startsWith("kmemleak: ", i)) {
            i += 10;
            prefixed = true;
        }
        int b = i;
        while (i < n && isBlank(s.charAt(i))) i++;
        cStart = i;
        indented = i > b;
    }

    /** {@code [ digits.digits]} or {@code [ T123]} at i: index after ']' or -1. */
    private static int stampEnd(String s, int i) {
        int n = s.length();
        if (i >= n || s.charAt(i) != '[') return -1;
        int j = i + 1;
        while (j < n && s.charAt(j) == ' ') j++;
        if (j < n && (s.charAt(j) == 'T' || s.charAt(j) == 'C')) j++;
        int d = j;
        while (j < n && ((s.charAt(j) >= '0' && s.charAt(j) <= '9') || s.charAt(j) == '.')) j++;
        if (j == d || j >= n || s.charAt(j) != ']') return -1;
        return j + 1;
    }

    private void startRecord(String s, int i) {
        int n = s.length();
        while (i < n && isBlank(s.charAt(i))) i++;
        kind = "object";
        if (s.startsWith("(percpu)", i)) {
            kind = "percpu";
            i += 8;
        } else if (s.startsWith("(phys)", i)) {
            kind = "phys";
            i += 6;
        }
        while (i < n && isBlank(s.charAt(i))) i++;
        int e = i;
        while (e < n && !isBlank(s.charAt(e))) e++;
        String addr = s.substring(i, e);
        int sz = s.indexOf("(size ", e);
        Long v = sz < 0 ? null : OomText.number(s.substring(sz + 6), "");
        if (!isAddress(addr) || v == null || v < 0 || s.indexOf(')', sz) < 0) {
            // a header cut or mangled before its address and size: no record rather than one
            // with an empty address and an invented size; its lines are skipped
            state = State.OUT;
            return;
        }
        address = addr;
        size = v;
        comm = null;
        pid = null;
        jiffies = null;
        age = null;
        crc = null;
        frames.clear();
        state = State.HEAD;
    }

    /** {@code 0x} and hex digits, as {@code %px}/{@code %pK} print an object's address. */
    private static boolean isAddress(String a) {
        if (a.length() < 3 || !a.startsWith("0x")) return false;
        for (int k = 2; k < a.length(); k++) if (Character.digit(a.charAt(k), 16) < 0) return false;
        return true;
    }

    private void commLine(String s, int i) {
        int end = s.lastIndexOf("\", pid ");
        if (end < i) end = s.lastIndexOf('"');
        if (end >= i) {
            comm = s.substring(i, end);
            int p = s.indexOf(", pid ", end);
            if (p > 0) pid = OomText.number(s.substring(p + 6), "");
            int j = s.indexOf("jiffies ", end);
            if (j > 0) jiffies = OomText.number(s.substring(j + 8), "");
            int a = s.indexOf("(age ", end);
            if (a > 0) {
                int se = a + 5;
                while (se < s.length() && (Character.isDigit(s.charAt(se)) || s.charAt(se) == '.')) se++;
                if (se > a + 5) {
                    try {
                        age = Double.valueOf(s.substring(a + 5, se));
                    } catch (NumberFormatException ignored) {
                        age = null;
                    }
                }
            }
        }
    }

    private void frameLine(String s, int i) {
        int n = s.length();
        if (s.startsWith("[<", i)) {
            int close = s.indexOf(">]", i);
            if (close < 0) return;
            i = close + 2;
            while (i < n && isBlank(s.charAt(i))) i++;
        }
        int e = n;
        while (e > i && isBlank(s.charAt(e - 1))) e--;
        if (e <= i || frames.size() >= MAX_FRAMES) return;
        String display = s.substring(i, e);
        Frame f = frameCache.get(display);
        if (f == null) {
            f = Frame.of(display);
            if (frameCache.size() < MAX_FRAME_CACHE) frameCache.put(display, f);
        }
        frames.add(f);
    }

    private void endRecord() {
        if (state == State.OUT) return;
        state = State.OUT;
        count++;
        totalBytes = Sizes.plus(totalBytes, size);
        long h = FNV_OFFSET;
        Frame top = null;
        String[] shown = new String[frames.size()];
        for (int k = 0; k < shown.length; k++) {
            Frame f = frames.get(k);
            shown[k] = f.display;
            if (f.inKey) h = (h ^ f.hash) * FNV_PRIME;
            if (top == null && !f.internal) top = f;
        }
        List<String> trace = List.of(shown);
        KmemleakRecord rec = new KmemleakRecord(address, size, kind, comm, pid, jiffies, age, trace, crc);
        if (kept.size() < maxRecords) kept.add(rec);
        if (each != null) each.accept(rec);
        Group g = groups.get(h);
        if (g == null) {
            String key = (top == null ? "-" : top.fn) + "#" + String.format(Locale.ROOT, "%016x", h);
            g = new Group(key, top == null ? null : top.display, KmemleakTitle.of(trace), address, trace);
            groups.put(h, g);
        }
        g.count++;
        g.total = Sizes.plus(g.total, size);
        if (comm != null) g.addComm(comm);
        frames.clear();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    /** One distinct frame text and what the grouping needs to know about it. */
    private static final class Frame {
        final String display;
        final String fn;
        final boolean internal;
        final boolean inKey;
        final long hash;

        private Frame(String display, String fn, boolean internal, boolean inKey, long hash) {
            this.display = display;
            this.fn = fn;
            this.internal = internal;
            this.inKey = inKey;
            this.hash = hash;
        }

        static Frame of(String display) {
            int e = 0;
            while (e < display.length() && !isBlank(display.charAt(e))) e++;
            String fn = display.substring(0, e);
            int plus = fn.indexOf('+');
            if (plus > 0) fn = fn.substring(0, plus);
            boolean terminator = KmemleakTitle.isTerminator(fn);
            boolean inline = display.endsWith("[inline]");
            boolean internal = terminator || AllocatorFrames.isInternal(fn);
            long h = FNV_OFFSET;
            for (int k = 0; k < fn.length(); k++) h = (h ^ fn.charAt(k)) * FNV_PRIME;
            return new Frame(display, fn, internal, !inline && !terminator, h);
        }
    }

    /** A group being counted. */
    private static final class Group {
        final String key;
        final String top;
        final String title;
        final String sample;
        final List<String> trace;
        final TreeSet<String> comms = new TreeSet<>();
        long count;
        long total;

        Group(String key, String top, String title, String sample, List<String> trace) {
            this.key = key;
            this.top = top;
            this.title = title;
            this.sample = sample;
            this.trace = trace;
        }

        void addComm(String c) {
            // keep the alphabetically first few, so the set does not depend on record order
            if (comms.size() < MAX_COMMS) {
                comms.add(c);
            } else if (c.compareTo(comms.last()) < 0 && comms.add(c)) {
                comms.pollLast();
            }
        }

        KmemleakGroup toGroup() {
            return new KmemleakGroup(key, count, total, top, title, Arrays.asList(comms.toArray(new String[0])),
                    sample, trace);
        }
    }
}
