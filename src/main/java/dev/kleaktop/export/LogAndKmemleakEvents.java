package dev.kleaktop.export;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.kmsg.KmsgReader;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.source.parse.OomParser;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The export's view of the kernel log and of kmemleak.
 *
 * <p><b>OOM kills</b> come from /dev/kmsg read from its end (so the counter holds kills seen
 * since kleaktop started; a captured tree's {@code dev/kmsg} file is read whole), through
 * the {@link OomParser}. A kill counts as soon as its {@code Killed process} line is read,
 * even while the parser still waits for its reaper line, and is not counted again when the
 * parser emits it. The counter counts events that show a kill ({@link OomEvent#isKill()}):
 * the header, {@code oom-kill:} and {@code Killed process} lines of one report are one kill;
 * a partial report that names its victim ({@code oom-kill:} or {@code Kill process} without
 * the {@code Killed process} line, e.g. records lost in between) counts once; a report that
 * never chose a victim (cut after its header, {@code no killable processes}) is not a kill
 * and is not counted. The reader survives EPIPE (records overwritten under a log flood): the
 * lost records are reported on stderr, at most once per {@link #LOSS_REPORT_PERIOD}, and
 * kills among them are not counted. A log that cannot be opened is retried at each refresh.
 *
 * <p><b>kmemleak</b> is read on a worker thread, since a read blocks while a scan runs
 * (seconds to minutes): at start, when the log says {@code kmemleak: N new suspected memory
 * leaks} (the kernel's background scan found some), and every {@link #KMEMLEAK_PERIOD}
 * otherwise (a clear, a scan by someone else, a kernel without log access). The count is
 * the number of records in the report. Memory stays bounded: records are counted, not kept.
 */
public final class LogAndKmemleakEvents implements KernelEvents {
    /** The kernel's own background scan runs every 10 minutes by default. */
    static final Duration KMEMLEAK_PERIOD = Duration.ofMinutes(10);
    static final Duration LOSS_REPORT_PERIOD = Duration.ofMinutes(10);
    /** How long the first refresh waits for the first kmemleak read. */
    static final Duration FIRST_READ_WAIT = Duration.ofSeconds(2);
    private static final Pattern NEW_LEAKS = Pattern.compile("kmemleak: \\d+ new suspected memory leaks");

    private final KernelFs fs;
    private final Clock clock;
    private final PrintWriter err;
    private final Duration kmemleakPeriod;

    // kernel log: the sampling thread only
    private KmsgReader kmsg;
    private SourceState kmsgState = SourceState.unavailable("not opened yet", "");
    private final OomParser oom = new OomParser(this::emitted);
    private long global;
    private long memcg;
    private String countedEarly;
    private long lostSinceReport;
    private Instant lastLossReport;

    // kmemleak: read on the worker, handed over through volatile fields
    private final KmemleakControl kmemleak;
    private final ExecutorService worker;
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private volatile KmemleakCount count = new KmemleakCount(
            SourceState.unavailable("kmemleak report still being read (a scan may be running)", ""), null);
    private volatile boolean firstReadDone;
    private Instant nextKmemleakRead;

    public LogAndKmemleakEvents(KernelFs fs, Clock clock, PrintWriter err) {
        this(fs, clock, err, KMEMLEAK_PERIOD);
    }

    LogAndKmemleakEvents(KernelFs fs, Clock clock, PrintWriter err, Duration kmemleakPeriod) {
        this.fs = fs;
        this.clock = clock;
        this.err = err;
        this.kmemleakPeriod = kmemleakPeriod;
        this.kmemleak = new KmemleakControl(fs, true, System::nanoTime);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kleaktop-export-kmemleak");
            t.setDaemon(true);
            return t;
        });
        openKmsg();
        requestKmemleakRead();
        nextKmemleakRead = clock.instant().plus(kmemleakPeriod);
    }

    private void openKmsg() {
        try {
            kmsg = KmsgReader.open(fs, false, clock);
            kmsgState = SourceState.OK;
        } catch (SourceException e) {
            kmsg = null;
            kmsgState = e.toState();
        }
    }

    @Override
    public OomKills pollOomKills() {
        if (kmsg == null) openKmsg();
        if (kmsg == null) return OomKills.unavailable(kmsgState);
        KmsgReader.Batch b = kmsg.drain();
        for (LogRecord r : b.records()) {
            oom.accept(r);
            if (NEW_LEAKS.matcher(r.text()).find()) requestKmemleakRead();
        }
        Optional<OomEvent> waiting = oom.pending();
        if (waiting.isPresent() && !key(waiting.get()).equals(countedEarly)) {
            count(waiting.get());
            countedEarly = key(waiting.get());
        }
        reportLoss(b.lost());
        kmsgState = kmsg.state();
        OomKills k = new OomKills(kmsgState, global, memcg);
        global = 0;
        memcg = 0;
        return k;
    }

    /** A kill the parser finished; counted already if it was seen pending. */
    private void emitted(OomEvent e) {
        if (key(e).equals(countedEarly)) {
            countedEarly = null;
            return;
        }
        count(e);
    }

    private void count(OomEvent e) {
        if (!e.isKill()) return;
        // SPEC labels: memcg, or global (also for cpuset / mempolicy constrained kills)
        if ("memcg".equals(e.kind())) memcg++;
        else global++;
    }

    private static String key(OomEvent e) {
        return e.victimPid() + "/" + e.victimComm() + "/" + e.uptimeS() + "/" + e.time();
    }

    private void reportLoss(long lost) {
        lostSinceReport += lost;
        Instant now = clock.instant();
        if (lostSinceReport == 0 || (lastLossReport != null && now.isBefore(lastLossReport.plus(LOSS_REPORT_PERIOD)))) return;
        err.println("kleaktop: export: " + fs.display(KernelFs.KMSG) + ": " + lostSinceReport
                + " records overwritten before they could be read; OOM kills among them are not counted");
        err.flush();
        lostSinceReport = 0;
        lastLossReport = now;
    }

    @Override
    public KmemleakCount kmemleakCount() {
        Instant now = clock.instant();
        if (!now.isBefore(nextKmemleakRead)) {
            requestKmemleakRead();
            nextKmemleakRead = now.plus(kmemleakPeriod);
        }
        if (!firstReadDone) {
            long deadline = System.nanoTime() + FIRST_READ_WAIT.toNanos();
            while (!firstReadDone && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return count;
    }

    /** Queues one read of the report, unless one is already queued. */
    private void requestKmemleakRead() {
        if (!readQueued.compareAndSet(false, true)) return;
        try {
            worker.execute(this::readKmemleak);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            readQueued.set(false);
        }
    }

    private void readKmemleak() {
        readQueued.set(false);
        SourceState st = kmemleak.state();
        KmemleakCount c;
        if (!st.ok()) {
            c = new KmemleakCount(st, null);
        } else {
            try {
                KmemleakReport r = kmemleak.report();
                c = new KmemleakCount(SourceState.OK, r.recordCount());
            } catch (SourceException e) {
                c = new KmemleakCount(e.toState(), null);
            }
        }
        count = c;
        firstReadDone = true;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        if (kmsg != null) kmsg.close();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
