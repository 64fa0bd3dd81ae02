package dev.kleaktop.cli;

import static dev.kleaktop.view.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.store.SnapshotStore;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.view.DiffColumn;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableFormat;
import dev.kleaktop.view.table.Table;
import dev.kleaktop.view.tui.KmemleakActions;
import dev.kleaktop.view.tui.ScreenHarness;
import dev.kleaktop.view.tui.SnapshotActions;
import dev.kleaktop.view.tui.SnapshotKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S and D through the real screen on a virtual terminal, with the real snapshot keys on a
 * real directory, the work on a background thread, and the lab's slabinfo series as the
 * live state.
 */
class SnapshotKeysTest {
    @TempDir
    static Path shared;
    static List<Frame> series;
    static KernelFs fs;

    @TempDir
    Path dir;

    final ExecutorService exec = Executors.newSingleThreadExecutor();
    /** Three hours and a bit after the series was recorded: the screen's clock. */
    final TestClock clock = new TestClock(Frames.T0.plus(Duration.ofSeconds(3 * 3600 + 12 * 60 + 30)));

    static final int STATUS = 44;

    @BeforeAll
    static void load() {
        Path tree = shared.resolve("tree");
        series = Frames.series(tree);
        fs = new KernelFs(tree);
    }

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    Frame live() { return series.get(series.size() - 1); }

    ScreenHarness screen(Path snapshotDir, Frame frame) {
        SnapshotActions keys = new SnapshotKeys(new dev.kleaktop.session.SnapshotService(fs, snapshotDir, false), ZoneOffset.UTC);
        ScreenHarness h = new ScreenHarness(160, 45,
                ScreenHarness.config(Glyphs.UNICODE, true, ScreenExtras.NONE, KmemleakActions.NONE, keys), frame, exec);
        h.clock.set(clock.instant()); // the list's ages are counted to the screen's clock
        return h;
    }

    static void until(ScreenHarness h, BooleanSupplier cond) throws InterruptedException {
        h.until(cond);
    }

