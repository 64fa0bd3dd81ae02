package dev.kleaktop.view.tui;

import dev.kleaktop.session.Frame;

/** Where the screen gets frames from, and the requests it sends back to the sampler. */
interface FrameFeed extends AutoCloseable {
    /**
     * The newest frame, or null before the first.
     *
     * @throws RuntimeException when sampling failed; the screen ends with that error
     */
    Frame latest();

    /** Refresh every {@code seconds} from now on. */
    void interval(double seconds);

    /** Make the next sample the baseline, and take it now. */
    void resetBaseline();

    /**
     * The screen shows its first frame with a sample: the kernel log's history may be read
     * now (it waited, so as not to slow that frame down), and frames follow as it comes in.
     */
    default void firstFrameShown() {}

    /** Starts taking frames (on a thread of the feed's own). */
    default void start() {}

    /** Waits up to {@code millis} for the first frame, a failure or the end; whether it came. */
    default boolean awaitFirst(long millis) throws InterruptedException { return true; }

    /** Whether the frames replay a captured series: pausing stops it, and it can step and jump. */
    default boolean replay() { return false; }

    /** Pauses (or resumes) a replay. */
    default void pause(boolean paused) {}

    /** Takes one sample of a replay, paused. */
    default void step() {}

    /** Plays the rest of a replay at once and shows its last frame. */
    default void toEnd() {}

    /** Where a replay stands ({@code sample 12 t=340s}, {@code series ended: ...}); null when not one. */
    default String playback() { return null; }

    @Override
    void close();
}
