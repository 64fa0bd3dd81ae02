package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.SlabCache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The machine-readable fields of a cache, named as SPEC fixes them, in one place: the json
 * and csv writers (and the exporter) read them from here. Values are raw (bytes, counts),
 * never human units; unknown rates are null.
 */
public final class Fields {
    private static final Map<String, Function<CacheRow, Object>> CACHE = new LinkedHashMap<>();

    static {
        CACHE.put("name", CacheRow::name);
        CACHE.put("active_objs", r -> r.cache().activeObjs());
        CACHE.put("num_objs", r -> r.cache().numObjs());
        CACHE.put("objsize", r -> r.cache().objSize());
        CACHE.put("objperslab", r -> r.cache().objPerSlab());
        CACHE.put("pagesperslab", r -> r.cache().pagesPerSlab());
        CACHE.put("active_slabs", r -> r.cache().activeSlabs());
        CACHE.put("num_slabs", r -> r.cache().numSlabs());
        CACHE.put("size_bytes", CacheRow::sizeBytes);
        CACHE.put("active_bytes", CacheRow::activeBytes);
        CACHE.put("use_pct", r -> r.cache().usePct());
        CACHE.put("growth_bytes_per_s", r -> round1(r.growthBytesPerS()));
        CACHE.put("growth_objs_per_s", r -> round1(r.growthObjsPerS()));
        CACHE.put("delta_bytes", CacheRow::deltaBytes);
        CACHE.put("delta_objs", CacheRow::deltaObjs);
        CACHE.put("reclaimable", r -> r.attrs().reclaimable());
        CACHE.put("aliases", r -> r.attrs().aliases());
        CACHE.put("leak_suspect", CacheRow::leakSuspect);
    }

    private Fields() {}

    /** The field names of a cache, in order. */
    public static List<String> cacheFieldNames() { return List.copyOf(CACHE.keySet()); }

    /** The cache as an ordered map of SPEC field names to raw values. */
    public static Map<String, Object> cache(CacheRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Function<CacheRow, Object>> e : CACHE.entrySet()) {
            m.put(e.getKey(), e.getValue().apply(r));
        }
        // Extra context for readers that want it; not part of the fixed set.
        SlabCache c = r.cache();
        if (c.id().index() > 0) m.put("index", c.id().index());
        m.put("leak_reason", r.suspectWhy());
        return m;
    }

    /** Rounds a rate to one decimal so output is stable; null stays null. */
    public static Double round1(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) return null;
        // past 10^15 a double has no tenths to round, and v * 10 would pass Long.MAX_VALUE
        // (Math.round would clamp it: a rate of 9e18 written as 9.2e17)
        if (Math.abs(v) >= 1e15) return v;
        return Math.round(v * 10.0) / 10.0;
    }
}
