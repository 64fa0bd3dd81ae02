package dev.kleaktop.export;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.KernelLog;
import dev.kleaktop.model.SourceState;

/**
 * Everything one refresh exports: the collector's frame, with what the kernel log and
 * kmemleak said in the export's terms. Immutable, so the sampling thread can hand it over.
 *
 * @param kmsg      whether the kernel log could be read, or null when the session has none
 * @param oomTotals kills seen since the exporter started, or null while the kernel log has
 *                  never been readable (the counter is then absent rather than a false 0)
 * @param kmemleak  the last kmemleak count; its {@code suspects} is null when unknown
 */
public record ExportFrame(Frame frame, SourceState kmsg, OomTotals oomTotals, KmemleakCount kmemleak) {

    /** Cumulative OOM kills by kind since the exporter started. */
    public record OomTotals(long global, long memcg) {}

    /**
     * The kmemleak suspect count as last read.
     *
     * @param suspects unreferenced objects reported, or null when never read
     */
    public record KmemleakCount(SourceState state, Long suspects) {}

    /** The export's reading of a collector's frame. */
    public static ExportFrame of(Frame f) {
        KernelLog.Tally t = f.log();
        SourceState kmsg = f.sources().get(SourceId.KMSG.id());
        SourceState km = f.sources().get(SourceId.KMEMLEAK.id());
        return new ExportFrame(f, kmsg, t.everRead() ? new OomTotals(t.global(), t.memcg()) : null,
                km == null ? null : new KmemleakCount(km, f.kmemleak().count()));
    }
}
