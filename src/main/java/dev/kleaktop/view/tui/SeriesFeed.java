package dev.kleaktop.view.tui;

import dev.kleaktop.session.Collector;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.SeriesPlayer;
import dev.kleaktop.source.SeriesFile;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.view.Units;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The screen's frames from a captured series ({@code --series}): a thread of its own puts the
 * series' samples one by one through the session's collector, one each interval while
 * playing; space pauses it, {@code .} takes one sample, {@code G} plays the rest at once and
 * shows the last. The frames are the collector's, as live.
 */
final class SeriesFeed implements FrameFeed {
    private final Collector collector;
    private final SeriesPlayer player;
    private final Object lock = new Object();
    private long intervalNanos;
    private boolean paused;
    private int steps;
    private boolean toEnd;
    private boolean stop;
    private boolean reset;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private volatile String state = "";
    private volatile RuntimeException failure;
    private final CountDownLatch firstPosted = new CountDownLatch(1);
    private Thread thread;

    SeriesFeed(Collector collector, SeriesPlayer player, double intervalS) {
        this.collector = collector;
        this.player = player;
        this.intervalNanos = nanos(intervalS);
    }

    private static long nanos(double s) { return Math.max(1, Math.round(s * 1e9)); }

    @Override
    public void start() {
        thread = new Thread(this::run, "kleaktop-series");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean awaitFirst(long millis) throws InterruptedException {
        return firstPosted.await(millis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            boolean first = true;
            long last = System.nanoTime();
            while (true) {
                boolean fast;
                synchronized (lock) {
                    while (!stop && !first && !toEnd && steps == 0
                            && (paused || player.ended() || System.nanoTime() - last < intervalNanos)) {
                        long wait = paused || player.ended() ? 0 : intervalNanos - (System.nanoTime() - last);
                        if (wait <= 0 && (paused || player.ended())) lock.wait();
                        else if (wait > 0) TimeUnit.NANOSECONDS.timedWait(lock, wait);
                    }
                    if (stop) return;
                    fast = toEnd;
                    if (steps > 0) steps--;
                    if (reset) {
                        reset = false;
                        collector.resetBaseline();
                    }
                }
                first = false;
                last = System.nanoTime();
                if (!next()) {
                    synchronized (lock) {
                        toEnd = false;
                        steps = 0;
                    }
                    continue;
                }
                if (fast) {
                    // the rest at once: only the last frame is shown
                    while (!stopped() && next()) { /* playing to the end */ }
                    synchronized (lock) {
                        toEnd = false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            firstPosted.countDown();
        }
    }

    private boolean stopped() {
        synchronized (lock) {
            return stop;
        }
    }

    /** One sample through the collector; false at the end of the series (or a problem, shown). */
    private boolean next() {
        try {
            if (!player.advance()) {
                state = ended(null);
                firstPosted.countDown();
                return false;
            }
        } catch (SourceException e) {
            state = ended(e.path() + ": " + e.reason());
            firstPosted.countDown();
            return false;
        }
        Frame f = collector.refresh();
        latest.set(f);
        SeriesFile.Sample s = player.current();
        state = "sample " + (s.index() + 1) + (s.uptimeS() != null ? " t=" + Units.seconds(s.uptimeS()) : "")
                + skipped();
        firstPosted.countDown();
        return true;
    }

    private String skipped() {
        int n = player.file().skipped();
        return n == 0 ? "" : ", " + n + " skipped";
    }

    private String ended(String problem) {
        return "series ended: " + player.file().samples() + " samples" + skipped()
                + (problem != null ? "; stopped at " + problem : "");
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
            if (paused) steps = Math.max(steps, 1);
            lock.notifyAll();
        }
    }

    @Override
    public boolean replay() { return true; }

    @Override
    public void pause(boolean p) {
        synchronized (lock) {
            paused = p;
            lock.notifyAll();
        }
    }

    @Override
    public void step() {
        synchronized (lock) {
            paused = true;
            steps++;
            lock.notifyAll();
        }
    }

    @Override
    public void toEnd() {
        synchronized (lock) {
            toEnd = true;
            lock.notifyAll();
        }
    }

    @Override
    public String playback() { return state; }

    @Override
    public void close() {
        synchronized (lock) {
            stop = true;
            lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
