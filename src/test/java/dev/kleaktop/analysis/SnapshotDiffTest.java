package dev.kleaktop.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.analysis.SnapshotDiff.Status;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import dev.kleaktop.testing.TwoTrees;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two captured trees with known numbers: the diff gives exactly those deltas and rates. */
class SnapshotDiffTest {
    static final String BOOT = TwoTrees.BOOT;

    @TempDir
    Path tmp;

    Trees oldTree(String dir) { return TwoTrees.older(tmp.resolve(dir)); }

    Trees newTree(String dir, String host, String kernel, String boot, String uptime) {
        return TwoTrees.newer(tmp.resolve(dir), host, kernel, boot, uptime);
    }

    static Snapshot take(Trees t, TestClock clock) {
        return Snapshots.take(new KernelFs(t.root()), clock);
    }

    static CacheDelta row(SnapshotDiff d, String name, int index) {
        return d.caches().stream().filter(c -> c.id().equals(new CacheId(name, index))).findFirst().orElseThrow();
    }

    SnapshotDiff hourApart(String host, String kernel, String boot, String uptime, double wallSeconds) {
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        Snapshot old = take(oldTree("a"), clock);
        clock.advanceSeconds(wallSeconds);
        Snapshot neu = take(newTree("b", host, kernel, boot, uptime), clock);
        return SnapshotDiff.compute(old, neu);
    }

    @Test
    void deltasAndRatesAreExactlyTheKnownNumbers() {
        SnapshotDiff d = hourApart("box1", "6.18.44", BOOT, "4600.00", 3600);
        assertThat(d.warnings()).isEmpty();
        assertThat(d.acrossReboot()).isFalse();
        assertThat(d.elapsedS()).isEqualTo(3600.0);
        assertThat(d.elapsedBasis()).isEqualTo("uptime");

        CacheDelta leaky = row(d, "leaky", 0);
        assertThat(leaky.status()).isEqualTo(Status.CHANGED);
        assertThat(leaky.oldSizeBytes()).isEqualTo(125 * 4096L);
        assertThat(leaky.newSizeBytes()).isEqualTo(250 * 4096L);
        assertThat(leaky.deltaBytes()).isEqualTo(125 * 4096L);
        assertThat(leaky.deltaObjs()).isEqualTo(1000);
        assertThat(leaky.rateBytesPerS()).isCloseTo(125 * 4096 / 3600.0, within(1e-9));
        assertThat(leaky.attrs().aliases()).containsExactly(":0000512", "kmalloc-512");
        assertThat(leaky.attrs().reclaimable()).isFalse();

        CacheDelta second = row(d, "nf_conntrack", 1);
        assertThat(second.deltaBytes()).isEqualTo(2 * 4 * 4096L);
        assertThat(second.deltaObjs()).isEqualTo(102);
        assertThat(row(d, "nf_conntrack", 0).deltaBytes()).isZero();
        assertThat(row(d, "nf_conntrack", 0).rateBytesPerS()).isEqualTo(0.0);

        CacheDelta dentry = row(d, "dentry", 0);
        assertThat(dentry.deltaBytes()).isEqualTo(-50 * 4096L);
        assertThat(dentry.deltaObjs()).isEqualTo(-1050);
        // NEW's tree has no sysfs entry for dentry: OLD's attributes are kept
        assertThat(dentry.attrs().reclaimable()).isTrue();

        CacheDelta newcomer = row(d, "newcomer", 0);
        assertThat(newcomer.status()).isEqualTo(Status.NEW);
        assertThat(newcomer.oldSizeBytes()).isNull();
        assertThat(newcomer.deltaBytes()).isEqualTo(4096);
        assertThat(newcomer.deltaObjs()).isEqualTo(64);

        CacheDelta gone = row(d, "vanishing", 0);
        assertThat(gone.status()).isEqualTo(Status.GONE);
        assertThat(gone.newSizeBytes()).isNull();
        assertThat(gone.deltaBytes()).isEqualTo(-4096);
        assertThat(gone.deltaObjs()).isEqualTo(-10);
        assertThat(gone.rateBytesPerS()).isCloseTo(-4096 / 3600.0, within(1e-12));

        assertThat(d.caches()).extracting(c -> c.id().toString())
                .containsExactly("leaky", "nf_conntrack#2", "newcomer", "nf_conntrack", "vanishing", "dentry");

        Map<String, SnapshotDiff.MemDelta> mem = new LinkedHashMap<>();
        for (SnapshotDiff.MemDelta m : d.meminfo()) mem.put(m.field(), m);
        assertThat(mem.keySet()).containsExactlyElementsOf(SnapshotDiff.MEMINFO_FIELDS.keySet());
        assertThat(mem.get("Slab").deltaKb()).isEqualTo(2048);
        assertThat(mem.get("SUnreclaim").deltaKb()).isEqualTo(2000);
        assertThat(mem.get("SReclaimable").deltaKb()).isEqualTo(48);
        assertThat(mem.get("MemAvailable").deltaKb()).isEqualTo(-10_000);
        assertThat(mem.get("MemTotal").deltaKb()).isZero();
        assertThat(mem.get("KernelStack").deltaKb()).isNull();
    }

