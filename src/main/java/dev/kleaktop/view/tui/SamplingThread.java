package dev.kleaktop.view.tui;

import dev.kleaktop.app.Frame;
import dev.kleaktop.app.Monitor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples on its own thread at the chosen interval and posts each immutable {@link Frame}
 * for the drawing thread to pick up; the monitor is only ever touched here. A baseline reset
 * or an interval change wakes it at once.
 */
final class SamplingThread implements FrameFeed {
    /** How often the log is looked at while its history comes in after the first frame. */
    static final long LOG_POLL_NANOS = 25_000_000;

    private final Monitor monitor;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private volatile RuntimeException failure;
    /** Open once the first frame is posted or sampling failed. */
    private final CountDownLatch firstPosted = new CountDownLatch(1);
    private final Object lock = new Object();
    private long intervalNanos;
    private boolean reset;
    /** Asked by the screen once its first frame is up: start reading the kernel log. */
    private boolean startLog;
    private boolean stop;
    private final Thread thread;

    SamplingThread(Monitor monitor, double intervalS) {
        this.monitor = monitor;
        this.intervalNanos = nanos(intervalS);
        this.thread = new Thread(this::loop, "kleaktop-sampler");
        // Reading /proc never blocks for long, but the process must not wait for it to quit.
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    private static long nanos(double s) { return Math.max(1, Math.round(s * 1e9)); }

    private void loop() {
        try {
            long last = 0;
            long lastLogPoll = 0;
            boolean first = true;
            boolean catchingUp = false;
            while (true) {
                boolean doReset;
                boolean doStartLog;
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
                }
                if (doStartLog) {
                    monitor.startLog();
                    catchingUp = !monitor.logHistoryRead();
                }
                if (doReset) monitor.resetBaseline();
                long now = System.nanoTime();
                if (first || doReset || now - last >= intervalNanos) {
                    last = now;
                    latest.set(monitor.refresh());
                    firstPosted.countDown();
                    first = false;
                } else if (catchingUp) {
                    // the log's history, read after the first frame: shown as it comes in,
                    // not one whole interval later
                    lastLogPoll = now;
                    Frame f = latest.get();
                    if (f != null) latest.set(monitor.withLatestLog(f));
                }
                if (catchingUp && monitor.logHistoryRead()) catchingUp = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new Tui.SamplingFailed("sampling failed: " + Background.why(e), e);
        } finally {
            firstPosted.countDown();
        }
    }

    @Override
    public void firstFrameShown() {
        synchronized (lock) {
            startLog = true;
            lock.notifyAll();
        }
    }

    /**
     * Waits up to {@code millis} for the first frame (or a failure, or the end of sampling).
     *
     * @return whether it came
     */
    boolean awaitFirst(long millis) throws InterruptedException {
        return firstPosted.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Frame latest() {
        RuntimeException f = failure;
        if (f != null) throw f;
        return latest.get();
    }

    @Override
    public void interval(double seconds) {
        synchronized (lock) {
            intervalNanos = nanos(seconds);
            lock.notifyAll();
        }
    }

    @Override
    public void resetBaseline() {
        synchronized (lock) {
            reset = true;
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            stop = true;
            lock.notifyAll();
        }
        // Let a refresh in progress finish before the monitor's sources are closed; a refresh
        // stuck behind a kmemleak scan is not waited for (the thread is a daemon).
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
