package dev.kleaktop.source;

import dev.kleaktop.model.KmemleakRecord;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.KmemleakParser;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The kmemleak debugfs file: reads the suspects report, triggers a scan, clears the list.
 *
 * <p><b>Every call blocks</b>: a scan holds the kernel's scan mutex for seconds to minutes,
 * and a read waits for a running scan. Call these from a worker thread, never from the one
 * that draws the screen or reads keys.
 *
 * <p>Unavailability is explained, with the fix: not root; debugfs not mounted; a kernel built
 * without CONFIG_DEBUG_KMEMLEAK; kmemleak disabled at boot ({@code kmemleak=off}) or after an
 * internal error, which the kernel reports as EPERM on a write (and EBUSY or EPERM on a read
 * in some versions). Built read-only ({@code --read-only}), it refuses {@code scan} and
 * {@code clear} before touching the kernel.
 */
public final class KmemleakControl {
    static final String DISABLED = "kmemleak is disabled (an internal error or kmemleak=off)";
    static final String DISABLED_FIX = "see the kmemleak lines of dmesg; boot with kmemleak=on";
    static final String NO_DEBUGFS = "debugfs not mounted";
    static final String NOT_CAPTURED = "not in the captured tree";
    static final String MOUNT_FIX = "mount -t debugfs none /sys/kernel/debug";
    static final String NO_KMEMLEAK = "kernel built without CONFIG_DEBUG_KMEMLEAK";
    static final String NO_KMEMLEAK_FIX = "boot a kernel with CONFIG_DEBUG_KMEMLEAK=y";
    static final String NEEDS_ROOT = "permission denied (needs root)";
    /** Beyond this many suspects, new ones are counted by difference instead of by address. */
    static final int MAX_TRACKED_ADDRESSES = 500_000;

    /**
     * The outcome of a scan.
     *
     * @param duration       how long the kernel took (the write of {@code scan})
     * @param suspectsBefore records in the report before the scan
     * @param suspectsAfter  records after it
     * @param newSuspects    records after it whose address was not reported before
     * @param report         the report after the scan
     */
    public record ScanResult(Duration duration, long suspectsBefore, long suspectsAfter, long newSuspects,
                             KmemleakReport report) {}

    /** The two kernel operations, a seam so tests can play the kernel's errors. */
    interface Io {
        InputStream open(String rel) throws SourceException;

        void write(String rel, String command) throws SourceException;
    }

    private final KernelFs fs;
    private final boolean readOnly;
    private final LongSupplier nanoTime;
    private final Io io;
    private final int maxRecords;

    /**
     * @param readOnly true under {@code --read-only}: scan and clear are refused
     * @param nanoTime a monotonic clock in nanoseconds, for the scan duration
     */
    public KmemleakControl(KernelFs fs, boolean readOnly, LongSupplier nanoTime) {
        this(fs, readOnly, nanoTime, new Io() {
            @Override
            public InputStream open(String rel) throws SourceException { return fs.open(rel); }

            @Override
            public void write(String rel, String command) throws SourceException { fs.writeCommand(rel, command); }
        }, KmemleakParser.DEFAULT_MAX_RECORDS);
    }

    KmemleakControl(KernelFs fs, boolean readOnly, LongSupplier nanoTime, Io io, int maxRecords) {
        this.fs = fs;
        this.readOnly = readOnly;
        this.nanoTime = nanoTime;
        this.io = io;
        this.maxRecords = maxRecords;
    }

    /**
     * Whether the kmemleak file is there to use. Looks at the directory only, so it does not
     * block behind a running scan; a disabled kmemleak shows only when read or written.
     */
    public SourceState state() {
        if (!fs.isLive() && !fs.exists(KernelFs.DEBUGFS)) {
            // a captured tree without sys/kernel/debug did not capture it: mounting debugfs
            // here would not help
            return SourceState.unavailable(NOT_CAPTURED, "");
        }
        if (!fs.isDirectory(KernelFs.DEBUGFS)) return SourceState.unavailable(NO_DEBUGFS, MOUNT_FIX);
        List<String> names;
        try {
            names = fs.list(KernelFs.DEBUGFS);
        } catch (SourceException e) {
            if (e.reason().startsWith("permission denied")) return SourceState.unavailable(NEEDS_ROOT, "run as root");
            return e.toState();
        }
        if (names.isEmpty()) return SourceState.unavailable(NO_DEBUGFS, MOUNT_FIX);
        if (!names.contains("kmemleak")) return SourceState.unavailable(NO_KMEMLEAK, NO_KMEMLEAK_FIX);
        return SourceState.OK;
    }

