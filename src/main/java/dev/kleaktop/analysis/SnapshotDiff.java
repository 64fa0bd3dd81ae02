package dev.kleaktop.analysis;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.SourceId;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two snapshots: per cache (by {@link CacheId}, so repeated names stay
 * apart) the change in memory held and in active objects and the average rate between the
 * two; the meminfo changes; the kmemleak groups and OOM events that are new; and warnings
 * when the two are not comparable as they stand (another host, another kernel, a reboot in
 * between, NEW older than OLD).
 *
 * <p>A reboot in between restarts every counter: deltas are still given (they compare two
 * states) but {@link #acrossReboot} is set and no rate is computed.
 *
 * @param oldSide      identity and time of OLD
 * @param newSide      identity and time of NEW
 * @param elapsedS     seconds from OLD to NEW (negative when NEW is older): the uptime
 *                     difference within one boot, else the wall-clock difference
 * @param elapsedBasis {@code uptime} or {@code time}: which clock {@code elapsedS} comes from
 * @param acrossReboot true when the two come from different boots
 * @param caches       every cache of either side, largest {@code deltaBytes} first
 * @param meminfo      the meminfo fields kleaktop follows, in a fixed order
 * @param kmemleakNew  kmemleak groups of NEW whose key OLD does not have
 * @param oomEventsNew OOM events of NEW that happened after OLD was taken
 * @param warnings     one sentence each, for people
 */
public record SnapshotDiff(Side oldSide, Side newSide, double elapsedS, String elapsedBasis, boolean acrossReboot,
                           List<CacheDelta> caches, List<MemDelta> meminfo, List<KmemleakGroup> kmemleakNew,
                           List<OomEvent> oomEventsNew, List<String> warnings) {

    public SnapshotDiff {
        caches = List.copyOf(caches);
        meminfo = List.copyOf(meminfo);
        kmemleakNew = List.copyOf(kmemleakNew);
        oomEventsNew = List.copyOf(oomEventsNew);
        warnings = List.copyOf(warnings);
    }

    /** The meminfo fields a diff reports, kernel name to the json name of its delta. */
    public static final Map<String, String> MEMINFO_FIELDS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MemTotal", "mem_total_kb");
        m.put("MemAvailable", "mem_available_kb");
        m.put("Slab", "slab_kb");
        m.put("SReclaimable", "sreclaimable_kb");
        m.put("SUnreclaim", "sunreclaim_kb");
        m.put("KernelStack", "kernel_stack_kb");
        m.put("PageTables", "page_tables_kb");
        m.put("VmallocUsed", "vmalloc_used_kb");
        m.put("Percpu", "percpu_kb");
        MEMINFO_FIELDS = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * One end of the diff. Fields the snapshot lacks are null.
     *
     * @param kmemleakStatus {@code ok} when its kmemleak report was read, else why not
     * @param logStatus      {@code ok} when its kernel log was read for OOM events, else why not
     */
    public record Side(Instant time, Double uptimeS, String host, String kernel, String bootId,
                       String kmemleakStatus, String logStatus) {
        static Side of(Snapshot s) {
            return new Side(s.time(), s.sample().uptimeS(), s.identity().host(), s.identity().kernel(),
                    s.identity().bootId(), s.kmemleakStatus(), s.logStatus());
        }
    }

    /** Whether a cache is in both snapshots, only in NEW, or only in OLD. */
    public enum Status {
        CHANGED, NEW, GONE;

        /** The json spelling: {@code changed}, {@code new}, {@code gone}. */
        public String json() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * One cache across the two snapshots.
     *
     * @param oldCache      its slabinfo line in OLD, or null when new
     * @param newCache      its slabinfo line in NEW, or null when gone
     * @param oldSizeBytes  memory held in OLD, or null when new
     * @param newSizeBytes  memory held in NEW, or null when gone
     * @param deltaBytes    NEW size minus OLD size (a missing side counts as 0)
     * @param deltaObjs     NEW active objects minus OLD active objects (likewise)
     * @param rateBytesPerS deltaBytes over the elapsed seconds; null across a reboot or when
     *                      no time passed
     * @param attrs         aliases and reclaimable, from NEW where it has them, else OLD
     */
    public record CacheDelta(CacheId id, Status status, SlabCache oldCache, SlabCache newCache,
                             Long oldSizeBytes, Long newSizeBytes, long deltaBytes, long deltaObjs,
                             Double rateBytesPerS, CacheAttrs attrs) {
        public String name() { return id.name(); }
    }

    /** One meminfo field: its values in kB on each side and the change, null where unknown. */
    public record MemDelta(String field, Long oldKb, Long newKb, Long deltaKb) {}

    /** Compares OLD with NEW. Pure: the same two snapshots always give the same diff. */
    public static SnapshotDiff compute(Snapshot old, Snapshot neu) {
        Side o = Side.of(old);
        Side n = Side.of(neu);
        List<String> warnings = new ArrayList<>();

        if (o.host() != null && n.host() != null && !o.host().equals(n.host())) {
            warnings.add("different host: OLD is " + o.host() + ", NEW is " + n.host());
        }
        if (o.kernel() != null && n.kernel() != null && !o.kernel().equals(n.kernel())) {
            warnings.add("different kernel: OLD runs " + o.kernel() + ", NEW runs " + n.kernel());
        }
        Boolean sameBoot = sameBoot(o, n);
        boolean reboot = Boolean.FALSE.equals(sameBoot);
        if (reboot) {
            warnings.add(o.bootId() != null && n.bootId() != null
                    ? "different boot_id: the system rebooted between OLD and NEW; counters restarted, so deltas"
                            + " compare two boots and no rate is computed"
                    : "uptime went backwards: the system rebooted between OLD and NEW; counters restarted, so"
                            + " deltas compare two boots and no rate is computed");
        } else if (sameBoot == null) {
            warnings.add("boot_id unknown on " + (o.bootId() == null ? "OLD" : "NEW")
                    + ": cannot tell whether the system rebooted in between");
        }

        Duration between = Duration.between(o.time(), n.time());
        double wall = between.getSeconds() + between.getNano() / 1e9; // toNanos overflows past 292 years
        double elapsed = wall;
        String basis = "time";
        if (Boolean.TRUE.equals(sameBoot) && o.uptimeS() != null && n.uptimeS() != null) {
            // Within one boot the uptime difference is what passed between the two kernel
            // states, even for captured trees snapshotted long after they were taken.
            elapsed = n.uptimeS() - o.uptimeS();
            basis = "uptime";
        }
        if (elapsed < 0) {
            String when = basis.equals("uptime") ? "uptime " + n.uptimeS() + "s vs " + o.uptimeS() + "s"
                    : n.time() + " vs " + o.time();
            warnings.add("NEW is older than OLD (" + when + "): deltas run backwards in time;"
                    + " swap the two to read them forwards");
        } else if (elapsed == 0) {
            warnings.add("no time passed between OLD and NEW: rates are not computed");
        }
        boolean rates = !reboot && elapsed != 0;

        List<CacheDelta> caches = caches(old, neu, rates ? elapsed : 0, rates);
        if (old.sample().slab().truncated() || neu.sample().slab().truncated()) {
            warnings.add("slabinfo of " + (old.sample().slab().truncated() ? "OLD" : "NEW")
                    + " was cut short when read: its last cache is missing, not gone");
        }
        unavailable(warnings, "OLD", old);
        unavailable(warnings, "NEW", neu);

        List<KmemleakGroup> kmemleakNew = kmemleakNew(old, neu);
        if (!kmemleakNew.isEmpty() && !old.kmemleakRead()) {
            warnings.add("OLD has no kmemleak report (" + old.kmemleakStatus() + "): every group in NEW counts as new");
        }
        return new SnapshotDiff(o, n, elapsed, basis, reboot, caches, meminfo(old.sample().mem(), neu.sample().mem()),
                kmemleakNew, oomEventsNew(old, neu, sameBoot), warnings);
    }

    /** True or false when the boot ids (or, lacking them, the uptimes) tell; null when nothing does. */
    private static Boolean sameBoot(Side o, Side n) {
        if (o.bootId() != null && n.bootId() != null) return o.bootId().equals(n.bootId());
        if (o.uptimeS() != null && n.uptimeS() != null && n.time().isAfter(o.time()) && n.uptimeS() < o.uptimeS()) {
            return false;
        }
        return null;
    }

    private static List<CacheDelta> caches(Snapshot old, Snapshot neu, double elapsed, boolean rates) {
        long oldPage = old.identity().pageSize();
        long newPage = neu.identity().pageSize();
        Map<CacheId, SlabCache> before = new LinkedHashMap<>();
        for (SlabCache c : old.sample().slab().caches()) before.put(c.id(), c);
        List<CacheDelta> out = new ArrayList<>(before.size() + 16);
        Set<CacheId> seen = new HashSet<>();
        for (SlabCache c : neu.sample().slab().caches()) {
            seen.add(c.id());
            SlabCache b = before.get(c.id());
            long newSize = c.sizeBytes(newPage);
            Long oldSize = b == null ? null : b.sizeBytes(oldPage);
            long delta = newSize - (oldSize == null ? 0 : oldSize);
            long dObjs = c.activeObjs() - (b == null ? 0 : b.activeObjs());
            CacheAttrs attrs = neu.attrs().containsKey(c.name()) ? neu.attrs(c.name()) : old.attrs(c.name());
            out.add(new CacheDelta(c.id(), b == null ? Status.NEW : Status.CHANGED, b, c, oldSize, newSize, delta, dObjs,
                    rates ? delta / elapsed : null, attrs));
        }
        for (SlabCache b : before.values()) {
            if (seen.contains(b.id())) continue;
            long oldSize = b.sizeBytes(oldPage);
            out.add(new CacheDelta(b.id(), Status.GONE, b, null, oldSize, null, -oldSize, -b.activeObjs(),
                    rates ? -oldSize / elapsed : null, old.attrs(b.name())));
        }
        out.sort(RANKING);
        return out;
    }

    /** Largest growth first; ties by name then occurrence, so the order is stable. */
    public static final Comparator<CacheDelta> RANKING = Comparator.comparingLong(CacheDelta::deltaBytes).reversed()
            .thenComparing(CacheDelta::id);

    private static List<MemDelta> meminfo(MemInfo o, MemInfo n) {
        List<MemDelta> out = new ArrayList<>(MEMINFO_FIELDS.size());
        for (String f : MEMINFO_FIELDS.keySet()) {
            Long a = o.kb(f), b = n.kb(f);
            out.add(new MemDelta(f, a, b, a == null || b == null ? null : b - a));
        }
        return out;
    }

    private static void unavailable(List<String> warnings, String side, Snapshot s) {
        for (Map.Entry<String, SourceState> e : s.sample().sources().entrySet()) {
            if (e.getValue() instanceof SourceState.Unavailable u
                    && (e.getKey().equals(SourceId.SLABINFO.id()) || e.getKey().equals(SourceId.MEMINFO.id()))) {
                warnings.add(e.getKey() + " was unavailable in " + side + " (" + u.reason() + ")");
            }
        }
    }

    private static List<KmemleakGroup> kmemleakNew(Snapshot old, Snapshot neu) {
        Set<String> keys = new HashSet<>();
        for (KmemleakGroup g : old.kmemleak().groups()) keys.add(g.key());
        List<KmemleakGroup> out = new ArrayList<>();
        for (KmemleakGroup g : neu.kmemleak().groups()) {
            if (!keys.contains(g.key())) out.add(g);
        }
        return out;
    }

    /**
     * OOM events that happened between OLD and NEW. Within one boot an event with a known
     * uptime is new when it is later than OLD's uptime; after a reboot every event in NEW is
     * (the log restarted with the boot); otherwise, an event is new when OLD does not have it.
     */
    private static List<OomEvent> oomEventsNew(Snapshot old, Snapshot neu, Boolean sameBoot) {
        Double oldUptime = old.sample().uptimeS();
        List<OomEvent> out = new ArrayList<>();
        for (OomEvent e : neu.oomEvents()) {
            boolean isNew;
            if (Boolean.FALSE.equals(sameBoot)) {
                isNew = true;
            } else if (Boolean.TRUE.equals(sameBoot) && oldUptime != null && e.uptimeS() != null) {
                isNew = e.uptimeS() > oldUptime;
            } else {
                isNew = old.oomEvents().stream().noneMatch(x -> x.sameReportAs(e));
            }
            if (isNew) out.add(e);
        }
        return out;
    }
}
