package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.TwoTrees;
import dev.kleaktop.view.ScreenState.Effect;
import dev.kleaktop.view.ScreenState.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys against the screen state alone, without a terminal. */
class ScreenStateTest {
    @TempDir
    static Path dir;
    static List<Frame> series;

    @BeforeAll
    static void load() {
        series = Frames.series(dir);
    }

    final TestClock clock = new TestClock();

    ScreenState state(double interval) {
        ScreenState s = new ScreenState(new TableState(), interval, clock, null, null);
        s.update(series.get(series.size() - 1), List.of());
        s.viewport(10, false, 0);
        return s;
    }

    static Key k(Key.Kind kind) { return Key.of(kind); }

    @Test
    void selectionStaysOnTopUntilTheUserMovesItThenFollowsTheCache() {
        ScreenState s = new ScreenState(new TableState(), 3, clock, null, null);
        s.update(series.get(0), List.of());
        s.viewport(10, false, 0);
        String topThen = s.rows().get(0).name();
        s.update(series.get(series.size() - 1), List.of());
        String topNow = s.rows().get(0).name();
        assertThat(topNow).isNotEqualTo(topThen); // the leak rose to the top meanwhile
        assertThat(s.selected()).isZero();
        assertThat(s.selectedRow().orElseThrow().name()).isEqualTo(topNow);

        new ScreenKeys(s).handle(k(Key.Kind.DOWN));
        CacheRow chosen = s.selectedRow().orElseThrow();
        new ScreenKeys(s).handle(Key.of('n')); // re-sort by name: the cursor goes with the cache
        assertThat(s.selectedRow().orElseThrow().id()).isEqualTo(chosen.id());
        int idx = -1;
        for (int i = 0; i < s.rows().size(); i++) {
            if (s.rows().get(i).id().equals(chosen.id())) idx = i;
        }
        assertThat(s.selected()).isEqualTo(idx);
        assertThat(s.top()).isLessThanOrEqualTo(idx).isGreaterThan(idx - 10);
    }

    @Test
    void selectionSurvivesAFilterThatDropsIt() {
        ScreenState s = state(3);
        new ScreenKeys(s).handle(k(Key.Kind.END));
        new ScreenKeys(s).handle(Key.of('/'));
        for (char c : "kleak".toCharArray()) new ScreenKeys(s).handle(Key.of(c));
        assertThat(new ScreenKeys(s).handle(k(Key.Kind.ENTER))).isEqualTo(Effect.NONE);
        assertThat(s.rows()).hasSize(1);
        assertThat(s.selected()).isZero();
        assertThat(s.top()).isZero();
    }

    @Test
    void intervalStepsFromAnyStartAndStaysInBounds() {
        ScreenState s = state(2.5);
        assertThat(new ScreenKeys(s).handle(Key.of('+'))).isEqualTo(Effect.INTERVAL);
        assertThat(s.intervalS()).isEqualTo(3);
        s = state(2.5);
        new ScreenKeys(s).handle(Key.of('-'));
        assertThat(s.intervalS()).isEqualTo(2);
        s = state(0.2);
        assertThat(new ScreenKeys(s).handle(Key.of('-'))).isEqualTo(Effect.NONE);
        assertThat(s.intervalS()).isEqualTo(0.2);
        assertThat(new ScreenKeys(s).handle(Key.of('+'))).isEqualTo(Effect.INTERVAL);
        assertThat(s.intervalS()).isEqualTo(0.5);
        s = state(600);
        assertThat(new ScreenKeys(s).handle(Key.of('='))).isEqualTo(Effect.NONE);
        assertThat(new ScreenKeys(s).handle(Key.of('-'))).isEqualTo(Effect.INTERVAL);
        assertThat(s.intervalS()).isEqualTo(60);
    }

