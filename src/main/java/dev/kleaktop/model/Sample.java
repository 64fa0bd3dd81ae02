package dev.kleaktop.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One refresh worth of raw kernel state: what was read and when, nothing derived.
 *
 * @param time     when it was taken, from the injected clock
 * @param uptimeS  /proc/uptime at that moment, or null
 * @param slab     the slab caches (empty when slabinfo was unavailable)
 * @param mem      /proc/meminfo (empty when unavailable)
 * @param sources  source name ({@code slabinfo}, {@code meminfo}, ...) to its state
 */
public record Sample(Instant time, Double uptimeS, SlabInfo slab, MemInfo mem, Map<String, SourceState> sources) {
    public Sample {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }
}
