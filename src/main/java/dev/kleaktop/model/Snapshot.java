package dev.kleaktop.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The raw state of one machine at one moment, as a snapshot file keeps it: who it was, one
 * sample, what sysfs said about each cache name, the kmemleak report and the OOM events in
 * the kernel log. Nothing derived is kept: a diff or a replay recomputes from these.
 *
 * @param identity       host, kernel, boot id and page size
 * @param sample         time, uptime, slabinfo, meminfo and the state of each source
 * @param attrs          per cache name: its merged aliases and whether it is reclaimable (the
 *                       only sysfs facts a snapshot keeps; other attributes are dropped)
 * @param root           the tree it was read from ({@code /} for the live kernel), or null
 * @param kmemleakStatus {@code ok} when the report was read, {@code not read}, or why it could
 *                       not be (as {@link SourceState#describe()} words it)
 * @param kmemleak       the report (empty unless read)
 * @param oomEvents      the OOM kills found in the kernel log, oldest first
 */
public record Snapshot(Identity identity, Sample sample, Map<String, CacheAttrs> attrs, String root,
                       String kmemleakStatus, KmemleakReport kmemleak, List<OomEvent> oomEvents) {

    /** The kmemleak status of a snapshot whose report was not read. */
    public static final String NOT_READ = "not read";

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
        kmemleakStatus = kmemleakStatus == null ? NOT_READ : kmemleakStatus;
        kmemleak = kmemleak == null ? KmemleakReport.EMPTY : kmemleak;
        oomEvents = oomEvents == null ? List.of() : List.copyOf(oomEvents);
    }

    /**
     * A snapshot of one sample, with the attributes of every cache name in it looked up
     * through {@code attrsOf} (a sampler's or an analysis row's).
     */
    public static Snapshot of(Identity identity, Sample sample, Function<String, CacheAttrs> attrsOf, String root,
                              String kmemleakStatus, KmemleakReport kmemleak, List<OomEvent> oomEvents) {
        Map<String, CacheAttrs> a = new TreeMap<>();
        for (SlabCache c : sample.slab().caches()) a.computeIfAbsent(c.name(), attrsOf);
        return new Snapshot(identity, sample, a, root, kmemleakStatus, kmemleak, oomEvents);
    }

    private static final CacheAttrs NOTHING_KNOWN = kept(CacheAttrs.UNKNOWN);

    public Instant time() { return sample.time(); }

    /** Attributes of a cache name; nothing known when the snapshot has none for it. */
    public CacheAttrs attrs(String name) { return attrs.getOrDefault(name, NOTHING_KNOWN); }

    /** True when the kmemleak report was read (it may still be empty: no suspects). */
    public boolean kmemleakRead() { return "ok".equals(kmemleakStatus); }

    /**
     * Whether the kernel log was read for OOM events: {@code ok}, {@code not read}, or why
     * not, from the {@code dmesg_file} or {@code kmsg} source.
     */
    public String logStatus() {
        SourceState st = sample.sources().get(SourceId.DMESG_FILE.id());
        if (st == null) st = sample.sources().get(SourceId.KMSG.id());
        return st == null ? NOT_READ : st.describe();
    }

    /** The parts of the sysfs attributes a snapshot keeps, so a loaded one equals the saved one. */
    private static CacheAttrs kept(CacheAttrs a) {
        if (a == null) return new CacheAttrs(null, List.of(), null);
        return new CacheAttrs(null, a.aliases(), a.reclaimable());
    }
}
