package dev.kleaktop.view;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.Table;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Everything the interactive screen remembers between two draws: the mode and where Esc goes
 * back to, one object per mode with its cursor ({@link TableMode}, {@link PaneMode}, {@link
 * TextMode}, {@link PickMode}, {@link DiffMode}), the focus, pause, interval, the filter input
 * and the status line. What each key does to it is {@link ScreenKeys}' (its fields are
 * package-private for that one reader); the painters read it and hand back what they fit
 * ({@link #drawn}). Free of any terminal library, so every key can be tested without a
 * terminal. Only the drawing thread touches an instance.
 */
public final class ScreenState {
    /** What the screen shows. */
    public enum Mode {
        TABLE, FILTER, CONFIRM_CLEAR, HELP, DETAILS, PICK,
        /** A snapshot diff as a table of its own, sorted and filtered like the live one. */
        DIFF
    }

    /** Which list the arrows move in {@link Mode#TABLE}. */
    public enum Focus { TABLE, PANE }

    /** Work a key asks of the screen loop. */
    public enum Effect {
        NONE,
        /** Leave the screen. */
        QUIT,
        /** Send every cell again (Ctrl-L). */
        REDRAW,
        /** Tell the sampler to take the next sample as the new baseline. */
        RESET_BASELINE,
        /** The interval changed: tell the sampler. */
        INTERVAL,
        /** Pause or resume: a replay stops or goes on ({@link #paused()}). */
        PAUSE,
        /** A replay's next sample. */
        STEP,
        /** A replay's end. */
        TO_END,
        /** Start a kmemleak scan in the background. */
        SCAN,
        /** Clear kmemleak's list in the background (the user said yes). */
        CLEAR,
        /** Save a snapshot in the background. */
        SNAPSHOT,
        /** Fetch the list of snapshots to diff against. */
        DIFF_LIST,
        /** Diff the live state against {@link #picked()}. */
        DIFF
    }

    final TableState table;
    final Clock clock;
    final String kmemleakUnavailable;
    final String snapshotsUnavailable;
    double intervalS;
    boolean paused;
    /** Where a replayed series stands, as the feed says; null when not replaying. */
    String playback;
    Mode mode = Mode.TABLE;
    Focus focus = Focus.TABLE;

    Frame frame;
    /** The caches' table: the first view, with the sort and filter of the command line. */
    final TableMode<CacheRow, Column> tableMode;
    /** Every view, in the order of their keys ({@link KeyTable#views()}); the caches first. */
    final List<TableMode<?, ?>> views;
    /** The view shown (an index into {@link #views}). */
    int view;
    final PaneMode paneMode = new PaneMode();
    final TextMode textMode = new TextMode();
    final PickMode pickMode = new PickMode();
    final DiffMode diffMode = new DiffMode();
    /** Where Esc goes from a text view. */
    Mode back = Mode.TABLE;

    final StringBuilder input = new StringBuilder();
    final Status status;
    String busy;

    /** Which table the filter input edits: {@link Mode#TABLE} or {@link Mode#DIFF}. */
    Mode filterOn = Mode.TABLE;

    /**
     * @param table                sort and filter, as the command line set them
     * @param intervalS            the refresh interval
     * @param kmemleakUnavailable  why {@code k} and {@code C} cannot run (shown as is), or null
     * @param snapshotsUnavailable why {@code S} and {@code D} cannot run (shown as is), or null
     */
    public ScreenState(TableState table, double intervalS, Clock clock, String kmemleakUnavailable,
                       String snapshotsUnavailable) {
        this.table = table;
        this.tableMode = new TableMode<>(CacheTable.VIEW, table);
        List<TableMode<?, ?>> all = new java.util.ArrayList<>();
        all.add(tableMode);
        for (ScreenTable<?, ?> v : KeyTable.TABLE.views()) {
            if (v != CacheTable.VIEW) all.add(TableMode.of(v));
        }
        this.views = List.copyOf(all);
        this.intervalS = intervalS;
        this.clock = clock;
        this.kmemleakUnavailable = kmemleakUnavailable;
        this.snapshotsUnavailable = snapshotsUnavailable;
        this.status = new Status(clock);
    }

    // ---- data in -------------------------------------------------------------------------

    /** Shows a new frame (not called while paused). The selection stays on the same cache. */
    public void update(Frame f, List<PaneSection> sections) {
        this.frame = f;
        paneMode.update(sections);
        if (focus == Focus.PANE && paneMode.items().isEmpty()) focus = Focus.TABLE;
        current().recompute(frame);
    }

    /**
     * What the last draw could fit: cache lines in the table, whether the pane was drawn, and
     * its rows. Keeps the selection on screen.
     */
    public void viewport(int tableRows, boolean paneShown, int paneRows) {
        paneMode.viewport(paneShown, paneRows);
        if (!paneShown && focus == Focus.PANE) focus = Focus.TABLE;
        current().viewport(tableRows);
    }

    /** The rows of a text view the last draw had, and the lines under them. */
    public void textViewport(int rows, int lines) {
        textMode.window(rows, lines);
    }

    /** Takes in what a draw fit (the painters only read the state): the next keys move within it. */
    public void drawn(Drawn d) {
        if (d instanceof Drawn.Table t) {
            viewport(t.tableRows(), t.paneShown(), t.paneRows());
            if (t.paneShown()) paneMode.top(t.paneTop());
        } else if (d instanceof Drawn.Text t) {
            textViewport(t.rows(), t.lines());
        } else if (d instanceof Drawn.Pick p) {
            pickMode.viewport(p.rows());
        } else if (d instanceof Drawn.Diff df) {
            diffViewport(df.rows());
        }
    }

    /** The focus a draw shows when the pane has ({@code paneShown}) or lacks room: a hidden pane has none. */
    public Focus focusFor(boolean paneShown) {
        return !paneShown && focus == Focus.PANE ? Focus.TABLE : focus;
    }

    /** The outcome of background work: clears the busy state and shows its message. */
    public void finished(String message, boolean error) {
        busy = null;
        status(message, error);
    }

    public void busy(String what) { busy = what; }

    public void status(String message, boolean error) {
        status.set(message, error);
    }

    /** Shows text in the details view (a diff, a report). */
    public void showText(String title, List<String> lines) {
        back = mode == Mode.DETAILS || mode == Mode.PICK ? Mode.TABLE : mode;
        mode = Mode.DETAILS;
        textMode.show(title, lines);
    }

    /**
     * Offers a list to pick from (the snapshots of {@code D}).
     *
     * @param ifEmpty the status line when there is nothing to offer
     */
    public void pick(String title, List<Choice> options, String ifEmpty) {
        if (options.isEmpty()) {
            status.refuse("D", ifEmpty, false, Status.PICK);
            return;
        }
        mode = Mode.PICK;
        pickMode.offer(title, options);
    }

    /** The list for {@code D} could not be made: says why, and Enter next is not taken as a pick. */
    public void pickFailed(String why) {
        busy = null;
        status.refuse("D", why, true, Status.PICK);
    }

    /**
     * Shows a diff as a table, largest growth first, if the pick list it was asked from is
     * still open: once the user left it, a late result must not take the screen over.
     */
    public void showDiff(DiffView d) {
        if (mode != Mode.PICK) {
            status("diff: the list was closed before the diff was ready (D asks again)", false);
            return;
        }
        // Sort and filter carry over from one diff to the next, as the live table's do.
        mode = Mode.DIFF;
        diffMode.show(d);
    }

    /** Cache lines the last draw of the diff fit under its title row; keeps the selection on screen. */
    public void diffViewport(int rows) {
        diffMode.viewport(rows);
    }

    // ---- what to draw ------------------------------------------------------------------------

    public Mode mode() { return mode; }

    public Focus focus() { return focus; }

    public boolean paused() { return paused; }

    /** Where a replayed series stands ({@code sample 12 t=340s}); null when not replaying. */
    public String playback() { return playback; }

    /** Sets what {@link #playback()} says (the screen loop, from its feed). */
    public void playback(String p) { playback = p; }

    public double intervalS() { return intervalS; }

    public TableState table() { return table; }

    public Frame frame() { return frame; }

    /** The cache table (rows, selection, scroll), shown or not. */
    public TableMode<CacheRow, Column> tableMode() { return tableMode; }

    /** The table the screen shows (the caches unless another view was chosen). */
    public TableMode<?, ?> current() { return views.get(view); }

    /** Every view, the caches first. */
    public List<TableMode<?, ?>> views() { return views; }

    /** The side pane (sections, selection, scroll). */
    public PaneMode paneMode() { return paneMode; }

    /** The text view of {@link Mode#HELP} and {@link Mode#DETAILS}. */
    public TextMode textMode() { return textMode; }

    /** The pick list of {@link Mode#PICK}. */
    public PickMode pickMode() { return pickMode; }

    /** The diff of {@link Mode#DIFF} (or the last one shown). */
    public DiffMode diffMode() { return diffMode; }

    /** The caches passing the filter, in sort order. */
    public List<CacheRow> rows() { return tableMode.rows(); }

    public int selected() { return tableMode.selected(); }

    public Optional<CacheRow> selectedRow() { return tableMode.selectedRow(); }

    /** First row of {@link #rows()} on screen. */
    public int top() { return tableMode.top(); }

    /** The cache of the details view, looked up in the current frame (it may have gone). */
    public Optional<CacheRow> detailsCache() { return textMode.cache(frame); }

    public int textTop() { return textMode.top(); }

    public String input() { return input.toString(); }

    /** The snapshot chosen in the pick list, for {@link Effect#DIFF}. */
    public Choice picked() { return pickMode.picked(); }

    /** The pick list's lines now: their ages move with the clock while the list is up. */
    public List<String> pickLines() { return pickMode.lines(clock.instant()); }

    /** Which table {@link Mode#FILTER} edits the filter of: {@link Mode#TABLE} or {@link Mode#DIFF}. */
    public Mode filterOn() { return filterOn; }

    public Table<CacheDelta, DiffColumn> diffTable() { return diffMode.table(); }

    /** The diff's caches passing its filter, in its sort order. */
    public List<CacheDelta> diffRows() { return diffMode.rows(); }

    public int diffSelected() { return diffMode.selected(); }

    /** First row of {@link #diffRows()} on screen. */
    public int diffTop() { return diffMode.top(); }

    /** What background work is running, or null. */
    public String busy() { return busy; }

    /** The current status message, or null when none, expired or no longer true. */
    public String statusMessage() { return status.current(); }

    public boolean statusIsError() { return status.error(); }
}
