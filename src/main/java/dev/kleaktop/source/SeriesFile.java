package dev.kleaktop.source;

import dev.kleaktop.model.MemInfo;
import dev.kleaktop.source.parse.MeminfoParser;
import dev.kleaktop.source.parse.ParseException;
import dev.kleaktop.source.parse.SlabinfoBytes;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A captured series, read one sample at a time: one text file (or its gzip) of kernel files,
 * each after a stamp line, as a shell loop on any box writes it:
 * <pre>
 * ### t=12345.67                        (seconds since boot, /proc/uptime's first field)
 * slabinfo - version: 2.1 ...
 * ### t=12345.68 path=proc/meminfo
 * MemTotal: ...
 * </pre>
 * A stamp has {@code t=SECONDS} or {@code time=ISO-8601} (or both) and optionally
 * {@code path=} (which file of a tree follows; default {@value KernelFs#SLABINFO}). A sample is
 * a run of files of different paths: the next file of a path already in the run starts the
 * next sample, whose time is its first stamp's.
 *
 * <p>What is wrong with one sample (a truncated or garbled dump, a stamp without a time) skips
 * that sample, counted, with a one-line warning naming the file and line; a file of a path
 * kleaktop does not read is skipped with a warning once per path. What makes the rest
 * meaningless (a stamp that goes back in time, another kernel's slabinfo or another box's
 * MemTotal in the middle, a file that is not a series at all) ends the series with a
 * {@link SourceException} naming the file and line: the samples before it stay good.
 * Memory is one sample's files at a time.
 */
public final class SeriesFile implements AutoCloseable {
    /** The files a series may carry, as paths of a tree. */
    public static final List<String> PATHS = List.of(KernelFs.SLABINFO, KernelFs.MEMINFO);
    /** Warnings kept for the end; more are counted only. */
    static final int MAX_WARNINGS = 20;
    private static final int MAX_LINE = 64 << 10;
    private static final byte[] STAMP = "### ".getBytes(StandardCharsets.US_ASCII);

    /** One sample of a series: when, and the files (by path of a tree) as they were. */
    public record Sample(int index, long line, Double uptimeS, Instant time, Map<String, byte[]> files) {}

    private final String name;
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos, lim;
    private long lineNo;
    private boolean eof;
    private final ByteArrayOutputStream lineBuf = new ByteArrayOutputStream(256);
    /** The stamp line read ahead: the first line of the next file. */
    private Stamp pending;
    private int samples;
    private int skipped;
    private final List<String> warnings = new ArrayList<>();
    private int warningsDropped;
    private final Set<String> unknownPaths = new LinkedHashSet<>();
    private final SlabinfoBytes slabParser = new SlabinfoBytes();
    private Sample last;
    private long lastLine;
    private String firstVersion;
    private Long firstMemTotal;
    private int lastCaches = -1;
    private Boolean uptimeStamps;

    private record Stamp(long line, Double t, Instant time, String path, String problem) {}

    private SeriesFile(String name, InputStream in) {
        this.name = name;
        this.in = in;
    }

    /**
     * Opens a series (gzip-compressed or not).
     *
     * @throws SourceException when it cannot be read or is compressed some other way
     */
    public static SeriesFile open(Path file) throws SourceException {
        String shown = file.toString();
        if (Files.isDirectory(file)) throw new SourceException(shown, "is a directory, not a captured series", "");
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new SourceException(shown, "not a regular file", "");
        }
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(8);
            byte[] magic = raw.readNBytes(6);
            raw.reset();
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new SeriesFile(shown, new GZIPInputStream(raw, 1 << 16));
            }
            String other = compression(magic);
            if (other != null) {
                raw.close();
                throw new SourceException(shown, "compressed with " + other + "; kleaktop reads plain or gzip series",
                        "unpack it first (" + other + " -d), or gzip it");
            }
            return new SeriesFile(shown, raw);
        } catch (NoSuchFileException e) {
            throw new SourceException(shown, "no such file", "");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new SourceException(shown, "permission denied", "");
        } catch (IOException e) {
            throw new SourceException(shown, e.getMessage() == null ? "cannot read" : e.getMessage(), "", e);
        }
    }

    private static String compression(byte[] m) {
        if (m.length >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z') return "xz";
        if (m.length >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f && (m[3] & 0xff) == 0xfd) return "zstd";
        if (m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') return "bzip2";
        return null;
    }

    /** The file as named in messages. */
    public String name() { return name; }

    /** Samples returned so far. */
    public int samples() { return samples; }

    /** Samples skipped so far (each with a warning, up to {@value #MAX_WARNINGS}). */
    public int skipped() { return skipped; }

    /** The warnings so far, one line each, oldest first; and how many more there were. */
    public List<String> warnings() { return List.copyOf(warnings); }

    public int warningsDropped() { return warningsDropped; }

    /**
     * The next good sample, or null at the end of the file.
     *
     * @throws SourceException when the series cannot go on (see the class comment)
     */
    public Sample next() throws SourceException {
        while (true) {
            if (pending == null) {
                pending = firstStamp();
                if (pending == null) return null;
            }
            Stamp head = pending;
            pending = null;
            Map<String, byte[]> files = new LinkedHashMap<>();
            String problem = null;
            Set<String> seen = new java.util.HashSet<>();
            Stamp s = head;
            while (s != null) {
                seen.add(s.path());
                byte[] body = body();
                if (s.problem() != null) {
                    if (problem == null) problem = lineOf(s.line()) + s.problem();
                } else if (!PATHS.contains(s.path())) {
                    if (unknownPaths.add(s.path())) {
                        warn(lineOf(s.line()) + "path=" + s.path() + " is not a file kleaktop reads (it reads "
                                + String.join(", ", PATHS) + "): skipped wherever it comes");
                    }
                } else {
                    files.put(s.path(), body);
                }
                Stamp next = readStamp();
                if (next == null) break;
                if (seen.contains(next.path())) {
                    pending = next;
                    break;
                }
                s = next;
            }
            if (problem == null && files.isEmpty()) {
                if (pending == null) return null;
                continue;
            }
            Sample good = check(head, files, problem);
            if (good != null) return good;
        }
    }

    private Sample check(Stamp head, Map<String, byte[]> files, String problem) throws SourceException {
        if (problem != null) return skip(problem);
        byte[] slab = files.get(KernelFs.SLABINFO);
        if (slab == null) return skip(lineOf(head.line()) + "a sample without " + KernelFs.SLABINFO);
        if (uptimeStamps == null) uptimeStamps = head.t() != null;
        if (uptimeStamps && head.t() == null) {
            throw fatal(head.line(), "a stamp without t= in a series of t= stamps");
        }
        if (!uptimeStamps && head.time() == null) {
            throw fatal(head.line(), "a stamp without time= in a series of time= stamps");
        }
        if (last != null) {
            int c = uptimeStamps ? Double.compare(head.t(), last.uptimeS())
                    : head.time().compareTo(last.time());
            if (c < 0) {
                throw fatal(head.line(), "time goes back (" + when(head.t(), head.time()) + " after "
                        + when(last.uptimeS(), last.time()) + " at line " + lastLine + "): a reboot or another box's"
                        + " series; split the file there");
            }
            if (c == 0) return skip(lineOf(head.line()) + "the same time as the sample before it: skipped");
        }
        String version = firstLine(slab);
        if (firstVersion != null && !firstVersion.equals(version) && version.startsWith("slabinfo - version:")) {
            throw fatal(head.line() + 1, "\"" + version + "\" after \"" + firstVersion
                    + "\": another kernel's slabinfo in the middle of the series");
        }
        int caches;
        try {
            caches = slabParser.parse(slab, slab.length).caches().size();
        } catch (ParseException e) {
            return skip(lineOf(head.line() + 1 + Math.max(0, e.line() - 1)) + KernelFs.SLABINFO + ": "
                    + e.getMessage() + " (a truncated or garbled dump): sample skipped");
        }
        if (firstVersion == null) firstVersion = version;
        if (lastCaches > 8 && caches < lastCaches / 2) {
            return skip(lineOf(head.line()) + KernelFs.SLABINFO + " lists " + caches + " caches, the sample before "
                    + lastCaches + " (a truncated dump): sample skipped");
        }
        byte[] mem = files.get(KernelFs.MEMINFO);
        if (mem != null) {
            MemInfo m = MeminfoParser.parse(new String(mem, StandardCharsets.UTF_8));
            Long total = m.memTotalKb();
            if (total == null) {
                return skip(lineOf(head.line()) + KernelFs.MEMINFO + " without MemTotal (a truncated or garbled"
                        + " dump): sample skipped");
            }
            if (firstMemTotal == null) firstMemTotal = total;
            else if (!firstMemTotal.equals(total)) {
                throw fatal(head.line(), "MemTotal " + total + " kB after " + firstMemTotal
                        + " kB: another box's meminfo in the middle of the series");
            }
        }
        lastCaches = caches;
        Sample s = new Sample(samples, head.line(), head.t(), head.time(), Map.copyOf(files));
        samples++;
        last = s;
        lastLine = head.line();
        return s;
    }

    private static String when(Double t, Instant time) {
        return t != null ? "t=" + t : "time=" + time;
    }

    private static String firstLine(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != '\n') n++;
        return new String(b, 0, n, StandardCharsets.UTF_8).strip();
    }

    private Sample skip(String why) {
        skipped++;
        warn(why);
        return null;
    }

    private void warn(String w) {
        if (warnings.size() < MAX_WARNINGS) warnings.add(w);
        else warningsDropped++;
    }

    private String lineOf(long line) { return name + ":" + line + ": "; }

    private SourceException fatal(long line, String why) {
        return new SourceException(name + ":" + line, why, "");
    }

    /** The first stamp of the file; anything else first means it is no series. */
    private Stamp firstStamp() throws SourceException {
        if (lineNo > 0) return readStamp();
        byte[] first = readLine();
        if (first == null) {
            if (lineNo == 0) throw new SourceException(name, "empty: not a captured series", SERIES_FIX);
            return null;
        }
        if (!startsWith(first, STAMP)) {
            throw new SourceException(name + ":1", "does not start with a \"### t=SECONDS\" line: not a captured series",
                    SERIES_FIX);
        }
        return stamp(first);
    }

    static final String SERIES_FIX = "a series is written by a loop such as: while sleep 5; do echo \"### t=$(cut -d' '"
            + " -f1 /proc/uptime)\"; cat /proc/slabinfo; done > series.txt";

    /** The body lines up to the next stamp (left unread), with their newlines. */
    private byte[] body() throws SourceException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        while (true) {
            if (peekStamp()) return out.toByteArray();
            byte[] l = readLine();
            if (l == null) return out.toByteArray();
            if (out.size() + l.length > KernelFs.SLABINFO_LIMIT) {
                throw fatal(lineNo, "a file of more than " + KernelFs.size(KernelFs.SLABINFO_LIMIT)
                        + " between two stamps: not a captured series");
            }
            out.write(l, 0, l.length);
            out.write('\n');
        }
    }

    private Stamp readStamp() throws SourceException {
        byte[] l = readLine();
        return l == null ? null : stamp(l);
    }

    private Stamp stamp(byte[] line) {
        long at = lineNo;
        String s = new String(line, STAMP.length, line.length - STAMP.length, StandardCharsets.UTF_8).strip();
        Double t = null;
        Instant time = null;
        String path = KernelFs.SLABINFO;
        String problem = null;
        for (String part : s.split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            String k = part.substring(0, eq), v = part.substring(eq + 1);
            switch (k) {
                case "t" -> {
                    try {
                        t = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        t = null;
                    }
                    if (t == null || !(t >= 0) || t.isInfinite()) {
                        problem = "t=" + v + " is not a number of seconds: sample skipped";
                    }
                }
                case "time" -> {
                    time = Sampler.instant(v);
                    if (time == null) problem = "time=" + v + " is not an ISO-8601 time: sample skipped";
                }
                case "path" -> path = v.startsWith("/") ? v.substring(1) : v;
                default -> { }
            }
        }
        if (problem == null && t == null && time == null) problem = "a stamp without t= or time=: sample skipped";
        return new Stamp(at, problem == null ? t : null, problem == null ? time : null, path, problem);
    }

    private boolean peekStamp() throws SourceException {
        if (!fill()) return false;
        if (lim - pos >= STAMP.length) {
            for (int i = 0; i < STAMP.length; i++) if (buf[pos + i] != STAMP[i]) return false;
            return true;
        }
        // fewer bytes buffered than a stamp's start: compact and read more
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
        try {
            while (lim < STAMP.length) {
                int r = in.read(buf, lim, buf.length - lim);
                if (r < 0) break;
                lim += r;
            }
        } catch (IOException e) {
            throw readFailed(e);
        }
        if (lim < STAMP.length) return false;
        for (int i = 0; i < STAMP.length; i++) if (buf[i] != STAMP[i]) return false;
        return true;
    }

    private boolean fill() throws SourceException {
        if (pos < lim) return true;
        if (eof) return false;
        try {
            int r = in.read(buf, 0, buf.length);
            if (r < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            lim = r;
            return true;
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    private SourceException readFailed(IOException e) {
        String why = e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException
                ? "the gzip stream is corrupt or cut short" : e.getMessage() == null ? "read failed" : e.getMessage();
        return new SourceException(name + ":" + lineNo, why, "", e);
    }

    /** The next line without its newline (a trailing CR dropped), or null at the end. */
    private byte[] readLine() throws SourceException {
        lineBuf.reset();
        boolean any = false;
        while (fill()) {
            any = true;
            int start = pos;
            while (pos < lim && buf[pos] != '\n') pos++;
            lineBuf.write(buf, start, pos - start);
            if (lineBuf.size() > MAX_LINE) {
                throw fatal(lineNo + 1, "a line longer than " + KernelFs.size(MAX_LINE) + ": not a captured series");
            }
            if (pos < lim) {
                pos++;
                break;
            }
        }
        if (!any) return null;
        lineNo++;
        byte[] l = lineBuf.toByteArray();
        int n = l.length;
        if (n > 0 && l[n - 1] == '\r') l = java.util.Arrays.copyOf(l, n - 1);
        return l;
    }

    private static boolean startsWith(byte[] l, byte[] p) {
        if (l.length < p.length) return false;
        for (int i = 0; i < p.length; i++) if (l[i] != p[i]) return false;
        return true;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read only
        }
    }
}
