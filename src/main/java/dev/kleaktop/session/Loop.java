package dev.kleaktop.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sampling loop of a {@link Collector}: the one place that decides when the kernel is
 * read, for the screen, {@code -b} and the export. A refresh at each interval, timed from the
 * start of the previous one (no drift, and no burst to catch up after a slow one); a baseline
 * reset or an interval change wakes it at once; while the kernel log's history comes in after
 * the screen's first frame, the log is looked at every {@link #LOG_POLL_NANOS} so that the
 * pane fills in without waiting a whole interval.
 */
final class Loop {
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

    Loop(Collector collector) {
        this.collector = collector;
    }

    void firstLogWait(Duration d) { firstLogWait = d; }

    private static long nanos(double s) { return Math.max(1, Math.round(s * 1e9)); }

    void start(String name, double intervalS, boolean afterInterval, FrameSink sink) {
        synchronized (lock) {
            if (thread != null) throw new IllegalStateException("the loop runs already");
            thread = new Thread(() -> runLoop(intervalS, afterInterval, sink), name);
        }
        // Reading /proc never blocks for long, but the process must not wait for it to quit.
        thread.setDaemon(true);
        thread.start();
    }

    /** On the calling thread; what ended the loop abnormally is thrown on after the sink heard it. */
    void run(double intervalS, boolean afterInterval, FrameSink sink) {
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

    void interval(double seconds) {
        synchronized (lock) {
            intervalNanos = nanos(seconds);
            lock.notifyAll();
        }
    }

    void resetNow() {
        synchronized (lock) {
            reset = true;
            lock.notifyAll();
        }
    }

    void startLogNow() {
        synchronized (lock) {
            startLog = true;
            lock.notifyAll();
        }
    }

    void stop(long maxMillis) {
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