    @Test
    void capturedTreesSnapshottedMinutesApartStillUseTheUptimeBetweenThem() {
        SnapshotDiff d = hourApart("box1", "6.18.44", BOOT, "4600.00", 60);
        assertThat(d.elapsedS()).isEqualTo(3600.0);
        assertThat(row(d, "leaky", 0).rateBytesPerS()).isCloseTo(125 * 4096 / 3600.0, within(1e-9));
    }

    @Test
    void aRebootInBetweenMarksTheDeltasAndComputesNoRate() {
        SnapshotDiff d = hourApart("box1", "6.18.45", "0e9f0000-aaaa-4bbb-8ccc-ddddeeeeffff", "300.00", 3600);
        assertThat(d.acrossReboot()).isTrue();
        assertThat(d.elapsedBasis()).isEqualTo("time");
        assertThat(d.elapsedS()).isEqualTo(3600.0);
        assertThat(row(d, "leaky", 0).deltaBytes()).isEqualTo(125 * 4096L);
        assertThat(d.caches()).allSatisfy(c -> assertThat(c.rateBytesPerS()).isNull());
        assertThat(d.warnings()).containsExactly(
                "different kernel: OLD runs 6.18.44, NEW runs 6.18.45",
                "different boot_id: the system rebooted between OLD and NEW; counters restarted, so deltas compare"
                        + " two boots and no rate is computed");
    }

    @Test
    void anotherHostIsNamed() {
        SnapshotDiff d = hourApart("box2", "6.18.44", "0e9f0000-aaaa-4bbb-8ccc-ddddeeeeffff", "4600.00", 3600);
        assertThat(d.warnings()).first().isEqualTo("different host: OLD is box1, NEW is box2");
        assertThat(d.acrossReboot()).isTrue();
    }

    @Test
    void newOlderThanOldIsSaidAndTheRateStillRunsForwards() {
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        Snapshot old = take(oldTree("a"), clock);
        clock.advanceSeconds(3600);
        Snapshot neu = take(newTree("b", "box1", "6.18.44", BOOT, "4600.00"), clock);
        SnapshotDiff d = SnapshotDiff.compute(neu, old);
        assertThat(d.elapsedS()).isEqualTo(-3600.0);
        assertThat(d.warnings()).singleElement().asString().startsWith("NEW is older than OLD (uptime 1000.0s vs 4600.0s)");
        CacheDelta leaky = row(d, "leaky", 0);
        assertThat(leaky.deltaBytes()).isEqualTo(-125 * 4096L);
        assertThat(leaky.rateBytesPerS()).isCloseTo(125 * 4096 / 3600.0, within(1e-9));
    }

    @Test
    void withoutBootIdsAnUptimeThatWentBackwardsIsAReboot() {
        Instant t0 = Instant.parse("2026-11-26T01:00:00Z");
        Identity id = new Identity("h", "k", null, 4096);
        Snapshot a = new Snapshot(id, new Sample(t0, 5000.0, SlabInfo.empty(), MemInfo.empty(), Map.of()),
                Map.of(), null, null, null, List.of());
        Snapshot b = new Snapshot(id, new Sample(t0.plusSeconds(600), 100.0, SlabInfo.empty(), MemInfo.empty(), Map.of()),
                Map.of(), null, null, null, List.of());
        SnapshotDiff d = SnapshotDiff.compute(a, b);
        assertThat(d.acrossReboot()).isTrue();
        assertThat(d.warnings()).singleElement().asString().startsWith("uptime went backwards");
        SnapshotDiff same = SnapshotDiff.compute(a, new Snapshot(id,
                new Sample(t0.plusSeconds(600), 5600.0, SlabInfo.empty(), MemInfo.empty(), Map.of()),
                Map.of(), null, null, null, List.of()));
        assertThat(same.acrossReboot()).isFalse();
        assertThat(same.elapsedBasis()).isEqualTo("time");
        assertThat(same.warnings()).containsExactly("boot_id unknown on OLD: cannot tell whether the system rebooted in between");
    }

