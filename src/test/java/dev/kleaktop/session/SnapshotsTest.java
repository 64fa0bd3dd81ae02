package dev.kleaktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.store.SnapshotDir;
import dev.kleaktop.store.SnapshotStore;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.TwoTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen's path: a frame becomes a snapshot (S), and a saved one is diffed against the live frame (D). */
class SnapshotsTest {
    @TempDir
    Path tmp;

    @Test
    void aFrameGivesTheSameSnapshotAsAFreshSample() {
        KernelFs fs = new KernelFs(TwoTrees.older(tmp.resolve("t")).root());
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        Frame frame = new Collector(fs, clock, 60).refresh();
        Snapshot fromFrame = Snapshots.of(frame, fs);
        Snapshot fresh = Snapshots.take(fs, clock);
        assertThat(fromFrame).isEqualTo(fresh);
        Snapshot full;
        try (KernelLog log = KernelLog.kmsg(fs, clock)) {
            full = Snapshots.take(fs, clock, log, KmemleakSource.live(fs, true, clock));
        }
        assertThat(full.kmemleakStatus()).isEqualTo("not in the captured tree");
        assertThat(full.logStatus()).isEqualTo("not found");
        assertThat(full.sample().slab()).isEqualTo(fromFrame.sample().slab());
        assertThat(full.attrs()).isEqualTo(fromFrame.attrs());
        assertThat(Snapshots.of(frame, fs).attrs("leaky").aliases()).containsExactly(":0000512", "kmalloc-512");
    }

    @Test
    void aFrameWithAKernelLogAndAKmemleakReportKeepsThemAll() throws Exception {
        KernelFs fs = new KernelFs(TwoTrees.older(tmp.resolve("t")).root());
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        Path log = Corpus.path("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log");
        Path report = Corpus.path("lab/run-memcg-v2/kmemleak.scan1.txt");
        Frame frame;
        try (Collector m = new Collector(fs, clock, 60, KernelLog.file(log), KmemleakSource.file(report, clock))) {
            frame = m.refresh();
        }
        Snapshot s = Snapshots.of(frame, fs);
        assertThat(s.oomEvents()).isEqualTo(frame.oomEvents()).isNotEmpty();
        assertThat(s.kmemleakStatus()).isEqualTo("ok");
        assertThat(s.kmemleak().recordCount()).isEqualTo(5);
        assertThat(s.logStatus()).isEqualTo("ok");
        Path saved = new SnapshotStore().save(s, tmp.resolve("snaps"));
        assertThat(SnapshotStore.load(saved)).isEqualTo(s);
    }

    @Test
    void saveFromAFrameThenDiffAgainstALaterFrame() throws Exception {
        Path tree = TwoTrees.older(tmp.resolve("t")).root();
        KernelFs fs = new KernelFs(tree);
        TestClock clock = new TestClock(Instant.parse("2026-11-26T01:00:00Z"));
        Collector monitor = new Collector(fs, clock, 60);
        Path saved = new SnapshotStore().save(Snapshots.of(monitor.refresh(), fs), tmp.resolve("snaps"));

        // an hour later the same box looks like the newer tree
        Path later = TwoTrees.newer(tmp.resolve("n")).root();
        for (String f : List.of("proc/slabinfo", "proc/meminfo", "proc/uptime")) {
            Files.copy(later.resolve(f), tree.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        clock.advanceSeconds(3600);
        Frame now = monitor.refresh();

        List<SnapshotDir.Listing> listed = SnapshotDir.list(tmp.resolve("snaps"));
        assertThat(listed).extracting(SnapshotDir.Listing::path).containsExactly(saved);
        Snapshot old = SnapshotStore.load(listed.get(0).path());
        SnapshotDiff d = SnapshotDiff.compute(old, Snapshots.of(now, fs));
        assertThat(d.caches().get(0).name()).isEqualTo("leaky");
        assertThat(d.caches().get(0).deltaBytes()).isEqualTo(125 * 4096L);
        assertThat(d.elapsedS()).isEqualTo(3600.0);
    }
}
