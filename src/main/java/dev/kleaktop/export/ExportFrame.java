package dev.kleaktop.export;

import dev.kleaktop.app.Frame;
import dev.kleaktop.model.SourceState;

/**
 * Everything one refresh exports: the slab frame, plus what the kernel log and kmemleak
 * said. Immutable, so the sampling thread can hand it over.
 *
 * @param oomTotals kills seen since the exporter started, or null while the kernel log has
 *                  never been readable (the counter is then absent rather than a false 0)
 * @param kmemleak  the last kmemleak count; its {@code suspects} is null when unknown
 */
public record ExportFrame(Frame frame, SourceState kmsg, OomTotals oomTotals, KernelEvents.KmemleakCount kmemleak) {

    /** Cumulative OOM kills by kind since the exporter started. */
    public record OomTotals(long global, long memcg) {
        public OomTotals plus(KernelEvents.OomKills k) {
            return new OomTotals(global + k.global(), memcg + k.memcg());
        }
    }
}
