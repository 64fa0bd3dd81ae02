package dev.kleaktop.export;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.LeakRule;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.view.Text;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one refresh to the Prometheus client's metric model. The names, types and labels
 * are the SPEC's contract; HELP and TYPE lines and the escaping of label values are the
 * library's.
 *
 * <p>Per-cache series carry {@code cache}, the name as in /proc/slabinfo (control
 * characters shown as {@code \xNN}, as everywhere in kleaktop). Two caches may share a name
 * (one per device or network namespace); for such names, and only those, every occurrence
 * also carries {@code index} ("0" for the first line of that name in /proc/slabinfo, "1"
 * for the second, ...), so names that do not repeat keep the plain {@code {cache="dentry"}}
 * series and repeated ones never collide. Repetition is judged over the whole of
 * /proc/slabinfo, not over the exported subset, so a series keeps its labels when the
 * subset changes.
 */
public final class MetricsMapper {
    public static final String SLAB_SIZE = "kleaktop_slab_cache_size_bytes";
    public static final String SLAB_ACTIVE = "kleaktop_slab_cache_active_objects";
    public static final String SLAB_OBJECTS = "kleaktop_slab_cache_objects";
    public static final String SLAB_GROWTH = "kleaktop_slab_cache_growth_bytes_per_second";
    public static final String SLAB_SUSPECT = "kleaktop_slab_cache_leak_suspect";
    public static final String MEMINFO = "kleaktop_meminfo_bytes";
    public static final String KMEMLEAK = "kleaktop_kmemleak_suspects";
    public static final String OOM_KILLS = "kleaktop_oom_kills_total";
    public static final String SOURCE_UP = "kleaktop_source_up";

    /** The ledger's unaccounted line, exported among the meminfo fields. */
    public static final String UNACCOUNTED = "Unaccounted";
    /** The /proc/meminfo fields exported, in kB there and bytes here. */
    public static final List<String> MEMINFO_FIELDS = List.of("Slab", "SReclaimable", "SUnreclaim", "MemAvailable", "MemTotal");

    private final Selection selection;

    public MetricsMapper(Selection selection) {
        this.selection = selection;
    }

    public MetricSnapshots map(ExportFrame f) {
        List<CacheRow> all = f.frame().analysis().rows();
        Map<String, Integer> perName = new HashMap<>();
        for (CacheRow r : all) perName.merge(r.name(), 1, Integer::sum);

        GaugeSnapshot.Builder size = gauge(SLAB_SIZE,
                "Memory held by the slab cache: num_slabs x pagesperslab x page size, from /proc/slabinfo.");
        GaugeSnapshot.Builder active = gauge(SLAB_ACTIVE, "Objects in use in the slab cache (active_objs in /proc/slabinfo).");
        GaugeSnapshot.Builder objects = gauge(SLAB_OBJECTS,
                "Objects allocated in the slab cache, in use or free (num_objs in /proc/slabinfo).");
        GaugeSnapshot.Builder growth = gauge(SLAB_GROWTH, String.format(java.util.Locale.ROOT,
                "Least-squares slope of the cache size over the last %.0f s, in bytes per second; absent until known.",
                f.frame().analysis().windowS()));
        GaugeSnapshot.Builder suspect = gauge(SLAB_SUSPECT,
                "1 when kleaktop flags the cache as a leak suspect, else 0. Rule: " + LeakRule.SUMMARY + ".");
        for (CacheRow r : selection.apply(all)) {
            Labels l = cacheLabels(r, perName.getOrDefault(r.name(), 1) > 1);
            size.dataPoint(point(l, r.sizeBytes()));
            active.dataPoint(point(l, r.cache().activeObjs()));
            objects.dataPoint(point(l, r.cache().numObjs()));
            if (r.growthBytesPerS() != null) growth.dataPoint(point(l, r.growthBytesPerS()));
            suspect.dataPoint(point(l, r.leakSuspect() ? 1 : 0));
        }

        GaugeSnapshot.Builder mem = gauge(MEMINFO, "Kernel memory totals from /proc/meminfo, in bytes; field="
                + "\"" + UNACCOUNTED + "\" is MemTotal minus every other line of the kernel-memory ledger (pages no"
                + " counter names: where a page leak shows).");
        MemInfo m = f.frame().analysis().sample().mem();
        for (String field : MEMINFO_FIELDS) {
            Long kb = m.kb(field);
            if (kb != null) mem.dataPoint(point(Labels.of("field", field), kb * 1024.0));
        }
        for (dev.kleaktop.analysis.LedgerRow r : f.frame().analysis().ledger()) {
            if (r.line() == dev.kleaktop.analysis.Ledger.UNACCOUNTED) {
                mem.dataPoint(point(Labels.of("field", UNACCOUNTED), (double) r.bytes()));
            }
        }

        MetricSnapshots.Builder out = MetricSnapshots.builder()
                .metricSnapshot(size.build())
                .metricSnapshot(active.build())
                .metricSnapshot(objects.build())
                .metricSnapshot(growth.build())
                .metricSnapshot(suspect.build())
                .metricSnapshot(mem.build());

        ExportFrame.KmemleakCount km = f.kmemleak();
        if (km != null && km.suspects() != null) {
            out.metricSnapshot(gauge(KMEMLEAK,
                    "Unreferenced objects currently reported by kmemleak (/sys/kernel/debug/kmemleak).")
                    .dataPoint(point(Labels.EMPTY, km.suspects())).build());
        }
        ExportFrame.OomTotals oom = f.oomTotals();
        if (oom != null) {
            out.metricSnapshot(CounterSnapshot.builder().name(OOM_KILLS)
                    .help("OOM-killer kills seen in the kernel log since kleaktop started, by kind (global or memcg).")
                    .dataPoint(counter("global", oom.global()))
                    .dataPoint(counter("memcg", oom.memcg()))
                    .build());
        }

        GaugeSnapshot.Builder up = gauge(SOURCE_UP, "1 when kleaktop could read the kernel source at the last refresh, else 0.");
        Map<String, SourceState> sources = new LinkedHashMap<>(f.frame().sources());
        if (f.kmsg() != null) sources.put(SourceId.KMSG.id(), f.kmsg());
        if (km != null) sources.put(SourceId.KMEMLEAK.id(), km.state());
        for (Map.Entry<String, SourceState> e : sources.entrySet()) {
            up.dataPoint(point(Labels.of("source", e.getKey()), e.getValue().ok() ? 1 : 0));
        }
        return out.metricSnapshot(up.build()).build();
    }

    /** {@code cache}, plus {@code index} when the name repeats in /proc/slabinfo. */
    static Labels cacheLabels(CacheRow r, boolean repeated) {
        String cache = Text.escape(r.name());
        return repeated ? Labels.of("cache", cache, "index", Integer.toString(r.id().index())) : Labels.of("cache", cache);
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterDataPointSnapshot counter(String kind, long value) {
        return CounterDataPointSnapshot.builder().labels(Labels.of("kind", kind)).value(value).build();
    }
}