    static KmemleakGroup group(String key, long count) {
        return new KmemleakGroup(key, count, count * 64, key, "memory leak in " + key, List.of("insmod"), "0xffff888000000000", List.of(key));
    }

    static OomEvent oom(double uptime, String victim) {
        return new OomEvent(uptime, null, "memcg", "CONSTRAINT_MEMCG", victim, "0xcc0(GFP_KERNEL)", 0, 4532L, victim,
                1000L, 900L, 4L, 0L, 0, "/x", "/x", List.of(), null, true, List.of());
    }

    static KmemleakReport report(KmemleakGroup... groups) {
        return new KmemleakReport(List.of(), List.of(groups), groups.length, 0);
    }

    @Test
    void kmemleakGroupsAndOomEventsThatAreNew() {
        Instant t0 = Instant.parse("2026-11-26T01:00:00Z");
        Identity id = new Identity("h", "k", BOOT, 4096);
        KmemleakGroup g1 = group("a+0x1", 3);
        KmemleakGroup g2 = group("b+0x2", 1);
        KmemleakGroup g1more = group("a+0x1", 9);
        OomEvent oomBefore = oom(900.0, "java");
        OomEvent oomAfter = oom(1500.5, "python3");
        Snapshot a = new Snapshot(id, new Sample(t0, 1000.0, SlabInfo.empty(), MemInfo.empty(), Map.of()), Map.of(), null,
                "ok", report(g1), List.of(oomBefore));
        Snapshot b = new Snapshot(id, new Sample(t0.plusSeconds(900), 1900.0, SlabInfo.empty(), MemInfo.empty(), Map.of()),
                Map.of(), null, "ok", report(g1more, g2), List.of(oomBefore, oomAfter));
        SnapshotDiff d = SnapshotDiff.compute(a, b);
        assertThat(d.kmemleakNew()).containsExactly(g2);
        assertThat(d.oomEventsNew()).containsExactly(oomAfter);
        assertThat(d.warnings()).isEmpty();
        // OLD had not read kmemleak: all groups are new, and the diff says why
        Snapshot c = new Snapshot(id, a.sample(), Map.of(), null, null, null, List.of());
        SnapshotDiff d2 = SnapshotDiff.compute(c, b);
        assertThat(d2.kmemleakNew()).containsExactly(g1more, g2);
        assertThat(d2.oomEventsNew()).containsExactly(oomAfter);
        assertThat(d2.warnings()).containsExactly("OLD has no kmemleak report (not read): every group in NEW counts as new");
        // after a reboot every event in NEW's log happened after OLD
        Snapshot rebooted = new Snapshot(new Identity("h", "k", TwoTrees.OTHER_BOOT, 4096),
                new Sample(t0.plusSeconds(900), 300.0, SlabInfo.empty(), MemInfo.empty(), Map.of()),
                Map.of(), null, "ok", report(), List.of(oom(120.0, "java")));
        assertThat(SnapshotDiff.compute(a, rebooted).oomEventsNew()).hasSize(1);
        // without uptimes, an event is new when OLD does not have it
        OomEvent untimed = new OomEvent(null, "Nov 26 01:10:00", "global", null, "x", null, null, 7L, "x", null, null,
                null, null, null, null, null, List.of(), null, true, List.of());
        Snapshot withUntimed = new Snapshot(id, b.sample(), Map.of(), null, "ok", report(), List.of(untimed, oomAfter));
        Snapshot oldUntimed = new Snapshot(id, a.sample(), Map.of(), null, "ok", report(), List.of(untimed));
        assertThat(SnapshotDiff.compute(oldUntimed, withUntimed).oomEventsNew()).containsExactly(oomAfter);
    }
}
