package dev.kleaktop.export;

import dev.kleaktop.model.SourceState;

/**
 * What the export needs from the kernel log and kmemleak, asked once per refresh on the
 * sampling thread: the OOM kills logged since the previous call, and the current number of
 * kmemleak suspects. Implementations never throw; an unreadable source is a state.
 */
public interface KernelEvents extends AutoCloseable {
    /** Source names as exported in {@code kleaktop_source_up}. */
    String SRC_KMSG = "kmsg";
    String SRC_KMEMLEAK = "kmemleak";

    /**
     * OOM kills seen in the kernel log since the previous call (the first call counts only
     * kills logged after the exporter started).
     *
     * @param state  whether the kernel log could be read
     * @param global kills by the global OOM killer
     * @param memcg  kills inside a memory cgroup over its limit
     */
    record OomKills(SourceState state, long global, long memcg) {
        public static OomKills unavailable(SourceState state) { return new OomKills(state, 0, 0); }
    }

    /**
     * The kmemleak suspect count as last read.
     *
     * @param suspects unreferenced objects reported, or null when never read
     */
    record KmemleakCount(SourceState state, Long suspects) {}

    OomKills pollOomKills();

    KmemleakCount kmemleakCount();

    @Override
    default void close() {}

    /** Neither source is read: both are reported unavailable with the given reason. */
    static KernelEvents unavailable(String reason) {
        SourceState st = SourceState.unavailable(reason, "");
        return new KernelEvents() {
            @Override
            public OomKills pollOomKills() { return OomKills.unavailable(st); }

            @Override
            public KmemleakCount kmemleakCount() { return new KmemleakCount(st, null); }
        };
    }
}
