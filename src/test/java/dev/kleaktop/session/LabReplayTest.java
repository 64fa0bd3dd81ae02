package dev.kleaktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.LeakRule;
import dev.kleaktop.session.KmemleakFollower;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import dev.kleaktop.view.TableState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e2e lab's real growth, replayed through a captured tree: /proc/slabinfo as the guest
 * saw it about once a second while kleak_slab leaked 8 objects of 4096 bytes every 500 ms
 * (corpus/lab-e2e/slabinfo-series.txt), with that guest's /sys/kernel/slab. The monitor
 * must rank the leaking cache first and flag it once the window is covered, as the live
 * lab run does, and flag nothing else the real kernel grew meanwhile.
 */
class LabReplayTest {
    static final String LEAKING = "kleak_slab_obj";
    static final double WINDOW_S = 12;
    static final Instant BOOT = Instant.parse("2026-11-26T01:50:00Z");

    @TempDir
    Path dir;

    Trees tree;
    TestClock clock;

    record Point(double uptimeS, String slabinfo) {}

    /** Splits the lab's "### t=UPTIME" + slabinfo frames. */
    static List<Point> series() {
        List<Point> points = new ArrayList<>();
        String[] parts = Corpus.text("lab-e2e/slabinfo-series.txt").split("(?m)^### t=");
        for (String part : parts) {
            if (part.isEmpty()) continue;
            int nl = part.indexOf('\n');
            points.add(new Point(Double.parseDouble(part.substring(0, nl)), part.substring(nl + 1)));
        }
        return points;
    }

    @BeforeEach
    void capturedTree() {
        tree = new Trees(dir)
                .identity("kmemlab", "6.1.192-kmemlab", "6f0c2a8e-2f4e-4a3c-9a51-0b6c1e2d7f40")
                .file("proc/meminfo", Corpus.text("lab-e2e/meminfo.1-after-growth.txt"))
                .sysSlabFromLab(Corpus.text("lab-e2e/sys-kernel-slab-ls.txt"), Corpus.text("lab-e2e/sys-kernel-slab.txt"));
        clock = new TestClock(BOOT);
    }

    Frame replay(Collector m, Point p) {
        tree.file("proc/slabinfo", p.slabinfo())
                .file("proc/uptime", String.format(Locale.ROOT, "%.2f 0.00%n", p.uptimeS()));
        clock.set(BOOT.plusNanos(Math.round(p.uptimeS() * 1e9)));
        return m.refresh();
    }

    static CacheRow row(Frame f, String name) {
        return f.analysis().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The lab's leak lasts 25 s: the rule is asked to look back 16 s (its default of minutes
     * is proven on the recorded series of bench/series, in SeriesVerdictTest).
     */
    static final LeakRule.Settings SHORT = new LeakRule.Settings(16, 6, 0.15, 32 << 10);

    @Test
    void theLeakingCacheLeadsAndIsFlaggedOnceTheHorizonShowsItsFloorRising() {
        List<Point> points = series();
        assertThat(points).hasSizeGreaterThan(10);
        Collector m = new Collector(Collector.startedSampler(new KernelFs(dir), clock), WINDOW_S, SHORT, null,
                (KmemleakFollower) null);
        double first = points.get(0).uptimeS();
        Frame last = null;
        boolean flagged = false;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            last = replay(m, p);
            CacheRow leak = row(last, LEAKING);
            String why = dev.kleaktop.view.VerdictText.why(leak.verdict());
            if (p.uptimeS() - first < SHORT.horizonS() / 2) {
                assertThat(leak.leakSuspect()).as("at t=%s, before half the horizon: %s", p.uptimeS(), why).isFalse();
            }
            // once flagged, it stays flagged while it grows, one 32 KiB slab at a time
            if (flagged) assertThat(leak.leakSuspect()).as("at t=%s: %s", p.uptimeS(), why).isTrue();
            flagged |= leak.leakSuspect();
            List<String> others = last.analysis().rows().stream()
                    .filter(r -> r.leakSuspect() && !r.name().equals(LEAKING)).map(CacheRow::name).toList();
            assertThat(others).as("other suspects at t=%s", p.uptimeS()).isEmpty();
        }
        assertThat(flagged).as("flagged by the end").isTrue();
        List<CacheRow> ranked = new TableState().apply(last.analysis().rows());
        assertThat(ranked.get(0).name()).isEqualTo(LEAKING);
        CacheRow leak = ranked.get(0);
        // 8 objects per 500 ms tick: 16 objects/s, 7 objects to a 32 KiB slab
        assertThat(leak.growthObjsPerS()).isCloseTo(16.0, within(3.0));
        assertThat(leak.growthBytesPerS()).isCloseTo(16.0 / 7 * 32768, within(16.0 / 7 * 32768 * 0.2));
        assertThat(dev.kleaktop.view.VerdictText.why(leak.verdict())).startsWith("leak suspect: floor rose")
                .endsWith("not reclaimable");
        assertThat(leak.deltaObjs()).isEqualTo(413 - 14);
        assertThat(leak.deltaBytes()).isEqualTo((59 - 2) * 8 * 4096L);
    }

    @Test
    void aCacheFirstSeenMidRunGetsItsSysfsAttributes() {
        Collector m = new Collector(new KernelFs(dir), clock, WINDOW_S);
        // the boot-time slabinfo has no kleak_slab_obj: the module is loaded later
        Frame before = replay(m, new Point(3.0, Corpus.text("lab-e2e/slabinfo.0-boot.txt")));
        assertThat(before.analysis().rows()).noneMatch(r -> r.name().equals(LEAKING));
        Frame after = replay(m, series().get(0));
        CacheRow leak = row(after, LEAKING);
        assertThat(leak.attrs().reclaimable()).isFalse();
        assertThat(leak.attrs().objectSize()).isEqualTo(4096);
        assertThat(leak.attrs().slabSize()).isEqualTo(4104);
        assertThat(leak.attrs().objsPerSlab()).isEqualTo(7);
        assertThat(leak.attrs().order()).isEqualTo(3);
        assertThat(leak.attrs().aliases()).isEmpty();
        assertThat(leak.growthBytesPerS()).as("one sample of it: unknown, not zero").isNull();
    }
}
