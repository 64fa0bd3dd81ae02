package dev.kleaktop.view.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.view.Key;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces around the loop: the key mapping, the sampling thread. */
class TerminalPartsTest {
    @Test
    void keyMapping() {
        assertThat(KeyMap.of(new KeyStroke('q', false, false))).isEqualTo(Key.of('q'));
        assertThat(KeyMap.of(new KeyStroke('c', true, false))).isEqualTo(Key.ctrl('c'));
        assertThat(KeyMap.of(new KeyStroke('L', true, false))).isEqualTo(Key.ctrl('l'));
        assertThat(KeyMap.of(new KeyStroke('x', false, true)).kind()).isEqualTo(Key.Kind.OTHER);
        assertThat(KeyMap.of(new KeyStroke(KeyType.ReverseTab)).kind()).isEqualTo(Key.Kind.BACKTAB);
        assertThat(KeyMap.of(new KeyStroke(KeyType.PageDown)).kind()).isEqualTo(Key.Kind.PAGE_DOWN);
        assertThat(KeyMap.of(new KeyStroke(KeyType.EOF)).kind()).isEqualTo(Key.Kind.EOF);
        assertThat(KeyMap.of(new KeyStroke(KeyType.F5)).kind()).isEqualTo(Key.Kind.OTHER);
    }

    @Test
    void samplingThreadPostsFramesAndAnswersResetAndIntervalAtOnce(@TempDir Path dir) throws Exception {
        Trees.labFinal(dir);
        TestClock clock = new TestClock();
        Collector m = new Collector(new KernelFs(dir), clock, 60);
        // An hour between samples: anything after the first comes from a wake-up, not the timer.
        CollectorFeed t = new CollectorFeed(m, 3600);
        try {
            assertThat(t.awaitFirst(0)).isFalse();
            t.start();
            assertThat(t.awaitFirst(10_000)).isTrue();
            assertThat(t.latest()).isNotNull(); // the screen's first picture is the sample
            Frame first = await(t, null);
            assertThat(first.analysis().samples()).isEqualTo(1);
            clock.advanceSeconds(3);
            t.resetBaseline();
            Frame second = await(t, first);
            assertThat(second.analysis().samples()).isEqualTo(2);
            t.interval(0.05);
            Frame third = await(t, second);
            assertThat(third.analysis().samples()).isGreaterThanOrEqualTo(3);
        } finally {
            t.close();
        }
        Frame last = t.latest();
        Thread.sleep(200);
        assertThat(t.latest()).isSameAs(last); // stopped
    }

    /**
     * Issue 14: sampling that ran out of memory (100,000 caches before slabinfo had a limit)
     * ended the screen with "IllegalStateException: sampling failed: java.lang.OutOfMemoryError:
     * Java heap space"; now it is one line in words, which ScreenRunner prints as it is.
     */
    @Test
    void samplingThatRunsOutOfMemoryEndsWithOneLineInWords(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        new dev.kleaktop.testing.Trees(dir).file("proc/slabinfo", "slabinfo - version: 2.1\n")
                .file("proc/meminfo", "MemTotal: 1 kB\n");
        java.time.Clock outOfMemory = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) { return this; }

            @Override
            public java.time.Instant instant() { throw new OutOfMemoryError("Java heap space"); }
        };
        Collector m = new Collector(new KernelFs(dir), outOfMemory, 60);
        CollectorFeed t = new CollectorFeed(m, 3600);
        try {
            t.start();
            assertThat(t.awaitFirst(10_000)).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(t::latest).isInstanceOf(SamplingFailed.class)
                    .hasMessage("sampling failed: out of memory (the heap limit is "
                            + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
        } finally {
            t.close();
            m.close();
        }
    }

    @Test
    void theKernelLogIsReadOnceTheFirstFrameIsShownAndComesInWithoutWaitingAnInterval() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(Path.of("/dev/kmsg"))
                && java.nio.file.Files.isReadable(Path.of("/proc/slabinfo")), "needs the live /dev/kmsg and /proc/slabinfo (root)");
        java.util.List<dev.kleaktop.model.OomEvent> expected;
        try (dev.kleaktop.session.KernelLog ref = dev.kleaktop.session.KernelLog.kmsg(KernelFs.live(), java.time.Clock.systemUTC())) {
            assertThat(ref.awaitHistory(java.time.Duration.ofSeconds(20))).isTrue();
            expected = ref.events();
        }
        KernelFs fs = KernelFs.live();
        dev.kleaktop.session.KernelLog log = dev.kleaktop.session.KernelLog.kmsgNotStarted(fs, java.time.Clock.systemUTC());
        Collector m = new Collector(Collector.startedSampler(fs, java.time.Clock.systemUTC()), 60, log, (dev.kleaktop.session.KmemleakFollower) null);
        CollectorFeed t = new CollectorFeed(m, 3600);
        try {
            t.start();
            assertThat(t.awaitFirst(10_000)).isTrue();
            Frame first = await(t, null);
            assertThat(first.oomEvents()).isEmpty(); // not read yet: the first frame does not wait for it
            assertThat(log.historyRead()).isFalse();
            t.firstFrameShown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((!log.historyRead() || t.latest().oomEvents().size() < expected.size()) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            Frame f = t.latest();
            assertThat(log.historyRead()).isTrue();
            // every OOM event of the history, victim for victim, an hour before the next sample is due
            assertThat(f.oomEvents()).extracting(dev.kleaktop.model.OomEvent::victimPid)
                    .containsExactlyElementsOf(expected.stream().map(dev.kleaktop.model.OomEvent::victimPid).toList());
            assertThat(f.analysis()).isSameAs(first.analysis()); // the log came in without sampling again
            assertThat(f.sources().get("kmsg").ok()).isTrue();
        } finally {
            t.close();
            m.close();
        }
    }

    static Frame await(CollectorFeed t, Frame previous) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            Frame f = t.latest();
            if (f != null && f != previous) return f;
            Thread.sleep(5);
        }
        throw new AssertionError("no new frame");
    }
}
