package dev.kleaktop.view.tui;

import static dev.kleaktop.view.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.session.Frame;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.view.Choice;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Layout;
import dev.kleaktop.view.PaneFormat;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableFormat;
import dev.kleaktop.view.TableState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a first-time user meets on the screen: keys that ask only when they can act, status
 * messages that go once they are no longer true, the sizes people use (80x24, 250x50), fix
 * commands shown whole, and the snapshot list's ages moving. On Lanterna's virtual terminal.
 */
class FirstUseTest {
    @TempDir
    static Path dir;
    static Frame frame;

    static final String MOUNT = "(mount -t debugfs none /sys/kernel/debug)";
    static final SourceState NO_DEBUGFS = SourceState.unavailable("debugfs not mounted", MOUNT.substring(1, MOUNT.length() - 1));

    @BeforeAll
    static void load() {
        frame = Frames.last(dir);
    }

    static ScreenHarness screen(int cols, int rows, ScreenExtras extras, KmemleakActions k, SnapshotActions s) {
        return new ScreenHarness(cols, rows, ScreenHarness.config(Glyphs.UNICODE, true, extras, k, s), frame);
    }

    static ScreenHarness screen(KmemleakActions k, SnapshotActions s) {
        return screen(160, 45, ScreenExtras.NONE, k, s);
    }

    static int status(ScreenHarness h) { return h.rows() - 1; }

    /** The frame as the live kernel without debugfs gives it: kmemleak unavailable, with the fix. */
    static Frame withoutDebugfs() {
        Map<String, SourceState> sources = new LinkedHashMap<>(frame.sources());
        sources.put("kmemleak", NO_DEBUGFS);
        return new Frame(frame.analysis(), sources);
    }

    /** The real pane and counts, for a kernel without debugfs and a log that cannot be read. */
    static ScreenExtras realExtras() {
        PaneFormat.Data d = new PaneFormat.Data(NO_DEBUGFS, null, SourceState.unavailable("permission denied", "run as root"),
                List.of());
        return PaneFormat.extras(f -> d, Glyphs.UNICODE, ZoneOffset.UTC);
    }

    static KmemleakActions refused(String why) {
        return new KmemleakActions() {
            @Override
            public String unavailable() { return why; }

            @Override
            public String scan() { throw new AssertionError("refused"); }

            @Override
            public String clear() { throw new AssertionError("refused"); }
        };
    }

    // ---- 6: a key that asks only asks when the action can run --------------------------------

    @Test
    void cWithKmemleakUnavailableAsksNothingAndTheAnswerTypedNextIsNoCommand() {
        ScreenHarness h = screen(KmemleakActions.NONE, SnapshotActions.NONE);
        h.type("C");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.row(44)).startsWith("kmemleak: not available").doesNotContain("y/n");
        // the user answers the question that never came: n does not sort by name
        h.type("n");
        assertThat(h.state().table().sort()).isEqualTo(Column.RATE);
        assertThat(h.row(3)).contains("RATE▼").doesNotContain("NAME▲");
        assertThat(h.row(4)).startsWith(" kleak_slab_obj ");
        assertThat(h.row(44)).startsWith("n ignored (C asked nothing): kmemleak: not available");
        // only the next key: a second n sorts
        h.type("n");
        assertThat(h.state().table().sort()).isEqualTo(Column.NAME);

        // q, which would have cancelled the question, does not quit; y does nothing either
        ScreenHarness q = screen(KmemleakActions.NONE, SnapshotActions.NONE);
        q.type("C");
        assertThat(q.type("q")).isTrue();
        assertThat(q.row(44)).startsWith("q ignored (C asked nothing)");
        q.type("C");
        q.type("y");
        assertThat(q.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(q.row(44)).startsWith("y ignored (C asked nothing)");

        // the guard lasts while the refusal is on show: once it went, an n is meant
        ScreenHarness later = screen(KmemleakActions.NONE, SnapshotActions.NONE);
        later.type("C");
        later.clock.advanceSeconds(11);
        later.type("n");
        assertThat(later.state().table().sort()).isEqualTo(Column.NAME);
        // a key that answers nothing works at once, and spends the guard
        later.type("C");
        later.type("c");
        assertThat(later.state().table().sort()).isEqualTo(Column.SIZE);
        later.type("n");
        assertThat(later.state().table().sort()).isEqualTo(Column.NAME);
    }

