package dev.kleaktop.source.kmsg;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.source.parse.KmsgRecordParser;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
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

    /**
     * What one drain brought.
     *
     * @param records the new records, oldest first
     * @param lost    records overwritten before they could be read since the last drain
     */
    public record Batch(List<LogRecord> records, long lost) {}

    private static final Object END = new Object();
    /** Queued where the history present at open ends (queue mode). */
    private static final Object HISTORY_MARK = new Object();

    private final RecordSource source;
    private final boolean threaded;
    private final boolean fromStart;
    /** Boot time for wall times; set by the reader thread when given as {@link #bootLater}. */
    private volatile Instant boot;
    /** Works out the boot time on the reader thread (a file and a clock read off the caller's start). */
    private Supplier<Instant> bootLater;
    private final LongSupplier nanoTime;
    private final Consumer<LogRecord> sink;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** How the reader thread's reads tell where the history ends when the device does not say. */
    private final HistoryEnd reads;
    /** Records lost before records handed to the sink; taken by drain(). */
    private final AtomicLong sinkLost = new AtomicLong();
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
        this.reads = new HistoryEnd(nanoTime, settle.toNanos());
        this.caughtUp = this.fromStart;
    }

    /** Replaces how "asleep in the device's read" is told (tests with fake devices). */
    void asleepWhen(Predicate<KmsgReader> p) { reads.asleepWhen(() -> p.test(this)); }

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
            throw KmsgAccess.denied(fs, e, KmsgAccess.isRoot());
        }
        // the caller only opens the device; the rest of the set-up happens on the reader thread
        KmsgReader r = new KmsgReader(new DeviceSource(in, true), true, fromStart || sink != null,
                null, System::nanoTime, sink, SETTLE);
        if (clock != null) r.bootLater = () -> KmsgAccess.bootTime(fs, clock);
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
        return reads.waitingInRead();
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
        reads.onReaderThread();
        int pipes = 0;
        while (!closed) {
            String raw;
            try {
                reads.readStarts();
                raw = source.next();
                reads.readEnds();
            } catch (IOException e) {
                reads.readEnds();
                if (closed || e instanceof ClosedChannelException) break;  // closed: no error to show
                if (isBrokenPipe(e) && ++pipes < 10_000) {
                    continue;  // overwritten: the next read returns the oldest record left
                }
                put(SourceState.unavailable(reasonOf(e), ""));
                break;
            }
            pipes = 0;
            reads.readReturned();
            if (raw == null) {
                put(END);
                break;
            }
            if (raw == RecordSource.HISTORY_END) {  // identity: the source's own marker
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
        reads.readEnds();
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
}
