package dev.kleaktop.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sampling loop over a {@link Collector}: the one place that decides when the kernel is
 * read, for the screen, {@code -b} and the export, each of which hands its frames to a
 * {@link FrameSink}. A refresh at each interval, timed from the
 * start of the previous one (no drift, and no burst to catch up after a slow one); a baseline
 * reset or an interval change wakes it at once; while the kernel log's history comes in after
 * the screen's first frame, the log is looked at every {@link #LOG_POLL_NANOS} so that the
 * pane fills in without waiting a whole interval.
 */
public final class SamplingLoop {
    /** How often the log is looked at while its history comes in after the first frame. */
    static final long LOG_POLL_NANOS = 25_000_000;

    private final Collector collector;
    private final Object lock = new Object();
    private long intervalNanos = 1;
    private boolean reset;
    private boolean startLog;
    private boolean stop;
    private Thread thread;
    /** How long the loop's first refresh waits for the kernel log's history; null for not at all. */
    private volatile Duration firstLogWait;

    public SamplingLoop(Collector collector) {
        this.collector = collector;
    }

    /**
     * The loop's first frame counts every OOM event logged before the start: it waits (at most
     * {@code max}) for the kernel log's history ({@code -b}; see {@link Collector#refreshWithLogHistory}).
     */
    public SamplingLoop firstFrameWaitsForLog(Duration max) {
        firstLogWait = max;
        return this;
    }

    private static long nanos(double s) { return Math.max(1, Math.round(s * 1e9)); }

    /** Runs the loop (as {@link #run}) on a daemon thread of its own, named {@code name}. */
    public void start(String name, double intervalS, boolean afterInterval, FrameSink sink) {
        synchronized (lock) {
            if (thread != null) throw new IllegalStateException("the loop runs already");
            thread = new Thread(() -> runLoop(intervalS, afterInterval, sink), name);
        }
        // Reading /proc never blocks for long, but the process must not wait for it to quit.
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the loop on the calling thread: a frame at once (or, with {@code afterInterval},
     * after one interval), then one every {@code intervalS}, each handed to {@code sink}, until
     * the sink declines one, {@link #stop} is called or the thread is interrupted. What ended it
     * abnormally is thrown on after the sink heard it.
     */
    public void run(double intervalS, boolean afterInterval, FrameSink sink) {
        Throwable why = runLoop(intervalS, afterInterval, sink);
        if (why instanceof RuntimeException e) throw e;
        if (why instanceof Error e) throw e;
    }

    private Throwable runLoop(double intervalS, boolean afterInterval, FrameSink sink) {
        synchronized (lock) {
            intervalNanos = nanos(intervalS);
        }
        Throwable why = null;
        try {
            loop(afterInterval, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            why = e;
        }
        sink.ended(why);
        return why;
    }

    private void loop(boolean afterInterval, FrameSink sink) throws InterruptedException {
        long last = System.nanoTime();
        long lastLogPoll = 0;
        boolean first = !afterInterval;
        long index = afterInterval ? 1 : 0;
        boolean catchingUp = false;
        Frame latest = null;
        while (true) {
            boolean doReset;
            boolean doStartLog;
            long interval;
            synchronized (lock) {
                while (!first && !stop && !reset && !startLog) {
                    long now = System.nanoTime();
                    long wait = last + intervalNanos - now;
                    if (catchingUp) wait = Math.min(wait, lastLogPoll + LOG_POLL_NANOS - now);
                    if (wait <= 0) break;
                    TimeUnit.NANOSECONDS.timedWait(lock, wait);
                }
                if (stop) return;
                doReset = reset;
                reset = false;
                doStartLog = startLog;
                startLog = false;
                interval = intervalNanos;
            }
            if (doStartLog) {
                collector.startLog();
                catchingUp = !collector.logHistoryRead();
            }
            if (doReset) collector.resetBaseline();
            long now = System.nanoTime();
            if (first || doReset || now - last >= interval) {
                // on time: the next one is due an interval after this one was; late (or reset):
                // an interval from now
                last = first || doReset || now - last >= 2 * interval ? now : last + interval;
                Frame f;
                try {
                    Duration wait = index == 0 ? firstLogWait : null;
                    f = wait != null ? collector.refreshWithLogHistory(wait) : collector.refresh();
                } catch (RuntimeException e) {
                    if (!sink.failed(e)) throw e;
                    first = false;
                    index++;
                    continue;
                }
                first = false;
                latest = f;
                if (!sink.accept(f, index++)) return;
            } else if (catchingUp && latest != null) {
                // the log's history, read after the first frame: shown as it comes in, not one
                // whole interval later
                lastLogPoll = now;
                Frame f = collector.withLatestLog(latest);
                if (f != latest) {
                    latest = f;
                    if (!sink.accept(f, index - 1)) return;
                }
            }
            if (catchingUp && collector.logHistoryRead()) catchingUp = false;
        }
    }

    /** Refresh every {@code seconds} from now on; safe from any thread. */
    public void interval(double seconds) {
        synchronized (lock) {
            intervalNanos = nanos(seconds);
            lock.notifyAll();
        }
    }

    /** Make the next refresh the baseline, and take it now; safe from any thread. */
    public void resetBaselineNow() {
        synchronized (lock) {
            reset = true;
            lock.notifyAll();
        }
    }

    /**
     * The first frame is up: start reading the kernel log (opened not started) and hand on
     * frames as its history comes in, without waiting for the next interval.
     */
    public void startLogNow() {
        synchronized (lock) {
            startLog = true;
            lock.notifyAll();
        }
    }

    /**
     * Ends the loop: at once when it waits, else after the refresh in progress; waits for a
     * thread of {@link #start} at most {@code maxMillis} (a refresh stuck behind a kmemleak scan
     * is not waited for: the thread is a daemon).
     */
    public void stop(long maxMillis) {
        Thread t;
        synchronized (lock) {
            stop = true;
            lock.notifyAll();
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) return;
        try {
            t.join(maxMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
