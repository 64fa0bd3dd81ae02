package dev.kleaktop.source;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.KmsgRecordParser;
import dev.kleaktop.source.parse.UptimeParser;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads kernel log records from {@code dev/kmsg} incrementally, by sequence number, without
 * ever blocking its caller.
 *
 * <p><b>Live device.</b> Each {@code read()} of /dev/kmsg returns exactly one record and blocks
 * at the end of the log; Java cannot open it {@code O_NONBLOCK}. So one daemon thread does the
 * blocking reads into a bounded queue and {@link #drain()} only empties the queue. When the
 * queue is full the thread stops reading, the kernel overwrites what it could not deliver, and
 * the next read fails with {@code EPIPE}; the reader then continues from the oldest record
 * left, and the gap in sequence numbers is reported as {@link Batch#lost()}. Memory is bounded
 * by the queue whatever the log rate.
 *
 * <p><b>Where to start.</b> From the start of the buffer (history, for the screen), or from its
 * end (only new records). Java cannot {@code lseek(SEEK_END)} on the device, so "from the end"
 * reads the history and drops it. Where the history ends is known exactly when the device can
 * be read non-blocking ({@link DeviceSource}: the read that finds nothing says so). Otherwise
 * the history is over when the reader thread is asleep in the kernel's {@code devkmsg_read}
 * with nothing queued (its {@code /proc/self/task/TID/wchan} says so: one small read), or,
 * where the kernel does not name it, once the thread has waited
 * {@link #SETTLE} with nothing to read. A record logged within that moment after opening may
 * be taken for history.
 *
 * <p><b>Captured tree.</b> When {@code dev/kmsg} under the root is a regular file (records
 * separated by newlines or NULs, as util-linux and the corpus store them), it is read once to
 * the end, from its start, in the caller's thread (a file never blocks), at most
 * {@link #MAX_BATCH} records per drain.
 *
 * <p>Records of live devices get an ISO-8601 UTC wall time computed from the boot time (clock
 * now minus {@code proc/uptime}), with the same drift as {@code dmesg -T} after a suspend.
 *
 * <p><b>Records on the reader thread.</b> Given a sink, a live device hands each record to it
 * on the reader thread instead of queueing it (a consumer that parses every record then does
 * it alongside the caller, not in its refresh), without its wall time ({@link #wallTimeOf});
 * {@link #drain()} then brings only the count of lost records and state changes.
 *
 * <p>One consumer thread calls {@link #drain()}; {@link #close()} may come from any thread.
 */
public final class KmsgReader implements AutoCloseable {
    /** Records the reader thread may buffer before the kernel has to drop some. */
    static final int QUEUE_CAPACITY = 4096;
    /** At most this many records per {@link #drain()}, so one refresh stays short. */
    static final int MAX_BATCH = 10_000;
    /** Quiet time after which the history present at open is taken as read. */
    static final Duration SETTLE = Duration.ofMillis(100);
    /** A record is at most about 8 KiB (CONSOLE_EXT_LOG_MAX); a shorter buffer gets EINVAL. */
    static final int RECORD_BUFFER = 16 * 1024;
    /** Where the kernel puts a reader of /dev/kmsg to sleep when there is nothing to read. */
    static final String KMSG_WAIT = "devkmsg_read";

    /**
     * What one drain brought.
     *
     * @param records the new records, oldest first
     * @param lost    records overwritten before they could be read since the last drain
     */
    public record Batch(List<LogRecord> records, long lost) {}

    /** One record per call, blocking until there is one; null at the end of the source. */
    interface RecordSource extends Closeable {
        String next() throws IOException;
    }

    private static final Object END = new Object();
    /** Queued where the history present at open ends (queue mode). */
    private static final Object HISTORY_MARK = new Object();
    /**
     * Returned by a source's {@link RecordSource#next()}, once, when the device says it has
     * nothing more to read: the history present at open has been read. Compared by identity.
     */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String HISTORY_END = new String("end of the history");

    private final RecordSource source;
    private final boolean threaded;
    private final boolean fromStart;
    /** Boot time for wall times; set by the reader thread when given as {@link #bootLater}. */
    private volatile Instant boot;
    /** Works out the boot time on the reader thread (a file and a clock read off the caller's start). */
    private Supplier<Instant> bootLater;
    private final LongSupplier nanoTime;
    private final Consumer<LogRecord> sink;
    private final long settleNanos;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile long lastReadNanos;
    private volatile boolean inRead;
    /** Reads started by the reader thread: a read that returned changes it. */
    private volatile long readsStarted;
    /** Records lost before records handed to the sink; taken by drain(). */
    private final AtomicLong sinkLost = new AtomicLong();
    /** Whether the reader thread is asleep in the device's read right now. */
    private Predicate<KmsgReader> asleep = KmsgReader::asleepInKernelRead;
    /** The reader thread's Linux thread id (for its wchan), 0 when unknown. */
    private volatile int readerTid;
    /** The source said where the history ends, and (with a sink) all of it was handed over. */
    private volatile boolean historyEnded;
    /** The consumer drained the history mark (queue mode). */
    private boolean markDrained;
    private volatile boolean closed;
    private volatile SourceState state = SourceState.OK;
    private Thread thread;

    private long lastSeq = -1;
    private boolean caughtUp;
    private boolean ended;

    KmsgReader(RecordSource source, boolean threaded, boolean fromStart, Instant boot, LongSupplier nanoTime) {
        this(source, threaded, fromStart, boot, nanoTime, null, SETTLE);
    }

    KmsgReader(RecordSource source, boolean threaded, boolean fromStart, Instant boot, LongSupplier nanoTime,
               Consumer<LogRecord> sink, Duration settle) {
        if (sink != null && !(threaded && fromStart)) {
            throw new IllegalArgumentException("a sink takes every record of a live device from its start");
        }
        this.source = source;
        this.threaded = threaded;
        this.fromStart = fromStart || !threaded;
        this.boot = boot;
        this.nanoTime = nanoTime;
        this.sink = sink;
        this.settleNanos = settle.toNanos();
        this.lastReadNanos = nanoTime.getAsLong();
        this.caughtUp = this.fromStart;
    }

    /** Replaces how "asleep in the device's read" is told (tests with fake devices). */
    void asleepWhen(Predicate<KmsgReader> p) { this.asleep = p; }

    /**
     * Opens {@code dev/kmsg} under the root.
     *
     * @param fromStart true to deliver the history in the buffer, false for new records only
     *                  (ignored for a captured file, which is always read from its start)
     * @param clock     for the wall time of live records; null for none
     * @throws SourceException when it cannot be opened: missing, permission denied, or
     *                         {@code dmesg_restrict=1} without root
     */
    public static KmsgReader open(KernelFs fs, boolean fromStart, Clock clock) throws SourceException {
        return open(fs, fromStart, clock, null);
    }

    /**
     * Opens {@code dev/kmsg} under the root; a live device hands each record to {@code sink} on
     * its reader thread (from the start of the buffer), a captured file is read by
     * {@link #drain()} as without a sink.
     *
     * @param sink for a live device, takes each record on the reader thread; null to queue them
     */
    public static KmsgReader open(KernelFs fs, boolean fromStart, Clock clock,
                                  Consumer<LogRecord> sink) throws SourceException {
        KmsgReader r = openStopped(fs, fromStart, clock, sink);
        r.start();
        return r;
    }

    /**
     * As {@link #open(KernelFs, boolean, Clock, Consumer)}, but a live device's reader thread
     * is started only by {@link #start()}: the device is open (so its state is known) and
     * nothing is read yet.
     */
    public static KmsgReader openStopped(KernelFs fs, boolean fromStart, Clock clock,
                                         Consumer<LogRecord> sink) throws SourceException {
        Path p = fs.resolve(KernelFs.KMSG);
        if (Files.isRegularFile(p)) {
            return new KmsgReader(new FileSource(fs.open(KernelFs.KMSG)), false, true, null, System::nanoTime);
        }
        FileInputStream in;
        try {
            in = fs.openStream(KernelFs.KMSG);
        } catch (IOException e) {
            throw denied(fs, e, isRoot());
        }
        // the caller only opens the device; the rest of the set-up happens on the reader thread
        KmsgReader r = new KmsgReader(new DeviceSource(in, true), true, fromStart || sink != null,
                null, System::nanoTime, sink, SETTLE);
        if (clock != null) r.bootLater = () -> bootTime(fs, clock);
        return r;
    }

    /** Whether the reader thread is still running (for tests of close). */
    boolean readerAlive() { return thread != null && thread.isAlive(); }

    /** Starts the reader thread of a live device; nothing when it runs already or the source is a file. */
    public synchronized void start() {
        if (!threaded || thread != null) return;
        thread = new Thread(this::readLoop, "kleaktop-kmsg");
        thread.setDaemon(true);
        thread.start();
    }

    /** New records since the last call; never blocks. */
    public Batch drain() {
        List<LogRecord> out = new ArrayList<>();
        long lost = 0;
        if (threaded) {
            Object o;
            while (out.size() < MAX_BATCH && (o = queue.poll()) != null) {
                if (o == HISTORY_MARK) {
                    markDrained = true;
                    caughtUp = true;
                } else if (o == END) {
                    ended = true;
                } else if (o instanceof SourceState s) {
                    state = s;
                } else {
                    lost += take((LogRecord) o, out);
                }
            }
            if (!caughtUp && readerWaiting()) caughtUp = true;
            lost += sinkLost.getAndSet(0);
        } else if (!ended) {
            try {
                while (out.size() < MAX_BATCH) {
                    String raw = source.next();
                    if (raw == null) {
                        ended = true;
                        closeQuietly();
                        break;
                    }
                    Optional<LogRecord> r = KmsgRecordParser.parse(raw);
                    if (r.isPresent()) lost += take(r.get(), out);
                }
            } catch (IOException e) {
                state = SourceState.unavailable(reasonOf(e), "");
                ended = true;
                closeQuietly();
            }
        }
        return new Batch(out, lost);
    }

    /** Counts the gap before {@code r}, then keeps it unless it is history to skip. */
    private long take(LogRecord r, List<LogRecord> out) {
        long gap = 0;
        if (caughtUp && lastSeq >= 0 && r.seq() > lastSeq + 1) gap = r.seq() - lastSeq - 1;
        if (r.seq() >= 0) lastSeq = r.seq();
        if (!caughtUp) return 0;
        out.add(stamped(r));
        return gap;
    }

    private LogRecord stamped(LogRecord r) {
        return boot == null || r.uptimeS() == null ? r : r.withWallTime(wallOf(r.uptimeS()));
    }

    /**
     * On the reader thread, with a sink: counts the gap before {@code r}, hands it over as
     * read, without a wall time (formatting one per record would cost more than the rest of
     * reading it; the consumer asks {@link #wallTimeOf} for the few it shows).
     */
    private void hand(LogRecord r) {
        if (lastSeq >= 0 && r.seq() > lastSeq + 1) sinkLost.addAndGet(r.seq() - lastSeq - 1);
        if (r.seq() >= 0) lastSeq = r.seq();
        sink.accept(r);
    }

    /** The ISO-8601 UTC wall time of a live record's uptime, or null when unknown. */
    public String wallTimeOf(Double uptimeS) {
        return boot == null || uptimeS == null ? null : wallOf(uptimeS);
    }

    /**
     * True when the reader thread is waiting for the kernel's next record with nothing queued:
     * asleep in the device's read, or quiet for the settle time.
     */
    private boolean readerWaiting() {
        if (!queue.isEmpty()) return false;
        // exact where the device said so (it was read non-blocking until it had nothing more)
        if (sink != null ? historyEnded : markDrained) return true;
        if (!inRead) return false;
        return asleep.test(this) || nanoTime.getAsLong() - lastReadNanos > settleNanos;
    }

    /**
     * Whether the reader thread sleeps in the kernel's {@value #KMSG_WAIT} within a read that
     * has not returned: checked by its wchan, with the count of reads unchanged around it so a
     * read that returned in between does not count. False where the kernel does not name it.
     */
    private static boolean asleepInKernelRead(KmsgReader r) {
        int tid = r.readerTid;
        if (tid <= 0) return false;
        long before = r.readsStarted;
        // this process's own /proc, whatever tree the reader reads
        String wchan = KernelFs.live().readLine("/proc/self/task/" + tid + "/wchan").orElse("");
        return KMSG_WAIT.equals(wchan) && r.inRead && r.readsStarted == before;
    }

    /** The calling thread's Linux thread id, from the /proc/thread-self link; 0 when unknown. */
    static int ownTid() {
        try {
            String s = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(s.substring(s.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }


    /**
     * When reading from the end: waits until the history present at open has been read and
     * dropped, so that what follows is new. Returns at once when reading from the start.
     *
     * @return true when caught up, false on timeout or when the source failed
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        while (!caughtUp) {
            Batch b = drain();
            if (!b.records().isEmpty()) throw new IllegalStateException("records before catching up");
            if (caughtUp || ended || !state.ok()) break;
            if (nanoTime.getAsLong() > deadline) return false;
            Thread.sleep(10);
        }
        return caughtUp && state.ok();
    }

    /**
     * True when everything the kernel had has been handed out: the reader thread waits for a
     * new record with nothing queued (asleep in the device's read, or quiet for
     * {@link #SETTLE}), or the source ended. One-shot readers of the history
     * ({@code kleaktop oom}) drain until this holds.
     */
    public boolean idle() {
        if (ended || !state.ok()) return true;
        if (!threaded) return false;
        return readerWaiting();
    }

    /** Ok, or why reading stopped. */
    public SourceState state() { return state; }

    /** The sequence number of the last record read, or -1. */
    public long lastSeq() { return lastSeq; }

    /** True when a captured file has been read to its end (live devices never end). */
    public boolean ended() { return ended; }

    @Override
    public void close() {
        closed = true;
        closeQuietly();
        if (thread != null) thread.interrupt();
    }

    private void readLoop() {
        if (bootLater != null) boot = bootLater.get();
        if (source instanceof DeviceSource d) d.prepare();
        readerTid = ownTid();
        int pipes = 0;
        while (!closed) {
            String raw;
            try {
                readsStarted++;
                inRead = true;
                raw = source.next();
                inRead = false;
            } catch (IOException e) {
                inRead = false;
                if (closed || e instanceof ClosedChannelException) break;  // closed: no error to show
                if (isBrokenPipe(e) && ++pipes < 10_000) {
                    continue;  // overwritten: the next read returns the oldest record left
                }
                put(SourceState.unavailable(reasonOf(e), ""));
                break;
            }
            pipes = 0;
            lastReadNanos = nanoTime.getAsLong();
            if (raw == null) {
                put(END);
                break;
            }
            if (raw == HISTORY_END) {  // identity: the source's own marker
                if (sink == null && !put(HISTORY_MARK)) break;
                historyEnded = true;
                continue;
            }
            Optional<LogRecord> r = KmsgRecordParser.parse(raw);
            if (r.isEmpty()) continue;
            if (sink != null) {
                hand(r.get());
            } else if (!put(r.get())) {
                break;
            }
        }
        inRead = false;
    }

    private boolean put(Object o) {
        try {
            queue.put(o);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeQuietly() {
        try {
            source.close();
        } catch (IOException ignored) {
            // closing is best effort; the reader is done with it either way
        }
    }

    private String wallOf(double uptimeS) {
        return dev.kleaktop.model.IsoTime.millis(boot.plusNanos(Math.round(uptimeS * 1e9)));
    }

    static boolean isBrokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    private static String reasonOf(IOException e) {
        return e.getMessage() == null ? "read failed" : e.getMessage();
    }

    /** Why opening failed, with dmesg_restrict and missing root spelled out. */
    static SourceException denied(KernelFs fs, IOException e, boolean root) {
        SourceException base = fs.translate(KernelFs.KMSG, e);
        boolean perm = e instanceof AccessDeniedException || "operation not permitted".equals(base.reason());
        if (!perm || root) return base;
        String shown = fs.display(KernelFs.KMSG);
        if ("1".equals(fs.readLine(KernelFs.DMESG_RESTRICT).orElse(""))) {
            return new SourceException(shown, "dmesg_restrict=1: needs root or CAP_SYSLOG",
                    "run as root, or sysctl kernel.dmesg_restrict=0", e);
        }
        return new SourceException(shown, "permission denied (needs root)", "run as root", e);
    }

    private static Instant bootTime(KernelFs fs, Clock clock) {
        Optional<String> up;
        try {
            up = fs.readLine(KernelFs.UPTIME);
        } catch (FileRefusedException e) {
            return null;  // on the reader thread: the sampler, reading the same file, reports it
        }
        if (up.isEmpty()) return null;
        Double s = UptimeParser.parse(up.get());
        return s == null ? null : clock.instant().minusNanos(Math.round(s * 1e9));
    }

    /** Effective uid 0, from /proc/self/status (this process, not the --root tree). */
    static boolean isRoot() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    String[] f = l.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * The live device: one read() per record.
     *
     * <p>The history is read through java.io with the descriptor set non-blocking: a FileChannel
     * read costs about ten times as much per call (thousands of records at start), and the
     * read that finds nothing more says exactly where the history ends ({@link #HISTORY_END}).
     * From then on the descriptor blocks again and reads go through the FileChannel of the same
     * descriptor, whose close wakes a read waiting in the kernel; a thread left blocked in a
     * java.io read would hold up the JVM's exit by 300 ms.
     *
     * <p>Setting the descriptor non-blocking needs {@code sun.nio.ch.IOUtil} (exported to
     * kleaktop by its jar's manifest); without it every read goes through the channel and the
     * end of the history is told by the reader's wchan or the settle time.
     */
    static final class DeviceSource implements RecordSource {
        private final FileInputStream in;
        private final boolean tryNonBlocking;
        private final byte[] buf = new byte[RECORD_BUFFER];
        private volatile FileChannel ch;
        private ByteBuffer direct;
        private boolean nonBlocking;
        private boolean prepared;

        /**
         * @param tryNonBlocking read the history non-blocking when the JVM lets us set it so
         */
        DeviceSource(FileInputStream in, boolean tryNonBlocking) {
            this.in = in;
            this.tryNonBlocking = tryNonBlocking;
        }

        /** Sets up the channel and the mode; by the reader thread before its first read. */
        void prepare() {
            if (prepared) return;
            prepared = true;
            ch = in.getChannel();
            direct = ByteBuffer.allocateDirect(RECORD_BUFFER);
            nonBlocking = tryNonBlocking && Blocking.set(in, false);
        }

        /** Whether the history is being read non-blocking (for tests; after the first read). */
        boolean readsNonBlocking() { return nonBlocking; }

        @Override
        public String next() throws IOException {
            prepare();
            if (nonBlocking) {
                try {
                    return readPlain();
                } catch (IOException first) {
                    // nothing more (EAGAIN), or records overwritten meanwhile (EPIPE: the next
                    // read returns the oldest left): only the former fails twice in a row
                    try {
                        return readPlain();
                    } catch (IOException again) {
                        nonBlocking = false;
                        if (!Blocking.set(in, true)) throw again;
                        return HISTORY_END;
                    }
                }
            }
            while (true) {
                direct.clear();
                int n = ch.read(direct);
                if (n < 0) return null;
                if (n > 0) {
                    direct.flip();
                    direct.get(buf, 0, n);
                    return new String(buf, 0, n, StandardCharsets.UTF_8);
                }
            }
        }

        private String readPlain() throws IOException {
            int n = in.read(buf);
            return n < 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            FileChannel c = ch;
            if (c != null) {
                c.close();  // wakes a read blocked in another thread (AsynchronousCloseException)
            } else {
                in.close();  // not read yet: nothing can be blocked in it
            }
        }
    }

    /** O_NONBLOCK on a java.io descriptor, through the JDK's own NIO helper when it is exported to us. */
    static final class Blocking {
        private static final Method CONFIGURE = find();

        private Blocking() {}

        private static Method find() {
            try {
                return Class.forName("sun.nio.ch.IOUtil")
                        .getMethod("configureBlocking", FileDescriptor.class, boolean.class);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        /** True when the descriptor is now blocking as asked; false when it cannot be set. */
        static boolean set(FileInputStream in, boolean blocking) {
            if (CONFIGURE == null) return false;
            try {
                CONFIGURE.invoke(null, in.getFD(), blocking);
                return true;
            } catch (ReflectiveOperationException | IOException | RuntimeException e) {
                return false;
            }
        }
    }

    /** A captured file: records split at newlines or NULs; dictionary lines dropped. */
    static final class FileSource implements RecordSource {
        private final InputStream in;
        private final LineReader lines;

        FileSource(InputStream in) {
            this.in = in;
            this.lines = new LineReader(in, RECORD_BUFFER, true);
        }

        @Override
        public String next() throws IOException {
            String l;
            while ((l = lines.next()) != null) {
                if (!l.isEmpty() && l.charAt(0) != ' ') return l;
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
