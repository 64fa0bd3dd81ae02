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

    @Override
    void close();
}
