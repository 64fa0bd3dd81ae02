package dev.kleaktop.view;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.session.Frame;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.view.table.ListCursor;
import dev.kleaktop.view.table.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Everything the interactive screen remembers between two draws, and what each key does to
 * it: the mode (table, help, filter input, a y/n question, details, a pick list, a diff), the
 * focus, sort and filter, the selection and scroll positions, pause, interval and the status
 * line.
 * Free of any terminal library, so every key can be tested without a terminal.
 *
 * <p>Keys that need work outside the state (quitting, a kmemleak scan, a snapshot) return an
 * {@link Effect} that the screen loop carries out. Only the drawing thread touches an
 * instance.
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

    private final TableState table;
    private final Clock clock;
    private final String kmemleakUnavailable;
    private final String snapshotsUnavailable;
    private double intervalS;
    private boolean paused;
    private Mode mode = Mode.TABLE;
    private Focus focus = Focus.TABLE;

    private Frame frame;
    private List<CacheRow> rows = List.of();
    private List<PaneSection> pane = List.of();
    private List<PaneItem> paneItems = List.of();
    private boolean paneShown;

    private CacheId selectedId;
    /** Once the user moves the selection it follows that cache through re-sorts; before, it stays on top. */
    private boolean follow;
    private final ListCursor cursor = new ListCursor();
    /** The pane's items; its scroll is by lines ({@link #paneTop}), an item can take several. */
    private final ListCursor paneCursor = new ListCursor();
    private int paneTop;

    /** Details: a live cache (by id) or fixed text. */
    private CacheId detailsCache;
    private String textTitle = "";
    private List<String> text = List.of();
    private final ListCursor textCursor = new ListCursor();
    private Mode back = Mode.TABLE;

    private final StringBuilder input = new StringBuilder();
    private final Status status;
    private String busy;

    /** Which table the filter input edits: {@link Mode#TABLE} or {@link Mode#DIFF}. */
    private Mode filterOn = Mode.TABLE;

    private List<Choice> choices = List.of();
    private String pickTitle = "";
    private final ListCursor pickCursor = new ListCursor();
    private Choice picked;

    private DiffView diff;
    private final Table<CacheDelta, DiffColumn> diffTable = new Table<>(DiffColumn.SPEC);
    private List<CacheDelta> diffRows = List.of();
    private final ListCursor diffCursor = new ListCursor();

    /**
     * @param table                sort and filter, as the command line set them
     * @param intervalS            the refresh interval
     * @param kmemleakUnavailable  why {@code k} and {@code C} cannot run (shown as is), or null
     * @param snapshotsUnavailable why {@code S} and {@code D} cannot run (shown as is), or null
     */
    public ScreenState(TableState table, double intervalS, Clock clock, String kmemleakUnavailable,
                       String snapshotsUnavailable) {
        this.table = table;
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
        this.pane = List.copyOf(sections);
        List<PaneItem> items = new ArrayList<>();
        for (PaneSection s : pane) items.addAll(s.items());
        this.paneItems = items;
        paneCursor.resize(items.size());
        paneCursor.select(paneCursor.selected());
        if (focus == Focus.PANE && items.isEmpty()) focus = Focus.TABLE;
        recompute();
    }

    /**
     * What the last draw could fit: cache lines in the table, whether the pane was drawn, and
     * the rows of a text view with its length. Keeps the selection on screen.
     */
    public void viewport(int tableRows, boolean paneShown, int paneRows) {
        this.paneShown = paneShown;
        paneCursor.viewport(paneRows);
        if (!paneShown && focus == Focus.PANE) focus = Focus.TABLE;
        cursor.viewport(tableRows);
    }

    public void textViewport(int rows, int lines) {
        textCursor.window(rows, lines);
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
        detailsCache = null;
        textTitle = title;
        text = List.copyOf(lines);
        textCursor.reset();
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
        pickTitle = title;
        choices = List.copyOf(options);
        pickCursor.resize(choices.size());
        pickCursor.reset();
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
        diff = d;
        // Sort and filter carry over from one diff to the next, as the live table's do.
        diffCursor.reset();
        mode = Mode.DIFF;
        recomputeDiff();
    }

    /** Cache lines the last draw of the diff fit under its title row; keeps the selection on screen. */
    public void diffViewport(int rows) {
        diffCursor.viewport(rows);
    }

    // ---- keys ------------------------------------------------------------------------------

    /** Applies a key and says what else has to happen. */
    public Effect handle(Key k) {
        if (k.kind() == Key.Kind.EOF) return Effect.QUIT;
        if (k.kind() == Key.Kind.CTRL && k.ch() == 'c') return Effect.QUIT;
        if (k.kind() == Key.Kind.CTRL && k.ch() == 'l') return Effect.REDRAW;
        switch (mode) {
            case FILTER:
                return filterKey(k);
            case CONFIRM_CLEAR:
                return confirmKey(k);
            case HELP:
            case DETAILS:
                return textKey(k);
            case PICK:
                return pickKey(k);
            case DIFF:
                return diffKey(k);
            default:
                return tableKey(k);
        }
    }

    private Effect tableKey(Key k) {
        if (status.swallows(k)) return Effect.NONE;
        Optional<KeyTable.Binding> b = KeyTable.TABLE.find(k);
        if (b.isEmpty() || b.get().command() == null) return Effect.NONE;
        switch (b.get().command()) {
            case UP: return move(-1);
            case DOWN: return move(1);
            case PAGE_UP: return move(-page());
            case PAGE_DOWN: return move(page());
            case HOME: return move(Integer.MIN_VALUE / 2);
            case END: return move(Integer.MAX_VALUE / 2);
            case FOCUS: return toggleFocus();
            case DETAILS: return openDetails();
            case BACK:
                focus = Focus.TABLE;
                status.clear();
                return Effect.NONE;
            case QUIT: return Effect.QUIT;
            case HELP: return help(Mode.TABLE);
            case FILTER: return startFilter(Mode.TABLE, table.filterText());
            case SORT:
                table.sortBy((Column) b.get().sort()).reversed(false);
                return sorted();
            case SORT_LEFT:
                table.moveSort(-1);
                return sorted();
            case SORT_RIGHT:
                table.moveSort(1);
                return sorted();
            case REVERSE:
                table.reverse();
                return sorted();
            case PAUSE:
                paused = !paused;
                return Effect.NONE;
            case LONGER: return interval(1);
            case SHORTER: return interval(-1);
            case RESET_BASELINE: return Effect.RESET_BASELINE;
            case SCAN: return refused("k", kmemleakUnavailable(), Status.NOTHING) ? Effect.NONE : Effect.SCAN;
            case CLEAR:
                if (!refused("C", kmemleakUnavailable(), Status.YES_NO)) mode = Mode.CONFIRM_CLEAR;
                return Effect.NONE;
            case SNAPSHOT: return refused("S", snapshotsUnavailable, Status.NOTHING) ? Effect.NONE : Effect.SNAPSHOT;
            case DIFF_LIST: return refused("D", snapshotsUnavailable, Status.PICK) ? Effect.NONE : Effect.DIFF_LIST;
            default: return Effect.NONE;
        }
    }

    private Effect help(Mode from) {
        back = from;
        mode = Mode.HELP;
        textCursor.reset();
        return Effect.NONE;
    }

    /** Whether an action key cannot run (unavailable, busy): it then says why, and asks nothing. */
    private boolean refused(String key, String unavailable, java.util.function.Predicate<Key> answers) {
        String why = unavailable != null ? unavailable : busy != null ? "busy: still " + busy : null;
        if (why != null) status.refuse(key, why, false, answers);
        return why != null;
    }

    /** Why k and C cannot run: as set up, or kmemleak gone since (disabled, debugfs unmounted). */
    private String kmemleakUnavailable() {
        dev.kleaktop.model.SourceState now =
                frame == null ? null : frame.sources().get(SourceId.KMEMLEAK.id());
        if (kmemleakUnavailable != null || now == null || now.ok()) return kmemleakUnavailable;
        return "kmemleak: " + Text.escape(now.describe());
    }

    /** Re-sorted: one message for every sort key, naming the column, gone once the sort changes. */
    private Effect sorted() {
        recompute();
        Column c = table.sort();
        boolean r = table.reversed();
        return sayWhile(SortMessage.of(table), () -> table.sort() == c && table.reversed() == r);
    }

    private Effect say(String message) { return sayWhile(message, () -> true); }

    private Effect sayWhile(String message, java.util.function.BooleanSupplier holds) {
        status.set(message, false, holds);
        return Effect.NONE;
    }

    private Effect interval(int dir) {
        double next = Intervals.step(intervalS, dir);
        if (next == intervalS) return say("interval stays " + Units.seconds(intervalS) + " (" + Intervals.range() + ")");
        intervalS = next;
        String warning = frame == null ? null : Intervals.verdictWarning(intervalS, frame.analysis().windowS());
        status.set("interval " + Units.seconds(intervalS) + (warning == null ? "" : ": " + warning), warning != null);
        return Effect.INTERVAL;
    }

    private Effect toggleFocus() {
        if (focus == Focus.PANE) {
            focus = Focus.TABLE;
            return Effect.NONE;
        }
        // Each goes as soon as it stops being true: a resize that makes room, entries coming in.
        if (!paneShown && pane.isEmpty()) return sayWhile("the side pane has nothing to show", () -> pane.isEmpty());
        if (!paneShown) return sayWhile("the side pane needs a larger terminal", () -> !paneShown);
        if (paneItems.isEmpty()) return sayWhile("the side pane has no entries to select", () -> paneItems.isEmpty());
        focus = Focus.PANE;
        return Effect.NONE;
    }

    private Effect openDetails() {
        if (focus == Focus.PANE) {
            if (paneItems.isEmpty()) return Effect.NONE;
            PaneItem it = paneItems.get(paneCursor.selected());
            showText(it.detailTitle(), it.details());
            back = Mode.TABLE;
            return Effect.NONE;
        }
        if (rows.isEmpty()) return Effect.NONE;
        back = Mode.TABLE;
        mode = Mode.DETAILS;
        detailsCache = rows.get(cursor.selected()).id();
        textCursor.reset();
        return Effect.NONE;
    }

    private Effect move(int delta) {
        if (focus == Focus.PANE) {
            paneCursor.move(delta);
            return Effect.NONE;
        }
        if (rows.isEmpty()) return Effect.NONE;
        cursor.move(delta);
        selectedId = rows.get(cursor.selected()).id();
        follow = true;
        return Effect.NONE;
    }

    private int page() { return (focus == Focus.PANE ? paneCursor : cursor).page(); }

    private Effect startFilter(Mode on, String current) {
        filterOn = on;
        mode = Mode.FILTER;
        input.setLength(0);
        input.append(current);
        return Effect.NONE;
    }

    private Effect filterKey(Key k) {
        switch (k.kind()) {
            case CHAR:
                input.append(k.ch());
                return Effect.NONE;
            case BACKSPACE:
                if (input.length() > 0) input.setLength(input.length() - 1);
                return Effect.NONE;
            case CTRL:
                if (k.ch() == 'u') input.setLength(0);
                return Effect.NONE;
            case ESCAPE:
                mode = filterOn;
                applyFilter("");
                return filterCleared();
            case ENTER:
                String regex = input.toString();
                mode = filterOn;
                try {
                    applyFilter(regex);
                } catch (PatternSyntaxException e) {
                    status("filter: invalid regular expression '" + Text.escape(regex) + "': "
                            + Text.escape(e.getDescription()), true);
                    return Effect.NONE;
                }
                if (regex.isEmpty()) return filterCleared();
                status.clear(); // what it said about an earlier filter or sort no longer applies
                return Effect.NONE;
            default:
                return Effect.NONE;
        }
    }

    private Effect filterCleared() {
        Mode on = filterOn;
        return sayWhile("filter cleared", () -> (on == Mode.DIFF ? diffTable.filterText() : table.filterText()).isEmpty());
    }

    /** Sets the filter of the table being filtered; an invalid expression changes nothing. */
    private void applyFilter(String regex) {
        if (filterOn == Mode.DIFF) {
            diffTable.filter(regex);
            recomputeDiff();
        } else {
            table.filter(regex);
            recompute();
        }
    }

    private Effect confirmKey(Key k) {
        if (k.is('y') || k.is('Y')) {
            mode = Mode.TABLE;
            return Effect.CLEAR;
        }
        if (k.is('n') || k.is('N') || k.kind() == Key.Kind.ESCAPE || k.is('q')) {
            mode = Mode.TABLE;
            return say("kmemleak clear: cancelled");
        }
        return Effect.NONE;
    }

    /** The keys of help and details ({@link KeyTable#TEXT}). */
    private Effect textKey(Key k) {
        Optional<KeyTable.Binding> b = KeyTable.TEXT.find(k);
        if (b.isEmpty()) return Effect.NONE;
        int page = textCursor.page();
        switch (b.get().command()) {
            case UP: textCursor.scroll(-1); break;
            case DOWN: textCursor.scroll(1); break;
            case PAGE_UP: textCursor.scroll(-page); break;
            case PAGE_DOWN: textCursor.scroll(page); break;
            case HOME: textCursor.scroll(Integer.MIN_VALUE / 2); break;
            case END: textCursor.scroll(Integer.MAX_VALUE / 2); break;
            case BACK:
                close();
                return Effect.NONE;
            case QUIT: return Effect.QUIT;
            case HELP:
                if (mode == Mode.HELP) close();
                return Effect.NONE;
            default:
                return Effect.NONE;
        }
        return Effect.NONE;
    }

    private void close() {
        mode = back == Mode.HELP || back == Mode.DETAILS ? Mode.TABLE : back;
        detailsCache = null;
        textCursor.reset();
    }

    /** The keys of the snapshot list ({@link KeyTable#PICK}). */
    private Effect pickKey(Key k) {
        Optional<KeyTable.Binding> b = KeyTable.PICK.find(k);
        if (b.isEmpty()) return Effect.NONE;
        switch (b.get().command()) {
            case UP: pickCursor.move(-1); return Effect.NONE;
            case DOWN: pickCursor.move(1); return Effect.NONE;
            case HOME: pickCursor.select(0); return Effect.NONE;
            case END: pickCursor.select(choices.size() - 1); return Effect.NONE;
            case PAGE_UP: pickCursor.move(-pickCursor.page()); return Effect.NONE;
            case PAGE_DOWN: pickCursor.move(pickCursor.page()); return Effect.NONE;
            case BACK:
                mode = Mode.TABLE;
                return Effect.NONE;
            case DETAILS:
                if (busy != null) return say("busy: still " + busy);
                // The list stays up until the diff is ready, so an error shows over it.
                picked = choices.get(pickCursor.selected());
                return Effect.DIFF;
            case QUIT: return Effect.QUIT;
            default:
                return Effect.NONE;
        }
    }

    /** Rows of the pick list the last draw fit, for PgUp and PgDn. */
    public void pickViewport(int rows) { pickCursor.viewport(rows); }

    /** The diff's keys ({@link KeyTable#DIFF}); a live sort letter the diff has no column for says so. */
    private Effect diffKey(Key k) {
        Optional<KeyTable.Binding> b = KeyTable.DIFF.find(k);
        if (b.isEmpty()) {
            if (k.kind() == Key.Kind.CHAR && Column.SPEC.sortKey(String.valueOf(k.ch())).isPresent()) {
                return say("the diff sorts by g d c n a o, or < > onto any of its columns");
            }
            return Effect.NONE;
        }
        switch (b.get().command()) {
            case UP: return moveDiff(-1);
            case DOWN: return moveDiff(1);
            case PAGE_UP: return moveDiff(-diffCursor.page());
            case PAGE_DOWN: return moveDiff(diffCursor.page());
            case HOME: return moveDiff(Integer.MIN_VALUE / 2);
            case END: return moveDiff(Integer.MAX_VALUE / 2);
            case BACK:
                mode = Mode.PICK;
                status.clear();
                return Effect.NONE;
            case QUIT: return Effect.QUIT;
            case HELP: return help(Mode.DIFF);
            case FILTER: return startFilter(Mode.DIFF, diffTable.filterText());
            case SORT_LEFT:
                diffTable.moveSort(-1);
                return diffSorted();
            case SORT_RIGHT:
                diffTable.moveSort(1);
                return diffSorted();
            case REVERSE:
                diffTable.reverse();
                return diffSorted();
            case SORT:
                diffTable.sortBy((DiffColumn) b.get().sort()).reversed(false);
                return diffSorted();
            default: return Effect.NONE;
        }
    }

    private Effect diffSorted() {
        recomputeDiff();
        DiffColumn c = diffTable.sort();
        boolean r = diffTable.reversed();
        return sayWhile(SortMessage.of(diffTable), () -> diffTable.sort() == c && diffTable.reversed() == r);
    }

    private Effect moveDiff(int delta) {
        if (diffRows.isEmpty()) return Effect.NONE;
        diffCursor.move(delta);
        return Effect.NONE;
    }

    private void recomputeDiff() {
        if (diff == null) return;
        diffRows = diffTable.apply(diff.diff().caches());
        diffCursor.resize(diffRows.size());
        // A re-sort or a new filter starts from the top: the order changed under the selection.
        diffCursor.reset();
    }

    // ---- derived state -----------------------------------------------------------------------

    private void recompute() {
        if (frame == null) return;
        rows = table.apply(frame.analysis().rows());
        int idx = -1;
        if (follow && selectedId != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).id().equals(selectedId)) {
                    idx = i;
                    break;
                }
            }
        }
        cursor.resize(rows.size());
        cursor.select(idx < 0 ? cursor.selected() : idx);
        selectedId = rows.isEmpty() ? null : rows.get(cursor.selected()).id();
    }

    /** First pane line to draw so that the selected item's line is visible. */
    public int paneTop(int selectedLine, int height) {
        // Scrolling up also shows the line above, usually the section's title.
        if (selectedLine <= paneTop) paneTop = selectedLine - 1;
        if (selectedLine >= paneTop + height) paneTop = selectedLine - height + 1;
        paneTop = Math.max(0, paneTop);
        return paneTop;
    }

    // ---- what to draw ------------------------------------------------------------------------

    public Mode mode() { return mode; }

    public Focus focus() { return focus; }

    public boolean paused() { return paused; }

    public double intervalS() { return intervalS; }

    public TableState table() { return table; }

    public Frame frame() { return frame; }

    /** The caches passing the filter, in sort order. */
    public List<CacheRow> rows() { return rows; }

    public int selected() { return cursor.selected(); }

    public Optional<CacheRow> selectedRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(cursor.selected()));
    }

    /** First row of {@link #rows()} on screen. */
    public int top() { return cursor.top(); }

    public List<PaneSection> pane() { return pane; }

    public int paneSelected() { return paneCursor.selected(); }

    public Optional<PaneItem> selectedPaneItem() {
        return paneItems.isEmpty() ? Optional.empty() : Optional.of(paneItems.get(paneCursor.selected()));
    }

    /** The cache of the details view, looked up in the current frame (it may have gone). */
    public Optional<CacheRow> detailsCache() {
        if (detailsCache == null || frame == null) return Optional.empty();
        for (CacheRow r : frame.analysis().rows()) {
            if (r.id().equals(detailsCache)) return Optional.of(r);
        }
        return Optional.empty();
    }

    public boolean detailsIsCache() { return detailsCache != null; }

    public CacheId detailsCacheId() { return detailsCache; }

    public String textTitle() { return textTitle; }

    public List<String> text() { return text; }

    public int textTop() { return textCursor.top(); }

    public String input() { return input.toString(); }

    public List<Choice> choices() { return choices; }

    /** The pick list's lines now: their ages move with the clock while the list is up. */
    public List<String> pickLines() { return Choice.lines(choices, clock.instant()); }

    public int choice() { return pickCursor.selected(); }

    public String pickTitle() { return pickTitle; }

    /** The snapshot chosen in the pick list, for {@link Effect#DIFF}. */
    public Choice picked() { return picked; }

    /** Which table {@link Mode#FILTER} edits the filter of: {@link Mode#TABLE} or {@link Mode#DIFF}. */
    public Mode filterOn() { return filterOn; }

    /** The diff on show (or last shown), or null. */
    public DiffView diff() { return diff; }

    public Table<CacheDelta, DiffColumn> diffTable() { return diffTable; }

    /** The diff's caches passing its filter, in its sort order. */
    public List<CacheDelta> diffRows() { return diffRows; }

    public int diffSelected() { return diffCursor.selected(); }

    /** First row of {@link #diffRows()} on screen. */
    public int diffTop() { return diffCursor.top(); }

    /** What background work is running, or null. */
    public String busy() { return busy; }

    /** The current status message, or null when none, expired or no longer true. */
    public String statusMessage() { return status.current(); }

    public boolean statusIsError() { return status.error(); }
}
