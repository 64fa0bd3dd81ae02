package dev.kleaktop.session;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one refresh shows: the slab analysis, the OOM events and the kmemleak report, plus
 * the state of every source. Immutable, so the sampling thread can hand it to the drawing
 * thread.
 *
 * @param sources   every source by name ({@code slabinfo}, {@code meminfo}, {@code sysfs_slab},
 *                  {@code kmsg} or {@code dmesg_file}, {@code kmemleak}): ok or unavailable
 *                  with its reason
 * @param oomEvents OOM-killer events seen in the kernel log, oldest first
 * @param kmemleak  the latest kmemleak report and its state
 * @param log       the kernel log's counters since the start (kills by kind, lost records)
 */
public record Frame(Analysis analysis, Map<String, SourceState> sources, List<OomEvent> oomEvents,
                    KmemleakView kmemleak, KernelLog.Tally log) {
    public Frame {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        oomEvents = List.copyOf(oomEvents);
        if (kmemleak == null) kmemleak = KmemleakView.NOT_READ;
        if (log == null) log = KernelLog.Tally.NONE;
    }

    /** A frame without kernel-log counters. */
    public Frame(Analysis analysis, Map<String, SourceState> sources, List<OomEvent> oomEvents, KmemleakView kmemleak) {
        this(analysis, sources, oomEvents, kmemleak, KernelLog.Tally.NONE);
    }

    /** A frame with slab data only (no kernel log, no kmemleak). */
    public Frame(Analysis analysis, Map<String, SourceState> sources) {
        this(analysis, sources, List.of(), KmemleakView.NOT_READ, KernelLog.Tally.NONE);
    }
}
