package dev.kleaktop.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The raw state of one machine at one moment, as a snapshot file keeps it: who it was, one
 * sample, what sysfs said about each cache name, and the kmemleak and OOM parts. Nothing
 * derived is kept: a diff or a replay recomputes from these numbers.
 *
 * @param identity  host, kernel, boot id and page size
 * @param sample    time, uptime, slabinfo, meminfo and the state of each source
 * @param attrs     per cache name: its merged aliases and whether it is reclaimable (the only
 *                  sysfs facts a snapshot keeps; other attributes are dropped)
 * @param root      the tree it was read from ({@code /} for the live kernel), or null
 * @param kmemleak  the kmemleak part as written: {@code status}, {@code records},
 *                  {@code groups} (raw json values until the typed records are wired in)
 * @param oomEvents the OOM events seen, each as its json object with SPEC's field names
 */
public record Snapshot(Identity identity, Sample sample, Map<String, CacheAttrs> attrs, String root,
                       Map<String, Object> kmemleak, List<Map<String, Object>> oomEvents) {

    public Snapshot {
        if (identity == null || sample == null) throw new IllegalArgumentException("identity and sample are required");
        Map<String, CacheAttrs> a = new TreeMap<>();
        if (attrs != null) {
            for (Map.Entry<String, CacheAttrs> e : attrs.entrySet()) {
                CacheAttrs k = kept(e.getValue());
                // Unknown attributes are the default: leaving them out gives one form per value.
                if (!k.equals(NOTHING_KNOWN)) a.put(e.getKey(), k);
            }
        }
        attrs = Collections.unmodifiableMap(a);
        kmemleak = kmemleak == null ? emptyKmemleak("not read") : frozenMap(kmemleak);
        List<Map<String, Object>> o = new ArrayList<>();
        if (oomEvents != null) for (Map<String, Object> m : oomEvents) o.add(frozenMap(m));
        oomEvents = Collections.unmodifiableList(o);
    }

    /**
     * A snapshot of one sample, with the attributes of every cache name in it looked up
     * through {@code attrsOf} (a sampler's or an analysis row's).
     */
    public static Snapshot of(Identity identity, Sample sample, Function<String, CacheAttrs> attrsOf, String root,
                              Map<String, Object> kmemleak, List<Map<String, Object>> oomEvents) {
        Map<String, CacheAttrs> a = new TreeMap<>();
        for (SlabCache c : sample.slab().caches()) a.computeIfAbsent(c.name(), attrsOf);
        return new Snapshot(identity, sample, a, root, kmemleak, oomEvents);
    }

    private static final CacheAttrs NOTHING_KNOWN = kept(CacheAttrs.UNKNOWN);

    public Instant time() { return sample.time(); }

    /** Attributes of a cache name; unknown when the snapshot has none for it. */
    public CacheAttrs attrs(String name) { return attrs.getOrDefault(name, NOTHING_KNOWN); }

    /** {@code {"status": status, "records": [], "groups": []}}. */
    public static Map<String, Object> emptyKmemleak(String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("records", List.of());
        m.put("groups", List.of());
        return Collections.unmodifiableMap(m);
    }

    /** The parts of the sysfs attributes a snapshot keeps, so a loaded one equals the saved one. */
    private static CacheAttrs kept(CacheAttrs a) {
        if (a == null) return new CacheAttrs(null, List.of(), null, null, null, null, null, null);
        return new CacheAttrs(null, a.aliases(), a.reclaimable(), null, null, null, null, null);
    }

    /** A deep, unmodifiable copy of a json value, so the record is a value safe between threads. */
    @SuppressWarnings("unchecked")
    private static Object frozen(Object v) {
        if (v instanceof Map<?, ?> m) return frozenMap((Map<String, Object>) m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(frozen(o));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    private static Map<String, Object> frozenMap(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) out.put(e.getKey(), frozen(e.getValue()));
        return Collections.unmodifiableMap(out);
    }
}
