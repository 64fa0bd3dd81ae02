package dev.kleaktop.analysis;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;

/**
 * One cache as shown: the raw counts of the latest sample plus what the analysis derived.
 * Rates are null when unknown (one sample, or none inside the window).
 *
 * @param trend      recent size_bytes values, oldest first, for the sparkline
 * @param verdict    why the cache is (or is not) a leak suspect ({@code view.VerdictText} words it)
 */
public record CacheRow(
        SlabCache cache,
        CacheAttrs attrs,
        long sizeBytes,
        long activeBytes,
        Double growthBytesPerS,
        Double growthObjsPerS,
        long deltaBytes,
        long deltaObjs,
        boolean leakSuspect,
        LeakRule.Verdict verdict,
        long[] trend) {

    public CacheId id() { return cache.id(); }

    public String name() { return cache.name(); }

    public boolean reclaimable() { return attrs.isReclaimable(); }

    public boolean hasAliases() { return !attrs.aliases().isEmpty(); }
}