    @Test
    void sSavesTheLiveStateAndShowsThePath() throws Exception {
        Path snaps = dir.resolve("state").resolve("kleaktop");
        ScreenHarness h = screen(snaps, live());
        h.type("S");
        until(h, () -> h.row(STATUS).startsWith("snapshot saved: "));
        String shown = h.row(STATUS).substring("snapshot saved: ".length()).strip();
        Path written = Path.of(shown);
        assertThat(written.getParent()).isEqualTo(snaps);
        assertThat(written.getFileName().toString()).isEqualTo("kleaktop-20261126T004917Z-kmemlab.json");
        assertThat(Files.isRegularFile(written)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snaps))).isEqualTo("rwx------");
        // What was saved is the frame on screen, whole: it loads back equal.
        assertThat(SnapshotStore.load(written)).isEqualTo(Snapshots.of(live(), fs));
        assertThat(h.state().busy()).isNull();

        // A second S in the same second does not overwrite the first.
        h.type("S");
        until(h, () -> h.row(STATUS).contains("-kmemlab-2.json"));
        try (var files = Files.list(snaps)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("kleaktop-20261126T004917Z-kmemlab-2.json", "kleaktop-20261126T004917Z-kmemlab.json");
        }
    }

    @Test
    void dListsNewestFirstAndEnterShowsTheDiffTableSortableAndFilterable() throws Exception {
        Path snaps = Files.createDirectory(dir.resolve("snaps"));
        SnapshotStore store = new SnapshotStore();
        Snapshot first = Snapshots.of(series.get(0), fs);
        Path older = store.save(first, snaps);
        Path newer = store.save(Snapshots.of(series.get(5), fs), snaps);
        Files.writeString(snaps.resolve("broken.json"), "{\"format\": \"something else\"}");

        ScreenHarness h = screen(snaps, live());
        h.type("D");
        until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
        assertThat(h.row(0)).startsWith(" diff the live state against which snapshot?");
        assertThat(h.row(1).stripTrailing()).isEqualTo(" 2026-11-26 00:49  kmemlab  3h12m ago  " + newer.getFileName());
        assertThat(h.row(2).stripTrailing()).isEqualTo(" 2026-11-26 00:49  kmemlab  3h12m ago  " + older.getFileName());
        assertThat(h.row(3).stripTrailing()).isEqualTo(" unusable          broken.json: not a kleaktop snapshot");
        assertThat(h.reversed(1, 1)).isTrue();

        h.keys(key(KeyType.ArrowDown), key(KeyType.Enter));
        until(h, () -> h.state().mode() == ScreenState.Mode.DIFF);
        assertThat(h.row(0)).startsWith("kleaktop diff  OLD " + older.getFileName() + "  NEW the tree " + fs.root());
        assertThat(h.row(1)).startsWith("OLD  2026-11-26 00:49:04 Z  host kmemlab  6.1.192-kmemlab  up 1m");
        assertThat(h.row(2)).startsWith("NEW  2026-11-26 00:49:17 Z  host kmemlab  6.1.192-kmemlab  up 1m");
        assertThat(h.row(3)).startsWith("elapsed 12.9s (by uptime)");
        String text = h.text();
        assertThat(text).contains("Slab ").contains("SUnreclaim ").contains("kmemleak: not read in NEW");
        int title = h.find(" NAME ");
        assertThat(h.row(title)).contains("OLD SIZE").contains("NEW SIZE").contains("Δ SIZE▼").contains("Δ OBJS")
                .contains("RATE").contains(" F ").contains("STATUS");
        assertThat(h.reversed(1, title)).isTrue();

        // The first row: the leaking cache, with the figures of the diff itself.
        SnapshotDiff expected = SnapshotDiff.compute(first, Snapshots.of(live(), fs));
        CacheDelta top = new Table<>(DiffColumn.SPEC).apply(expected.caches()).get(0);
        assertThat(top.name()).isEqualTo("kleak_slab_obj");
        assertThat(h.row(title + 1)).isEqualTo(TableFormat.forWidth(DiffColumn.SPEC, 160).row(top, Glyphs.UNICODE) + " ".repeat(
                160 - TableFormat.forWidth(DiffColumn.SPEC, 160).width()));
        assertThat(h.row(title + 1)).startsWith(" kleak_slab_obj ").contains("+336.0K").contains("+630");
        assertThat(h.reversed(1, title + 1)).isTrue();
        int caches = expected.caches().size();
        assertThat(h.row(STATUS)).startsWith("d Δ size  c new size").endsWith("1/" + caches);

        // Sorted with the live table's keys.
        h.type("n");
        assertThat(h.row(title)).contains("NAME▲");
        assertThat(h.row(title + 1)).startsWith(" 9p-fcall-cache-1 ");
        h.type("r");
        assertThat(h.row(title)).contains("NAME▼");
        h.type("d");
        assertThat(h.row(title)).contains("Δ SIZE▼");
        assertThat(h.row(title + 1)).startsWith(" kleak_slab_obj ");
        h.type("<");
        assertThat(h.row(title)).contains("NEW SIZE▼");
        h.type(">>");
        assertThat(h.row(title)).contains("Δ OBJS▼");

        // Filtered like the live table, and scrolled.
        h.type("/kmemleak");
        assertThat(h.row(STATUS)).startsWith("filter (regex; Enter applies, Esc clears): kmemleak");
        h.keys(key(KeyType.Enter));
        assertThat(h.row(title + 1)).startsWith(" kmemleak_object ");
        assertThat(h.row(title + 2)).startsWith(" kmemleak_scan_area ");
        assertThat(h.row(title + 3).isBlank()).isTrue();
        assertThat(h.row(STATUS)).endsWith("/kmemleak/ 1/2 of " + caches);
        h.keys(key(KeyType.ArrowDown));
        assertThat(h.reversed(1, title + 2)).isTrue();
        h.type("/");
        h.keys(key(KeyType.Escape));
        assertThat(h.row(STATUS)).startsWith("filter cleared");
        h.clock.advanceSeconds(11); // the message goes, the position comes back
        h.keys(key(KeyType.End));
        assertThat(h.reversed(1, STATUS - 1)).isTrue();
        assertThat(h.row(STATUS)).endsWith(caches + "/" + caches);
        assertThat(h.state().table().filterText()).isEmpty(); // the live table's filter is its own

        // Esc: back to the list, then to the caches.
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.PICK);
        assertThat(h.reversed(1, 2)).isTrue();
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.row(3)).startsWith(" NAME ").contains("RATE▼");
        assertThat(h.row(4)).startsWith(" kleak_slab_obj ");

        // A broken file picked: its problem in the status line, the list stays.
        h.type("D");
        until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
        h.keys(key(KeyType.End), key(KeyType.Enter));
        until(h, () -> h.row(STATUS).startsWith("diff: " + snaps.resolve("broken.json") + ": "));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.PICK);
    }

    @Test
    void anUnwritableSnapshotDirectoryIsOneStatusLineAndTheScreenGoesOn() throws Exception {
        // Root may write anywhere: a regular file where the directory should be fails for everyone.
        Path notADir = dir.resolve("snaps\u001b[2J");
        Files.writeString(notADir, "");
        ScreenHarness h = screen(notADir, live());
        h.type("S");
        until(h, () -> h.row(STATUS).startsWith("snapshot: "));
        assertThat(h.row(STATUS).stripTrailing())
                .isEqualTo("snapshot: " + dir + "/snaps\\x1b[2J: not a directory");
        assertThat(h.at(0, STATUS).getModifiers()).contains(SGR.BOLD);
        assertThat(h.at(0, STATUS).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);
        assertThat(h.row(STATUS - 1)).doesNotContain("not a directory");
        h.type("D");
        until(h, () -> h.row(STATUS).startsWith("snapshots: "));
        assertThat(h.row(STATUS).stripTrailing()).isEqualTo("snapshots: " + dir + "/snaps\\x1b[2J: not a directory");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.type("n")).isTrue();
        assertThat(h.row(4)).startsWith(" 9p-fcall-cache-1");

        // A directory under a file cannot be created either.
        ScreenHarness deeper = screen(notADir.resolve("sub"), live());
        deeper.type("S");
        until(deeper, () -> deeper.row(STATUS).startsWith("snapshot: "));
        assertThat(deeper.row(STATUS)).contains("snaps\\x1b[2J");
        assertThat(Files.size(notADir)).isZero();
    }

    @Test
    void emptyDirectoryAndNoSampleYetAreSaidPlainly() throws Exception {
        Path snaps = dir.resolve("empty");
        ScreenHarness h = screen(snaps, live());
        h.type("D");
        until(h, () -> h.row(STATUS).startsWith("no snapshots in " + snaps + " yet: S saves one"));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);

        ScreenHarness waiting = screen(snaps, null);
        waiting.type("S");
        until(waiting, () -> waiting.row(STATUS).startsWith("snapshot: no sample taken yet; no snapshot written"));
        assertThat(Files.exists(snaps)).isFalse();
    }
}
