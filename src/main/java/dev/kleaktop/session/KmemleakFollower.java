package dev.kleaktop.session;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one follower of kmemleak for a session: which report the frames show, and when it is
 * read again. A read blocks while a scan runs (seconds to minutes), so there are two ways to
 * follow it, chosen by the session:
 *
 * <ul>
 *   <li><b>on the sampling thread</b> (the screen, {@code -b}): the first frame reads the
 *       report, and it changes only after a scan or clear ({@link #updated}); the screen's
 *       sampling thread may block, its drawing thread does not;</li>
 *   <li><b>in the background</b> (the export): reads run on a worker thread of their own, at
 *       start, when the kernel log says {@code kmemleak: N new suspected memory leaks} (the
 *       kernel's own scan found some: {@link #noticesSeen}), and every {@code period}
 *       otherwise; the first frame waits for the first read at most {@code firstWait}.</li>
 * </ul>
 *
 * <p>Memory is one report (its records capped by the parser) at a time.
 */
public final class KmemleakFollower implements AutoCloseable {
    /** The export's view while its first read has not come back. */
    static final String STILL_READING = "kmemleak report still being read (a scan may be running)";

    private final KmemleakSource source;
    private final Clock clock;
    private final Duration period;
    private final Duration firstWait;
    private final AtomicReference<KmemleakView> current = new AtomicReference<>();
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private ExecutorService worker;
    private Instant nextRead;
    private long notices;

    private KmemleakFollower(KmemleakSource source, Clock clock, Duration period, Duration firstWait) {
        this.source = source;
        this.clock = clock;
        this.period = period;
        this.firstWait = firstWait;
    }

    /** Read on the calling (sampling) thread at the first frame, then only after a scan or clear. */
    public static KmemleakFollower onDemand(KmemleakSource source, Clock clock) {
        return new KmemleakFollower(source, clock, null, null);
    }

    /**
     * Read in the background now, on the log's notices and every {@code period}; the first
     * frame waits at most {@code firstWait} for the first read.
     */
    public static KmemleakFollower background(KmemleakSource source, Clock clock, Duration period, Duration firstWait) {
        KmemleakFollower f = new KmemleakFollower(source, clock, period, firstWait);
        f.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kleaktop-kmemleak");
            t.setDaemon(true);
            return t;
        });
        f.request();
        f.nextRead = clock.instant().plus(period);
        return f;
    }

    /** Where the reports come from (scan and clear go there). */
    public KmemleakSource source() { return source; }

    /**
     * The report the next frame shows. On demand, the first call reads it (blocking); in the
     * background, it queues the reads that are due and waits for the first one.
     *
     * @param logNotices how many {@code new suspected memory leaks} lines the kernel log has had
     */
    KmemleakView current(long logNotices) {
        if (worker == null) {
            KmemleakView v = current.get();
            if (v == null) {
                current.compareAndSet(null, source.read());
                v = current.get();
            }
            return v;
        }
        if (logNotices > notices) {
            notices = logNotices;
            request();
        }
        Instant now = clock.instant();
        if (!now.isBefore(nextRead)) {
            request();
            nextRead = now.plus(period);
        }
        long deadline = System.nanoTime() + firstWait.toNanos();
        while (current.get() == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        KmemleakView v = current.get();
        return v != null ? v : new KmemleakView(SourceState.unavailable(STILL_READING, ""), KmemleakReport.EMPTY, null);
    }

    /** Replaces the report shown (after a scan or clear); safe from any thread. */
    public void updated(KmemleakView v) { current.set(v); }

    /** Queues one background read of the report, unless one is queued already. */
    private void request() {
        if (!readQueued.compareAndSet(false, true)) return;
        try {
            worker.execute(() -> {
                readQueued.set(false);
                current.set(source.read());
            });
        } catch (RejectedExecutionException closed) {
            readQueued.set(false);
        }
    }

    @Override
    public void close() {
        if (worker == null) return;
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
