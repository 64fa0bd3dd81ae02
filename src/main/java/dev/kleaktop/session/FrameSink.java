package dev.kleaktop.session;

/**
 * Takes the frames of a {@link Collector}'s sampling loop: the screen keeps the newest for
 * its drawing thread, {@code -b} prints each, the export maps each to metrics. Called on the
 * loop's thread, one frame at a time.
 */
public interface FrameSink {
    /**
     * A new frame.
     *
     * @param index 0 for the loop's first refresh, then 1, 2, ...; a frame that only brings
     *              the kernel log's history in (no new sample) repeats the index of the last
     * @return false to end the loop
     */
    boolean accept(Frame frame, long index);

    /**
     * A refresh failed with {@code e}. The default ends the loop with it (it reaches {@link
     * #ended}); the export reports it and goes on.
     *
     * @return true to go on at the next interval
     */
    default boolean failed(RuntimeException e) {
        return false;
    }

    /**
     * The loop ended: {@code why} is null when the sink or a {@link Collector#stop} ended it,
     * else what ended it (a failed refresh the sink did not go on after, or an {@link Error}).
     */
    default void ended(Throwable why) {}
}
