package dev.kleaktop.view.tui;

import dev.kleaktop.session.Collector;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.FrameSink;
import dev.kleaktop.session.SamplingLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The screen's end of the sampling loop over its collector: the loop runs on a thread of its own and
 * each immutable {@link Frame} it posts waits here for the drawing thread to pick it up; the
 * collector is only ever sampled on that thread.
 */
final class CollectorFeed implements FrameFeed, FrameSink {
    private final SamplingLoop loop;
    private final double intervalS;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private volatile RuntimeException failure;
    /** Open once the first frame is posted or sampling failed. */
    private final CountDownLatch firstPosted = new CountDownLatch(1);

    CollectorFeed(Collector collector, double intervalS) {
        this.loop = new SamplingLoop(collector);
        this.intervalS = intervalS;
    }

    @Override
    public void start() { loop.start("kleaktop-sampler", intervalS, false, this); }

    @Override
    public boolean accept(Frame frame, long index) {
        latest.set(frame);
        firstPosted.countDown();
        return true;
    }

    @Override
    public void ended(Throwable why) {
        if (why instanceof RuntimeException e) failure = e;
        else if (why != null) failure = new SamplingFailed("sampling failed: " + Background.why(why), why);
        firstPosted.countDown();
    }

    @Override
    public void firstFrameShown() { loop.startLogNow(); }

    /**
     * Waits up to {@code millis} for the first frame (or a failure, or the end of sampling).
     *
     * @return whether it came
     */
    @Override
    public boolean awaitFirst(long millis) throws InterruptedException {
        return firstPosted.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Frame latest() {
        RuntimeException f = failure;
        if (f != null) throw f;
        return latest.get();
    }

    @Override
    public void interval(double seconds) { loop.interval(seconds); }

    @Override
    public void resetBaseline() { loop.resetBaselineNow(); }

    /**
     * Lets a refresh in progress finish before the collector's sources are closed; a refresh
     * stuck behind a kmemleak scan is not waited for (the thread is a daemon).
     */
    @Override
    public void close() { loop.stop(500); }
}