    @Test
    void cWhileAScanRunsAsksNothingEither() throws Exception {
        ActionsTest.SlowKmemleak k = new ActionsTest.SlowKmemleak();
        java.util.concurrent.ExecutorService exec = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ScreenHarness h = new ScreenHarness(160, 45,
                    ScreenHarness.config(Glyphs.UNICODE, true, ScreenExtras.NONE, k, SnapshotActions.NONE), frame, exec);
            h.type("k");
            h.type("C");
            assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
            assertThat(h.row(44)).startsWith("busy: still scanning kmemleak");
            h.type("n");
            assertThat(h.state().table().sort()).isEqualTo(Column.RATE);
            assertThat(h.row(44)).startsWith("n ignored (C asked nothing): busy: still scanning kmemleak");
            k.release.countDown();
            h.until(() -> h.state().busy() == null);
            assertThat(k.calls).containsExactly("scan");
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void cAndKAskNothingOnceTheFrameSaysKmemleakWentAway() {
        // kmemleak was there when the screen started; the kernel disabled it since
        ActionsTest.SlowKmemleak k = new ActionsTest.SlowKmemleak();
        ScreenHarness h = new ScreenHarness(100, 30,
                ScreenHarness.config(Glyphs.UNICODE, true, ScreenExtras.NONE, k, SnapshotActions.NONE), withoutDebugfs());
        h.type("C");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.row(29).stripTrailing()).isEqualTo("kmemleak: debugfs not mounted " + MOUNT);
        h.type("y");
        assertThat(h.row(29)).startsWith("y ignored (C asked nothing): kmemleak: debugfs not mounted");
        h.type("k");
        assertThat(h.state().busy()).isNull();
        assertThat(k.calls).isEmpty();
        // back: the keys act again
        h.feed.frame = frame;
        h.step();
        h.type("C");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.CONFIRM_CLEAR);
    }

    /** Snapshot keys with nothing to offer, or failing to list. */
    static SnapshotActions snapshots(List<Choice> list, String failure) {
        return new SnapshotActions() {
            @Override
            public String unavailable() { return null; }

            @Override
            public String save(Frame live) { return "saved"; }

            @Override
            public List<Choice> list() throws Exception {
                if (failure != null) throw new Exception(failure);
                return list;
            }

            @Override
            public String noneSaved() { return "no snapshots in /s yet: S saves one"; }

            @Override
            public DiffView diff(Choice chosen, Frame live) { throw new AssertionError("no diff"); }
        };
    }

    @Test
    void dWithNoListDoesNotTakeTheEnterMeantForTheListAsOpeningDetails() {
        for (SnapshotActions s : List.of(SnapshotActions.NONE, snapshots(List.of(), null),
                snapshots(List.of(), "/s: permission denied"))) {
            ScreenHarness h = screen(KmemleakActions.NONE, s);
            h.type("D");
            String why = h.row(44).stripTrailing();
            assertThat(why).matches("snapshots: not available|no snapshots in /s yet: S saves one|snapshots: /s: permission denied");
            h.keys(key(KeyType.Enter));
            assertThat(h.state().mode()).as(why).isEqualTo(ScreenState.Mode.TABLE);
            assertThat(h.row(44)).startsWith("Enter ignored (D asked nothing): " + why);
            h.keys(key(KeyType.Enter)); // the next Enter is meant
            assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.DETAILS);
        }
    }

    // ---- 7: status messages go when they stop being true ------------------------------------

    @Test
    void everySortKeySaysTheColumnAndTheNextSortReplacesIt() {
        ScreenHarness h = screen(KmemleakActions.NONE, SnapshotActions.NONE);
        h.type("l");
        assertThat(h.row(44)).startsWith("sorted by SLABS, largest first (not a column on screen)");
        h.type("c");
        assertThat(h.row(44).stripTrailing()).isEqualTo("sorted by SIZE, largest first");
        h.type("r");
        assertThat(h.row(44).stripTrailing()).isEqualTo("sorted by SIZE, smallest first");
        h.type("n");
        assertThat(h.row(44).stripTrailing()).isEqualTo("sorted by NAME, A to Z");
        h.type("<");
        assertThat(h.row(44).stripTrailing()).isEqualTo("sorted by RATE, largest first");
        h.type(">");
        assertThat(h.row(44).stripTrailing()).isEqualTo("sorted by NAME, A to Z");
        h.type("g");
        assertThat(h.row(44).stripTrailing()).isEqualTo("sorted by RATE, largest first");
        // a filter applied says nothing of an earlier sort or of a filter cleared before it
        h.type("/");
        h.keys(key(KeyType.Escape));
        assertThat(h.row(44)).startsWith("filter cleared");
        h.type("/kleak");
        h.keys(key(KeyType.Enter));
        assertThat(h.row(44)).startsWith(Renderer.HINTS).endsWith("/kleak/ 1/1 of " + frame.analysis().rows().size());
    }

    @Test
    void thePaneNeedsALargerTerminalGoesOnTheResizeThatMakesRoom() {
        ScreenHarness h = screen(100, 16, Panes.sample(), KmemleakActions.NONE, SnapshotActions.NONE);
        h.keys(key(KeyType.Tab));
        assertThat(h.row(15)).startsWith("the side pane needs a larger terminal");
        h.resize(120, 18); // still no room: still true
        assertThat(h.text()).doesNotContain("KMEMLEAK");
        assertThat(h.row(17)).startsWith("the side pane needs a larger terminal");
        h.resize(160, 45);
        assertThat(h.text()).contains("KMEMLEAK  2 groups");
        assertThat(h.row(44)).startsWith(Renderer.HINTS);
        h.keys(key(KeyType.Tab)); // and Tab now works
        assertThat(h.state().focus()).isEqualTo(ScreenState.Focus.PANE);
    }

    // ---- 8: sizes people use -----------------------------------------------------------------

    @Test
    void at80x24TheMemoryLineKeepsMemAvailAndTheCountersAndTheFixIsWholeOnOneRow() {
        ScreenHarness h = new ScreenHarness(80, 24,
                ScreenHarness.config(Glyphs.UNICODE, true, realExtras(), KmemleakActions.NONE, SnapshotActions.NONE),
                withoutDebugfs());
        String mem = h.row(1).stripTrailing();
        // the ledger's headline (unaccounted and its rate) always stays, as MemAvail and the counters do
        assertThat(mem).isEqualTo("SUnreclaim 9.7M  Unacct 1.8M -4.2M/min  MemAvail 466.3M  kmemleak -  OOM 0");
        // the unavailable source and its fix: wrapped, the command whole on its own row
        int y = h.find("unavailable: kmemleak: debugfs not mounted");
        assertThat(y).isPositive();
        assertThat(h.row(y + 1).stripTrailing()).isEqualTo("  " + MOUNT);
        assertThat(h.row(y + 2)).startsWith(" NAME ");
        // in the pane below the table, whole
        assertThat(h.text()).contains("   debugfs not mounted " + MOUNT);
    }

    @Test
    void aFixCommandInTheStatusLineOrANarrowPaneIsWrappedNotCut() {
        // the status line at 60 columns: the message takes a second row, the command whole on it
        ScreenHarness h = screen(60, 24, ScreenExtras.NONE,
                refused("kmemleak: debugfs not mounted " + MOUNT), SnapshotActions.NONE);
        h.type("k");
        assertThat(h.row(22).stripTrailing()).isEqualTo("kmemleak: debugfs not mounted");
        assertThat(h.row(23).stripTrailing()).isEqualTo(MOUNT);
        assertThat(h.at(0, 23).getForegroundColor()).isEqualTo(TextColor.ANSI.DEFAULT); // not an error
        assertThat(h.row(21)).doesNotContain("debugfs"); // the table ends above it
        h.clock.advanceSeconds(11);
        h.step();
        assertThat(h.row(23)).startsWith("g growth");
        assertThat(h.row(22)).doesNotContain("debugfs");

        // the pane at the right, 48 columns wide at 150: the command on a row of its own
        ScreenHarness p = screen(150, 40, realExtras(), KmemleakActions.NONE, SnapshotActions.NONE);
        Layout lay = Layout.of(150, 40, 3, true);
        int y = p.find("debugfs not mounted");
        assertThat(p.row(y).substring(lay.paneLeft()).stripTrailing()).isEqualTo("  debugfs not mounted");
        assertThat(p.row(y + 1).substring(lay.paneLeft()).stripTrailing()).isEqualTo("    " + MOUNT);
    }

    @Test
    void at250ColumnsTheTableAndThePaneUseTheWidthWithNoGapBetween() {
        ScreenHarness h = screen(250, 50, Panes.sample(), KmemleakActions.NONE, SnapshotActions.NONE);
        int table = TableFormat.forWidth(250).width();
        assertThat(table).isLessThan(250 - 2 - Layout.PANE_MIN_WIDTH);
        // the rule right after the table's last column, the pane's text one blank after it
        for (int y = 3; y < 49; y++) assertThat(h.at(table, y).getCharacterString()).as("row %d", y).isEqualTo("│");
        assertThat(h.row(3).substring(0, table).stripTrailing()).endsWith(" F");
        assertThat(h.row(3).substring(table + 2)).startsWith("KMEMLEAK  2 groups");
        // the pane runs to the last column: a long line is shown whole
        Layout lay = Layout.of(250, 50, 3, true);
        assertThat(lay.paneLeft() + lay.paneWidth()).isEqualTo(250);
        assertThat(lay.paneWidth()).isGreaterThan(140);
    }

    // ---- 9: the D list's ages move while it is shown ------------------------------------------

    @Test
    void thePickListsAgesMoveWithTheClockWhileItIsUp() {
        Instant now = Instant.parse("2026-11-26T03:00:00Z");
        List<Choice> list = List.of(
                new Choice("/s/b.json", "2026-11-26 02:59  box1  ", now.minusSeconds(50), "  b.json"),
                new Choice("/s/a.json", "2026-11-26 00:00  box1  ", now.minusSeconds(3 * 3600), "  a.json"),
                new Choice("/s/bad.json", "unusable          bad.json: not a kleaktop snapshot"));
        ScreenHarness h = screen(KmemleakActions.NONE, snapshots(list, null));
        h.clock.set(now);
        h.type("D");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.PICK);
        assertThat(h.row(1).stripTrailing()).isEqualTo(" 2026-11-26 02:59  box1   50s ago  b.json");
        assertThat(h.row(2).stripTrailing()).isEqualTo(" 2026-11-26 00:00  box1  3h0m ago  a.json");
        assertThat(h.row(3).stripTrailing()).isEqualTo(" unusable          bad.json: not a kleaktop snapshot");
        long draws = h.loop.draws();
        h.step();
        assertThat(h.loop.draws()).isEqualTo(draws); // nothing moved: nothing drawn
        h.clock.advanceSeconds(15);
        h.step();
        assertThat(h.row(1).stripTrailing()).isEqualTo(" 2026-11-26 02:59  box1    1m ago  b.json");
        assertThat(h.row(2).stripTrailing()).isEqualTo(" 2026-11-26 00:00  box1  3h0m ago  a.json");
        h.clock.advanceSeconds(3600);
        h.step();
        assertThat(h.row(1).stripTrailing()).isEqualTo(" 2026-11-26 02:59  box1  1h1m ago  b.json");
        assertThat(h.row(2).stripTrailing()).isEqualTo(" 2026-11-26 00:00  box1  4h0m ago  a.json");
        assertThat(h.reversed(1, 1)).isTrue(); // the selection where it was
    }

    // ---- 10: an interval that can never give a verdict is said at once ------------------------

    @Test
    void anIntervalTooLongForTheWindowIsWarnedOfAtStartAndOnPlus() {
        // the frames' horizon is 12 s: a sample in each quarter needs less than 4.1 s between refreshes
        ScreenHarness h = new ScreenHarness(160, 45, new TuiConfig(5, new TableState(), Glyphs.UNICODE, true,
                ZoneOffset.UTC, ScreenExtras.NONE, KmemleakActions.NONE, SnapshotActions.NONE), frame);
        assertThat(h.text().replaceAll("\\s+", " ")).contains("at 5s between refreshes no cache can be flagged as a leak:"
                + " the leak rule needs a sample in each of the 4 parts of the 12s horizon (--horizon), so the interval must be"
                + " under 4.1s");
        assertThat(h.at(0, 43).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);

        ScreenHarness ok = screen(KmemleakActions.NONE, SnapshotActions.NONE); // 2 s
        assertThat(ok.row(44)).startsWith(Renderer.HINTS);
        ok.type("+");
        assertThat(ok.state().intervalS()).isEqualTo(3);
        assertThat(ok.row(44).stripTrailing()).isEqualTo("interval 3s");
        ok.type("+");
        assertThat(ok.state().intervalS()).isEqualTo(5);
        assertThat(ok.text().replaceAll("\\s+", " ")).contains("interval 5s: at 5s between refreshes no cache can be flagged");
        ok.type("-");
        ok.type("-");
        assertThat(ok.row(44).stripTrailing()).isEqualTo("interval 2s");
    }
}