    @Test
    void effectsOfTheActionKeys() {
        ScreenState s = state(3);
        assertThat(new ScreenKeys(s).handle(Key.of('z'))).isEqualTo(Effect.RESET_BASELINE);
        assertThat(new ScreenKeys(s).handle(Key.of('k'))).isEqualTo(Effect.SCAN);
        assertThat(new ScreenKeys(s).handle(Key.of('S'))).isEqualTo(Effect.SNAPSHOT);
        assertThat(new ScreenKeys(s).handle(Key.of('D'))).isEqualTo(Effect.DIFF_LIST);
        assertThat(new ScreenKeys(s).handle(Key.ctrl('L'))).isEqualTo(Effect.REDRAW);
        assertThat(new ScreenKeys(s).handle(Key.of('C'))).isEqualTo(Effect.NONE);
        assertThat(s.mode()).isEqualTo(Mode.CONFIRM_CLEAR);
        assertThat(new ScreenKeys(s).handle(Key.of('z'))).isEqualTo(Effect.NONE); // only y or n now
        assertThat(new ScreenKeys(s).handle(Key.of('Y'))).isEqualTo(Effect.CLEAR);
        s.busy("scanning kmemleak");
        assertThat(new ScreenKeys(s).handle(Key.of('k'))).isEqualTo(Effect.NONE);
        assertThat(s.statusMessage()).isEqualTo("busy: still scanning kmemleak");
        s.finished("kmemleak: scan done", false);
        assertThat(s.busy()).isNull();
        assertThat(new ScreenKeys(s).handle(Key.of('q'))).isEqualTo(Effect.QUIT);
    }

    @Test
    void unavailableActionsSayWhy() {
        ScreenState s = new ScreenState(new TableState(), 3, clock, "kmemleak: not available", "snapshots: later");
        s.update(series.get(0), List.of());
        assertThat(new ScreenKeys(s).handle(Key.of('k'))).isEqualTo(Effect.NONE);
        assertThat(s.statusMessage()).isEqualTo("kmemleak: not available");
        assertThat(new ScreenKeys(s).handle(Key.of('C'))).isEqualTo(Effect.NONE);
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
        assertThat(new ScreenKeys(s).handle(Key.of('D'))).isEqualTo(Effect.NONE);
        assertThat(s.statusMessage()).isEqualTo("snapshots: later");
    }

    @Test
    void statusMessagesExpire() {
        ScreenState s = state(3);
        s.status("hello", false);
        clock.advanceSeconds(9);
        assertThat(s.statusMessage()).isEqualTo("hello");
        clock.advanceSeconds(2);
        assertThat(s.statusMessage()).isNull();
    }

    @Test
    void detailsOfACacheThatVanishesAndTextScrolling() {
        ScreenState s = state(3);
        new ScreenKeys(s).handle(k(Key.Kind.ENTER));
        assertThat(s.mode()).isEqualTo(Mode.DETAILS);
        assertThat(s.detailsCache()).isPresent();
        s.update(series.get(0), List.of()); // an older frame: still there
        assertThat(s.detailsCache()).isPresent();

        s.showText("t", List.of("a", "b", "c", "d", "e"));
        s.textViewport(2, 5);
        new ScreenKeys(s).handle(k(Key.Kind.END));
        assertThat(s.textTop()).isEqualTo(3);
        new ScreenKeys(s).handle(k(Key.Kind.DOWN));
        assertThat(s.textTop()).isEqualTo(3);
        new ScreenKeys(s).handle(k(Key.Kind.PAGE_UP));
        assertThat(s.textTop()).isEqualTo(2);
        new ScreenKeys(s).handle(k(Key.Kind.HOME));
        assertThat(s.textTop()).isZero();
        new ScreenKeys(s).handle(k(Key.Kind.ESCAPE));
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
    }

    @Test
    void pickWithNothingToChooseStaysOnTheTable() {
        ScreenState s = state(3);
        s.pick("diff against which snapshot?", List.of(), "no snapshots in /x yet: S saves one");
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
        assertThat(s.statusMessage()).isEqualTo("no snapshots in /x yet: S saves one");
        s.pick("x", List.of(new Choice("/a", "a"), new Choice("/b", "b")), "");
        new ScreenKeys(s).handle(k(Key.Kind.END));
        assertThat(new ScreenKeys(s).handle(k(Key.Kind.ENTER))).isEqualTo(Effect.DIFF);
        assertThat(s.picked()).isEqualTo(new Choice("/b", "b"));
        assertThat(s.mode()).isEqualTo(Mode.PICK); // until the diff is ready
        s.busy("comparing");
        assertThat(new ScreenKeys(s).handle(k(Key.Kind.ENTER))).isEqualTo(Effect.NONE);
        assertThat(s.statusMessage()).isEqualTo("busy: still comparing");
    }