    /** The kmemleak file as messages name it. */
    public String path() { return fs.display(KernelFs.KMEMLEAK); }

    /** Reads and parses the current report. Blocks while a scan runs. */
    public KmemleakReport report() throws SourceException {
        return read(null);
    }

    /**
     * Writes {@code scan} and waits for the kernel to finish it, then reads the report.
     * Blocks for the whole scan (seconds to minutes).
     */
    public ScanResult scan() throws SourceException {
        refuseIfReadOnly("scan");
        // addresses as longs in a sorted array: 8 bytes a suspect, however many there are
        long[][] seen = {new long[1024]};
        int[] n = {0};
        boolean[] overflow = {false};
        KmemleakReport old = read(r -> {
            if (n[0] >= MAX_TRACKED_ADDRESSES) {
                overflow[0] = true;
                return;
            }
            if (n[0] == seen[0].length) seen[0] = Arrays.copyOf(seen[0], n[0] * 2);
            seen[0][n[0]++] = addressKey(r.address());
        });
        long[] before = Arrays.copyOf(seen[0], n[0]);
        Arrays.sort(before);
        long t0 = nanoTime.getAsLong();
        write("scan");
        Duration took = Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - t0));
        long[] fresh = {0};
        KmemleakReport now = read(r -> {
            if (Arrays.binarySearch(before, addressKey(r.address())) < 0) fresh[0]++;
        });
        long added = overflow[0] ? Math.max(0, now.recordCount() - old.recordCount()) : fresh[0];
        return new ScanResult(took, old.recordCount(), now.recordCount(), added, now);
    }

    /** {@code 0xffff888...} as its value; anything else hashed (FNV-1a). */
    static long addressKey(String a) {
        if (a != null && a.startsWith("0x") && a.length() > 2 && a.length() <= 18) {
            try {
                return Long.parseUnsignedLong(a, 2, a.length(), 16);
            } catch (NumberFormatException ignored) {
                // fall through to the hash
            }
        }
        long h = 0xcbf29ce484222325L;
        String s = a == null ? "" : a;
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
        return h;
    }

    /** Writes {@code clear}: the current suspects are not reported again. */
    public void clear() throws SourceException {
        refuseIfReadOnly("clear");
        write("clear");
    }

    private void refuseIfReadOnly(String what) throws SourceException {
        if (readOnly) {
            throw new SourceException(fs.display(KernelFs.KMEMLEAK), "refused to " + what + ": --read-only",
                    "run without --read-only to " + what);
        }
    }

    private KmemleakReport read(Consumer<KmemleakRecord> each) throws SourceException {
        KmemleakParser parser = new KmemleakParser(maxRecords, each);
        try (InputStream in = io.open(KernelFs.KMEMLEAK)) {
            LineReader lines = new LineReader(in, 16 * 1024, false);
            String l;
            while ((l = lines.next()) != null) parser.accept(l);
        } catch (SourceException e) {
            throw explain(e);
        } catch (IOException e) {
            throw explain(fs.translate(KernelFs.KMEMLEAK, e));
        }
        return parser.finish();
    }

    private void write(String command) throws SourceException {
        try {
            io.write(KernelFs.KMEMLEAK, command);
        } catch (SourceException e) {
            throw explain(e);
        }
    }

    /** Puts the kernel's errno into kmemleak's terms. */
    private SourceException explain(SourceException e) {
        String r = e.reason() == null ? "" : e.reason();
        String shown = fs.display(KernelFs.KMEMLEAK);
        if (r.equals("operation not permitted") || r.contains("Device or resource busy")) {
            return new SourceException(shown, DISABLED, DISABLED_FIX, e);
        }
        if (r.startsWith("permission denied")) {
            return new SourceException(shown, NEEDS_ROOT, "run as root", e);
        }
        if (r.equals("not found")) {
            SourceState s = state();
            if (s instanceof SourceState.Unavailable u) return new SourceException(shown, u.reason(), u.fix(), e);
        }
        return e;
    }
}
