package dev.kleaktop.view.tui;

import static dev.kleaktop.view.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.view.Choice;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k, C, S and D through their interfaces, run off the drawing thread. */
class ActionsTest {
    @TempDir
    static Path dir;
    static List<Frame> series;
    Frame frame;

    @BeforeAll
    static void load() {
        series = Frames.series(dir);
    }
    ExecutorService exec = Executors.newSingleThreadExecutor();

    @BeforeEach
    void frames() {
        frame = series.get(series.size() - 1);
    }

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    /** A kmemleak whose scan blocks until released, as the kernel's does. */
    static final class SlowKmemleak implements KmemleakActions {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new ArrayList<>();

        @Override
        public String unavailable() { return null; }

        @Override
        public String scan() throws Exception {
            synchronized (calls) {
                calls.add("scan");
            }
            if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
            return "kmemleak: scan done, 12 suspects";
        }

        @Override
        public String clear() {
            synchronized (calls) {
                calls.add("clear");
            }
            return "kmemleak: cleared";
        }
    }

    ScreenHarness screen(KmemleakActions k, SnapshotActions s) {
        return new ScreenHarness(160, 45, ScreenHarness.config(Glyphs.UNICODE, true, ScreenExtras.NONE, k, s), frame, exec);
    }

    static void until(ScreenHarness h, BooleanSupplier cond) throws InterruptedException {
        h.until(cond);
    }

    @Test
    void scanRunsInTheBackgroundWhileKeysKeepWorking() throws Exception {
        SlowKmemleak k = new SlowKmemleak();
        ScreenHarness h = screen(k, SnapshotActions.NONE);
        long t0 = System.nanoTime();
        h.type("k");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        assertThat(h.row(0)).endsWith("[SCANNING]");
        assertThat(h.row(44)).startsWith("scanning kmemleak… (keys still work)");
        // the scan is blocked; keys answer at once
        h.type("n");
        assertThat(h.state().table().sort()).isEqualTo(Column.NAME);
        assertThat(h.row(4)).startsWith(" 9p-fcall-cache-1");
        h.type("k");
        assertThat(h.row(44)).startsWith("busy: still scanning kmemleak");
        h.type("C");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        k.release.countDown();
        until(h, () -> h.row(44).startsWith("kmemleak: scan done, 12 suspects"));
        assertThat(h.row(0)).doesNotContain("[SCANNING]");
        assertThat(k.calls).containsExactly("scan");
    }