    static DiffView twoTrees(Path tmp) {
        TestClock c = new TestClock();
        var a = Snapshots.take(new KernelFs(TwoTrees.older(tmp.resolve("a")).root()), c);
        var b = Snapshots.take(new KernelFs(TwoTrees.newer(tmp.resolve("b")).root()), c);
        return new DiffView("old.json", "new", SnapshotDiff.compute(a, b));
    }

    static List<String> names(ScreenState s) { return s.diffRows().stream().map(d -> d.id().toString()).toList(); }

    @Test
    void diffModeSortsFiltersScrollsAndStepsBack(@TempDir Path tmp) {
        ScreenState s = state(3);
        s.pick("x", List.of(new Choice("/a", "a")), "");
        new ScreenKeys(s).handle(k(Key.Kind.ENTER));
        s.showDiff(twoTrees(tmp));
        assertThat(s.mode()).isEqualTo(Mode.DIFF);
        assertThat(names(s)).containsExactly("leaky", "nf_conntrack#2", "newcomer", "nf_conntrack", "vanishing", "dentry");
        s.diffViewport(2);
        new ScreenKeys(s).handle(k(Key.Kind.END));
        assertThat(s.diffSelected()).isEqualTo(5);
        assertThat(s.diffTop()).isEqualTo(4);
        new ScreenKeys(s).handle(k(Key.Kind.PAGE_UP));
        assertThat(s.diffSelected()).isEqualTo(4);

        new ScreenKeys(s).handle(Key.of('n'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.NAME);
        assertThat(names(s)).startsWith("dentry", "leaky");
        assertThat(s.diffSelected()).isZero();
        assertThat(s.statusMessage()).isEqualTo("sorted by NAME, A to Z"); // the live table's words
        new ScreenKeys(s).handle(Key.of('r'));
        assertThat(names(s)).startsWith("vanishing");
        assertThat(s.statusMessage()).isEqualTo("sorted by NAME, Z to A");
        new ScreenKeys(s).handle(Key.of('d'));
        assertThat(s.statusMessage()).isEqualTo("sorted by \u0394 SIZE, largest first");
        assertThat(s.diffTable().reversed()).isFalse();
        assertThat(names(s)).startsWith("leaky");
        new ScreenKeys(s).handle(Key.of('c'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.NEW);
        new ScreenKeys(s).handle(Key.of('g'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.RATE);
        new ScreenKeys(s).handle(Key.of('a'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.DELTA_OBJS);
        new ScreenKeys(s).handle(Key.of('>'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.RATE);
        new ScreenKeys(s).handle(Key.of('>'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.STATUS); // F cannot be sorted by: skipped
        new ScreenKeys(s).handle(Key.of('>'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.NAME);
        new ScreenKeys(s).handle(Key.of('<'));
        assertThat(s.diffTable().sort()).isEqualTo(DiffColumn.STATUS);
        new ScreenKeys(s).handle(Key.of('s'));
        assertThat(s.statusMessage()).startsWith("the diff sorts by g d c n a o");
        new ScreenKeys(s).handle(Key.of('d'));

        // The filter of the diff is its own: the live table's stays as it was.
        for (char c : "/conntrack".toCharArray()) new ScreenKeys(s).handle(Key.of(c));
        assertThat(s.mode()).isEqualTo(Mode.FILTER);
        assertThat(s.filterOn()).isEqualTo(Mode.DIFF);
        new ScreenKeys(s).handle(k(Key.Kind.ENTER));
        assertThat(s.mode()).isEqualTo(Mode.DIFF);
        assertThat(names(s)).containsExactly("nf_conntrack#2", "nf_conntrack");
        assertThat(s.table().filterText()).isEmpty();
        new ScreenKeys(s).handle(Key.of('/'));
        assertThat(s.input()).isEqualTo("conntrack");
        new ScreenKeys(s).handle(k(Key.Kind.ESCAPE));
        assertThat(s.mode()).isEqualTo(Mode.DIFF);
        assertThat(names(s)).hasSize(6);

        new ScreenKeys(s).handle(Key.of('?'));
        assertThat(s.mode()).isEqualTo(Mode.HELP);
        new ScreenKeys(s).handle(k(Key.Kind.ESCAPE));
        assertThat(s.mode()).isEqualTo(Mode.DIFF);
        new ScreenKeys(s).handle(k(Key.Kind.ESCAPE));
        assertThat(s.mode()).isEqualTo(Mode.PICK);
        new ScreenKeys(s).handle(k(Key.Kind.ESCAPE));
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
        assertThat(new ScreenKeys(s).handle(Key.of('/'))).isEqualTo(Effect.NONE);
        assertThat(s.filterOn()).isEqualTo(Mode.TABLE);
    }

    @Test
    void aDiffReadyAfterTheListWasClosedDoesNotTakeTheScreenOver(@TempDir Path tmp) {
        ScreenState s = state(3);
        s.pick("x", List.of(new Choice("/a", "a")), "");
        new ScreenKeys(s).handle(k(Key.Kind.ENTER));
        new ScreenKeys(s).handle(k(Key.Kind.ESCAPE));
        s.showDiff(twoTrees(tmp));
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
        assertThat(s.statusMessage()).startsWith("diff: the list was closed");
    }

    @Test
    void filterInputEditing() {
        ScreenState s = state(3);
        new ScreenKeys(s).handle(Key.of('/'));
        for (char c : "abc".toCharArray()) new ScreenKeys(s).handle(Key.of(c));
        new ScreenKeys(s).handle(k(Key.Kind.BACKSPACE));
        assertThat(s.input()).isEqualTo("ab");
        new ScreenKeys(s).handle(Key.ctrl('u'));
        assertThat(s.input()).isEmpty();
        new ScreenKeys(s).handle(Key.of('['));
        new ScreenKeys(s).handle(k(Key.Kind.ENTER));
        assertThat(s.statusIsError()).isTrue();
        assertThat(s.statusMessage()).startsWith("filter: invalid regular expression '[': Unclosed character class");
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
        assertThat(s.rows()).hasSize(series.get(series.size() - 1).analysis().rows().size());
    }

    @Test
    void twoShowsTheLedgerWithItsOwnSortFilterCursorAndDetailsAndOneGoesBackToTheCaches() {
        ScreenState s = state(3);
        ScreenKeys keys = new ScreenKeys(s);
        assertThat(s.current().view()).isSameAs(CacheTable.VIEW);
        keys.handle(Key.of('2'));
        assertThat(s.current().view()).isSameAs(LedgerTable.VIEW);
        List<?> rows = s.current().rows();
        assertThat(rows).isNotEmpty();
        // largest first by default: the free line of a mostly idle box
        assertThat(((dev.kleaktop.analysis.LedgerRow) rows.get(0)).line()).isEqualTo(dev.kleaktop.analysis.Ledger.FREE);
        keys.handle(Key.of('n'));
        assertThat(s.statusMessage()).isEqualTo("sorted by LINE, A to Z");
        keys.handle(Key.of('a'));   // a cache letter the ledger has no column for
        assertThat(s.statusMessage()).isEqualTo("the ledger table sorts by g d c n, or < > onto any of its columns");
        keys.handle(Key.of('/'));
        for (char c : "unacc".toCharArray()) keys.handle(Key.of(c));
        keys.handle(k(Key.Kind.ENTER));
        assertThat(s.current().rows()).hasSize(1);
        assertThat(s.tableMode().table().filterText()).isEmpty();   // the caches' filter is their own
        keys.handle(k(Key.Kind.ENTER));
        assertThat(s.mode()).isEqualTo(Mode.DETAILS);
        assertThat(s.textMode().rowView()).isSameAs(LedgerTable.VIEW);
        assertThat(s.textMode().rowId()).isEqualTo(dev.kleaktop.analysis.Ledger.UNACCOUNTED);
        keys.handle(k(Key.Kind.ESCAPE));
        assertThat(s.mode()).isEqualTo(Mode.TABLE);
        assertThat(s.current().view()).isSameAs(LedgerTable.VIEW);
        keys.handle(Key.of('1'));
        assertThat(s.current().view()).isSameAs(CacheTable.VIEW);
        assertThat(s.current().rows()).isEqualTo(s.rows());
    }
}
