package dev.kleaktop.view.tui;

import dev.kleaktop.model.SourceId;
import static dev.kleaktop.view.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.KmemleakView;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.cli.GoldenCli;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.store.SnapshotStore;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.testing.KernelData;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Golden frames of the interactive screen: the exact picture on Lanterna's virtual terminal in
 * each state that matters, at the sizes people use, compared with files kept in the
 * repository, so that a change of the upper layers (ScreenState, Renderer, modes, the key
 * table) can be shown to draw exactly the same screens.
 *
 * <p>The data is real and fixed: the lab's slabinfo series ({@link Frames#series}, the
 * screen's clock and every sample time fixed), the lab-e2e kmemleak report
 * ({@code corpus/lab-e2e/kmemleak.txt}) and kernel log with its OOM kill
 * ({@code corpus/lab-e2e/dmesg.txt}) through the real side pane ({@code ScreenRunner}'s
 * adapter), and the real S/D keys ({@code SnapshotKeys}) over a temporary directory holding
 * two snapshots of the series (their file names come from the samples' times, so they are
 * fixed) and one unusable file. The tree the D keys name is the fixed path {@link #TREE}, never
 * the temporary one. The default locale is {@link java.util.Locale#ROOT} while the frames are
 * drawn (the cache details' r^2 follows the default locale); the zone is UTC throughout.
 *
 * <p>Files, in {@code src/test/resources/golden/}, two per frame, named
 * {@code <state>-<cols>x<rows>}:
 * <ul>
 * <li>{@code <name>.txt}, the characters: line 1 {@code # <state>: <what the state is>},
 * line 2 {@code # <cols>x<rows> cursor <hidden | at x,y>}, then exactly one line per
 * terminal row with the row's characters, trailing blanks cut (blanks that carry an
 * attribute show in the attribute layer).</li>
 * <li>{@code <name>.attrs.txt}, the attributes: one line per row, one character per cell,
 * {@code .} for the default look (default colours, no SGR), else a letter standing for one
 * look; trailing {@code .} cut; then a line {@code # looks} and one line per letter,
 * {@code X fg=<colour> bg=<colour> sgr=[...]} (letters given in the order the looks first
 * appear, row by row).</li>
 * </ul>
 *
 * <p>Regenerate after an intended change of the picture:
 * {@code mvn -B -q test -Dtest=GoldenFramesTest -Dgolden.update=true}; the files are
 * rewritten instead of compared, and {@code git diff src/test/resources/golden} shows what
 * changed (the update also removes golden files no frame is drawn for any more). Without the
 * property a missing file fails, a golden file no frame is drawn for fails, and a difference
 * fails naming the file, the first line that differs and both versions of that line.
 */
class GoldenFramesTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** The tree that the D list's diff names as its NEW side: fixed, unlike the temporary tree. */
    static final Path TREE = Path.of("/var/tmp/kmemlab-tree");
    /** The screen's clock: three hours and a bit after the series was recorded. */
    static final Instant NOW = Frames.T0.plus(Duration.ofSeconds(3 * 3600 + 12 * 60 + 30));

    @TempDir
    static Path dir;
    static List<Frame> series;
    static Frame live;
    static Frame noKmemleak;
    static Path snapshots;

    static final SourceState NO_DEBUGFS = SourceState.unavailable("debugfs not mounted", "mount -t debugfs none /sys/kernel/debug");

    /** The JVM's default locale, put back after the frames. */
    static java.util.Locale defaultLocale;

    @BeforeAll
    static void load() throws Exception {
        // One figure on screen is formatted in the default locale (the leak rule's r^2 in the
        // cache details: 0,95 under de_DE); the frames are the same on every machine.
        defaultLocale = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        series = Frames.series(dir.resolve("tree"));
        Frame last = series.get(series.size() - 1);
        KmemleakReport report = KernelData.kmemleak("lab-e2e/kmemleak.txt");
        Instant readAt = last.analysis().sample().time();
        live = frame(last, SourceState.OK, new KmemleakView(SourceState.OK, report, readAt));
        noKmemleak = frame(last, NO_DEBUGFS, new KmemleakView(NO_DEBUGFS, KmemleakReport.EMPTY, readAt));

        snapshots = Files.createDirectory(dir.resolve("snapshots"));
        SnapshotStore store = new SnapshotStore();
        KernelFs fs = new KernelFs(TREE);
        store.save(Snapshots.of(frame(series.get(0), SourceState.OK, KmemleakView.NOT_READ), fs), snapshots);
        store.save(Snapshots.of(frame(series.get(5), SourceState.OK, KmemleakView.NOT_READ), fs), snapshots);
        Files.writeString(snapshots.resolve("broken.json"), "{\"format\": \"something else\"}");
    }

    @AfterAll
    static void restoreLocale() {
        java.util.Locale.setDefault(defaultLocale);
    }

    /** The series' frame with the saved kernel log read (its OOM kill) and kmemleak as given. */
    static Frame frame(Frame f, SourceState kmemleak, KmemleakView k) {
        Map<String, SourceState> sources = new LinkedHashMap<>();
        sources.put(SourceId.SLABINFO.id(), SourceState.OK);
        sources.put(SourceId.MEMINFO.id(), SourceState.OK);
        sources.put(SourceId.SYSFS_SLAB.id(), SourceState.OK);
        sources.put("dmesg_file", SourceState.OK);
        sources.put("kmemleak", kmemleak);
        return new Frame(f.analysis(), sources, KernelData.oom("lab-e2e/dmesg.txt"), k);
    }

    /** One state of the screen: how to reach it from the start, on which frame. */
    record State(String name, String what, boolean kmemleak, Consumer<ScreenHarness> keys) {}

    static final List<State> STATES = List.of(
            new State("table", "the cache table after the lab's series, sorted by growth (RATE, the default),"
                    + " kleak_slab_obj a leak suspect; kmemleak report and OOM kill in the pane", true, h -> { }),
            new State("sorted-size", "c: sorted by SIZE, largest first, with the sort's status message", true,
                    h -> h.type("c")),
            new State("filter-typing", "/kmem typed, not yet applied", true, h -> h.type("/kmem")),
            new State("filtered", "/kmem Enter: the table filtered", true, h -> {
                h.type("/kmem");
                h.keys(key(KeyType.Enter));
            }),
            new State("cache-details", "Enter: details of the top cache", true, h -> h.keys(key(KeyType.Enter))),
            new State("pane-focused", "Tab: the side pane focused, its first kmemleak group selected", true,
                    h -> h.keys(key(KeyType.Tab))),
            new State("kmemleak-details", "Tab Enter: the first kmemleak group's details", true,
                    h -> h.keys(key(KeyType.Tab), key(KeyType.Enter))),
            new State("oom-details", "Tab End Enter: the OOM kill's details", true,
                    h -> h.keys(key(KeyType.Tab), key(KeyType.End), key(KeyType.Enter))),
            new State("help", "?: the help screen", true, h -> h.type("?")),
            new State("ledger", "2: the kernel-memory ledger", true, h -> h.type("2")),
            new State("ledger-details", "2 End Enter: the details of the ledger's last line", true, h -> {
                h.type("2");
                h.keys(key(KeyType.End), key(KeyType.Enter));
            }),
            new State("snapshots", "D: the snapshot list, two snapshots and an unusable file", true, h -> {
                h.type("D");
                until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
            }),
            new State("diff", "D Down Enter: the diff against the older snapshot", true, h -> {
                h.type("D");
                until(h, () -> h.state().mode() == ScreenState.Mode.PICK);
                h.keys(key(KeyType.ArrowDown), key(KeyType.Enter));
                until(h, () -> h.state().mode() == ScreenState.Mode.DIFF);
            }),
            new State("paused", "space: the display paused", true, h -> h.type(" ")),
            new State("status", "+: interval 3s, with the warning that no leak can be flagged at it", true,
                    h -> h.type("+")),
            new State("kmemleak-refused", "k on a captured tree: the refusal in the status line", true,
                    h -> h.type("k")),
            new State("kmemleak-unavailable", "kmemleak unavailable (debugfs not mounted), k pressed", false,
                    h -> h.type("k")));

    static final int[][] SIZES = {{80, 24}, {160, 40}};

    /** A golden frame: a state at a size. */
    record Shot(State state, int cols, int rows) {
        String name() { return state.name() + "-" + cols + "x" + rows; }
    }

    /** Every frame kept: each state at each of {@link #SIZES}, and a few at the sizes at the ends. */
    static List<Shot> shots() {
        List<Shot> out = new ArrayList<>();
        for (State s : STATES) {
            for (int[] size : SIZES) out.add(new Shot(s, size[0], size[1]));
        }
        for (String big : List.of("table", "pane-focused", "kmemleak-details", "diff")) out.add(new Shot(state(big), 250, 50));
        out.add(new Shot(state("table"), 30, 8));   // too small: says so
        out.add(new Shot(state("table"), 40, 10));  // the smallest it draws
        out.add(new Shot(state("pane-focused"), 40, 10));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> frames() {
        return shots().stream().map(GoldenFramesTest::test);
    }

    /** A golden file no frame is drawn for (a state renamed or dropped) fails; the update removes it. */
    @Test
    void everyGoldenFileBelongsToAFrame() throws IOException {
        java.util.Set<String> kept = new java.util.TreeSet<>();
        for (Shot s : shots()) {
            kept.add(s.name() + ".txt");
            kept.add(s.name() + ".attrs.txt");
        }
        List<Path> stale = new ArrayList<>();
        if (Files.isDirectory(GOLDEN)) {
            try (Stream<Path> files = Files.list(GOLDEN)) {
                files.filter(f -> !kept.contains(f.getFileName().toString())).sorted().forEach(stale::add);
            }
        }
        if (UPDATE) {
            for (Path f : stale) Files.delete(f);
            return;
        }
        assertThat(stale).as("golden files no frame is drawn for (remove them, or run with -Dgolden.update=true)").isEmpty();
    }

    static State state(String name) {
        return STATES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static DynamicTest test(Shot shot) {
        String name = shot.name();
        State s = shot.state();
        return DynamicTest.dynamicTest(name, () -> {
            ScreenHarness h = screen(s, shot.cols(), shot.rows());
            try {
                check(GOLDEN.resolve(name + ".txt"), characters(s, h), UPDATE);
                check(GOLDEN.resolve(name + ".attrs.txt"), attributes(h), UPDATE);
            } finally {
                h.close();
            }
        });
    }

    static ScreenHarness screen(State s, int cols, int rows) {
        ScreenExtras extras = GoldenCli.extras(Glyphs.UNICODE, ZoneOffset.UTC);
        SnapshotActions keys = GoldenCli.snapshots(new KernelFs(TREE), snapshots, ZoneOffset.UTC);
        KmemleakActions k = s.kmemleak() ? GoldenCli.kmemleak(new KernelFs(TREE), new dev.kleaktop.testing.TestClock(NOW))
                : GoldenCli.kmemleakUnavailable(NO_DEBUGFS);
        TuiConfig cfg = ScreenHarness.config(Glyphs.UNICODE, true, extras, k, keys);
        ScreenHarness h = new ScreenHarness(cols, rows, cfg, s.kmemleak() ? live : noKmemleak);
        h.clock.set(NOW);
        h.step();
        s.keys().accept(h);
        h.step();
        return h;
    }

    static void until(ScreenHarness h, java.util.function.BooleanSupplier cond) {
        try {
            h.until(cond);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String characters(State s, ScreenHarness h) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(s.name()).append(": ").append(s.what()).append('\n');
        TerminalPosition c = h.vt.getCursorPosition();
        b.append("# ").append(h.cols()).append('x').append(h.rows()).append(" cursor ")
                .append(h.vt.isCursorVisible() ? "at " + c.getColumn() + "," + c.getRow() : "hidden").append('\n');
        b.append(h.text());
        return b.toString();
    }

    /** A cell's look: colours and SGR modifiers. */
    record Look(TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
        static Look of(TextCharacter t) { return new Look(t.getForegroundColor(), t.getBackgroundColor(), t.getModifiers()); }

        boolean plain() { return fg == TextColor.ANSI.DEFAULT && bg == TextColor.ANSI.DEFAULT && sgr.isEmpty(); }
    }

    static String attributes(ScreenHarness h) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        List<Look> looks = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < h.rows(); y++) {
            StringBuilder row = new StringBuilder();
            for (int x = 0; x < h.cols(); x++) {
                Look l = Look.of(h.at(x, y));
                if (l.plain()) {
                    row.append('.');
                    continue;
                }
                int i = looks.indexOf(l);
                if (i < 0) {
                    looks.add(l);
                    i = looks.size() - 1;
                }
                row.append(i < letters.length() ? letters.charAt(i) : '?');
            }
            int end = row.length();
            while (end > 0 && row.charAt(end - 1) == '.') end--;
            b.append(row, 0, end).append('\n');
        }
        b.append("# looks\n");
        for (int i = 0; i < looks.size(); i++) {
            Look l = looks.get(i);
            b.append(i < letters.length() ? letters.charAt(i) : '?').append(" fg=").append(l.fg()).append(" bg=").append(l.bg())
                    .append(" sgr=").append(l.sgr()).append('\n');
        }
        return b.toString();
    }

    static void check(Path p, String actual, boolean update) throws IOException {
        if (update) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(p)) {
            throw new AssertionFailedError("golden file " + p + " is missing; make it with -Dgolden.update=true"
                    + " (mvn -B -q test -Dtest=GoldenFramesTest -Dgolden.update=true). The frame drawn:\n" + actual);
        }
        String expected = Files.readString(p, StandardCharsets.UTF_8);
        if (expected.equals(actual)) return;
        String[] e = expected.split("\n", -1), a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) i++;
        String el = i < e.length ? "|" + e[i] + "|" : "(end of file)";
        String al = i < a.length ? "|" + a[i] + "|" : "(end of frame)";
        throw new AssertionFailedError("golden frame " + p + " differs at line " + (i + 1) + ":\n"
                + "  expected " + el + "\n  actual   " + al + "\n"
                + "(if the change is intended: mvn -B -q test -Dtest=GoldenFramesTest -Dgolden.update=true)\n"
                + "the frame drawn:\n" + actual, expected, actual);
    }

    /** The check itself: a missing file and a changed character fail, naming the line. */
    @Test
    void aMissingFileOrOneChangedCharacterFailsNamingTheLine(@TempDir Path tmp) throws IOException {
        Path p = tmp.resolve("frame.txt");
        assertThatThrownBy(() -> check(p, "a\nb\n", false)).hasMessageContaining("frame.txt is missing");
        check(p, "a\nbcd\ne\n", true);
        check(p, "a\nbcd\ne\n", false);
        assertThatThrownBy(() -> check(p, "a\nbXd\ne\n", false))
                .hasMessageContaining("differs at line 2:\n  expected |bcd|\n  actual   |bXd|");
        assertThatThrownBy(() -> check(p, "a\nbcd\n", false)).hasMessageContaining("differs at line 3");
    }
}