    @Test
    void clearAsksFirst() throws Exception {
        SlowKmemleak k = new SlowKmemleak();
        ScreenHarness h = screen(k, SnapshotActions.NONE);
        h.type("C");
        assertThat(h.row(44)).startsWith("clear kmemleak's list of suspects? (y/n)");
        assertThat(h.reversed(0, 44)).isTrue();
        h.type("x"); // neither: the question stays
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.CONFIRM_CLEAR);
        h.type("n");
        assertThat(h.row(44)).startsWith("kmemleak clear: cancelled");
        h.type("C");
        h.keys(key(KeyType.Escape));
        assertThat(h.row(44)).startsWith("kmemleak clear: cancelled");
        assertThat(k.calls).isEmpty();
        h.type("Cy");
        until(h, () -> h.row(44).startsWith("kmemleak: cleared"));
        assertThat(k.calls).containsExactly("clear");
    }

    @Test
    void failuresShowInTheStatusLine() throws Exception {
        KmemleakActions broken = new KmemleakActions() {
            @Override
            public String unavailable() { return null; }

            @Override
            public String scan() throws Exception { throw new java.io.IOException("write /sys/kernel/debug/kmemleak: Device or resource busy"); }

            @Override
            public String clear() { return ""; }
        };
        ScreenHarness h = screen(broken, SnapshotActions.NONE);
        h.type("k");
        until(h, () -> h.row(44).startsWith("kmemleak scan: write /sys/kernel/debug/kmemleak: Device or resource busy"));
        assertThat(h.state().busy()).isNull();
    }

    @Test
    void readOnlyRefusalComesFromTheActions() {
        KmemleakActions ro = new KmemleakActions() {
            @Override
            public String unavailable() { return "kmemleak: --read-only: no writes to the kernel"; }

            @Override
            public String scan() { throw new AssertionError(); }

            @Override
            public String clear() { throw new AssertionError(); }
        };
        ScreenHarness h = screen(ro, SnapshotActions.NONE);
        h.type("k");
        assertThat(h.row(44)).startsWith("kmemleak: --read-only: no writes to the kernel");
    }

    @Test
    void snapshotSaveAndDiffAgainstAPickedOne() throws Exception {
        List<String> calls = new ArrayList<>();
        KernelFs fs = new KernelFs(dir);
        SnapshotDiff known = SnapshotDiff.compute(Snapshots.of(series.get(0), fs), Snapshots.of(frame, fs));
        SnapshotActions snaps = new SnapshotActions() {
            @Override
            public String unavailable() { return null; }

            @Override
            public String save(Frame live) {
                synchronized (calls) {
                    calls.add("save " + (live == frame));
                }
                return "snapshot saved: /root/.local/state/kleaktop/x.json";
            }

            @Override
            public List<Choice> list() {
                return List.of(new Choice("a", "2026-11-26 00:40  a"), new Choice("b", "2026-11-25 10:00  b"));
            }

            @Override
            public DiffView diff(Choice chosen, Frame live) {
                synchronized (calls) {
                    calls.add("diff " + chosen.key() + " " + (live == frame));
                }
                return new DiffView(chosen.key() + ".json", "the live system", known);
            }
        };
        ScreenHarness h = screen(KmemleakActions.NONE, snaps);
        h.type("S");
        until(h, () -> h.row(44).startsWith("snapshot saved: /root/.local/state/kleaktop/x.json"));
        h.type("D");
        until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
        assertThat(h.row(0)).startsWith(" diff the live state against which snapshot? (Enter picks, Esc returns)");
        assertThat(h.row(1)).startsWith(" 2026-11-26 00:40  a");
        assertThat(h.reversed(2, 1)).isTrue();
        assertThat(h.row(44)).startsWith(Renderer.PICK_HINTS).endsWith("1/2");
        h.keys(key(KeyType.ArrowDown));
        assertThat(h.reversed(2, 2)).isTrue();
        h.keys(key(KeyType.Enter));
        until(h, () -> h.state().mode() == ScreenState.Mode.DIFF);
        assertThat(calls).containsExactly("save true", "diff b true");
        assertThat(h.row(0)).startsWith("kleaktop diff  OLD b.json  NEW the live system");
        int title = h.find(" NAME ");
        assertThat(h.row(title + 1)).startsWith(" kleak_slab_obj ");
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.PICK);
        assertThat(h.reversed(2, 2)).isTrue(); // the list as it was left
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        h.type("D");
        until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
    }

    @Test
    void aDiffThatFailsLeavesThePickListUpWithTheError() throws Exception {
        SnapshotActions snaps = new SnapshotActions() {
            @Override
            public String unavailable() { return null; }

            @Override
            public String save(Frame live) { return ""; }

            @Override
            public List<Choice> list() { return List.of(new Choice("/s/bad.json", "unusable  bad.json: not a kleaktop snapshot")); }

            @Override
            public DiffView diff(Choice chosen, Frame live) throws Exception {
                throw new Exception("/s/bad.json: not a kleaktop snapshot\n\u001b[2J");
            }
        };
        ScreenHarness h = screen(KmemleakActions.NONE, snaps);
        h.type("D");
        until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
        h.keys(key(KeyType.Enter));
        until(h, () -> h.row(44).startsWith("diff: /s/bad.json: not a kleaktop snapshot\\x0a\\x1b[2J"));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.PICK);
        assertThat(h.row(43).isBlank()).isTrue(); // one line
    }

    /**
     * D on a snapshot too big for the heap (issue 14: a 60 MB one): the OutOfMemoryError was
     * not caught, killed the worker with a trace over the screen, left [COMPARING] up and every
     * later action refused as busy. Now it is one line, and S, D and k run again after it.
     */
    @Test
    void aDiffThatRunsOutOfMemoryReportsOneLineAndFreesTheWorker() throws Exception {
        List<String> calls = new ArrayList<>();
        SnapshotActions snaps = new SnapshotActions() {
            @Override
            public String unavailable() { return null; }

            @Override
            public String save(Frame live) {
                synchronized (calls) {
                    calls.add("save");
                }
                return "snapshot saved: /s/x.json";
            }

            @Override
            public List<Choice> list() { return List.of(new Choice("/s/huge.json", "2026-11-26 00:40  huge.json")); }

            @Override
            public DiffView diff(Choice chosen, Frame live) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        SlowKmemleak k = new SlowKmemleak();
        k.release.countDown();
        ScreenHarness h = screen(k, snaps);
        h.type("D");
        until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
        h.keys(key(KeyType.Enter));
        String line = "diff: out of memory (the heap limit is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)";
        until(h, () -> h.row(44).startsWith(line));
        assertThat(h.state().busy()).isNull();
        assertThat(h.row(0)).doesNotContain("[COMPARING]");
        assertThat(h.row(43).isBlank()).isTrue(); // one line
        h.keys(key(KeyType.Escape));
        h.type("S");
        until(h, () -> h.row(44).startsWith("snapshot saved: /s/x.json"));
        h.type("k");
        until(h, () -> h.row(44).startsWith("kmemleak: scan done, 12 suspects"));
        assertThat(calls).containsExactly("save");
    }
}
