package dev.kleaktop.app;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.model.SourceState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one refresh shows: the slab analysis plus the state of every source. Immutable, so
 * the sampling thread can hand it to the drawing thread.
 *
 * @param sources every source by name ({@code slabinfo}, {@code meminfo}, {@code sysfs_slab},
 *                ...): ok or unavailable with its reason
 */
public record Frame(Analysis analysis, Map<String, SourceState> sources) {
    public Frame {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }
}
