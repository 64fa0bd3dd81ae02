package dev.kleaktop.view;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.view.ScreenState.Effect;
import dev.kleaktop.view.ScreenState.Mode;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.Table;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * What each key does to the screen's state, by mode: the dispatch of {@link KeyTable}'s
 * bindings (the table, the text views, the pick list, the diff) and of the filter input and
 * the y/n question. Keys that need work outside the state (quitting, a kmemleak scan, a
 * snapshot) return an {@link ScreenState.Effect} that the screen loop carries out. Free of any
 * terminal library; only the drawing thread uses it.
 */
public final class ScreenKeys {
    private final ScreenState st;

    public ScreenKeys(ScreenState st) {
        this.st = st;
    }

    /** Applies a key and says what else has to happen. */
    public ScreenState.Effect handle(Key k) {
        if (k.kind() == Key.Kind.EOF) return ScreenState.Effect.QUIT;
        if (k.kind() == Key.Kind.CTRL && k.ch() == 'c') return ScreenState.Effect.QUIT;
        if (k.kind() == Key.Kind.CTRL && k.ch() == 'l') return ScreenState.Effect.REDRAW;
        switch (st.mode) {
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

    private ScreenState.Effect tableKey(Key k) {
        if (st.status.swallows(k)) return ScreenState.Effect.NONE;
        Optional<KeyTable.Binding> b = KeyTable.TABLE.find(k);
        if (b.isEmpty() || b.get().command() == null) return ScreenState.Effect.NONE;
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
                st.focus = ScreenState.Focus.TABLE;
                st.status.clear();
                return ScreenState.Effect.NONE;
            case QUIT: return ScreenState.Effect.QUIT;
            case HELP: return help(ScreenState.Mode.TABLE);
            case FILTER: return startFilter(ScreenState.Mode.TABLE, st.current().table().filterText());
            case SORT: return sortKey(st.current(), String.valueOf(k.ch()));
            case SORT_LEFT:
                st.current().table().moveSort(-1);
                return sorted(st.current());
            case SORT_RIGHT:
                st.current().table().moveSort(1);
                return sorted(st.current());
            case REVERSE:
                st.current().table().reverse();
                return sorted(st.current());
            case VIEW: return show(b.get().view());
            case PAUSE:
                st.paused = !st.paused;
                return ScreenState.Effect.PAUSE;
            case STEP:
            case TO_END:
                if (st.playback == null) {
                    st.status(k.ch() + ": only when replaying a captured series (kleaktop --series FILE)", true);
                    return ScreenState.Effect.NONE;
                }
                if (b.get().command() == KeyTable.Command.STEP) {
                    st.paused = true;
                    return ScreenState.Effect.STEP;
                }
                return ScreenState.Effect.TO_END;
            case LONGER: return interval(1);
            case SHORTER: return interval(-1);
            case RESET_BASELINE: return ScreenState.Effect.RESET_BASELINE;
            case SCAN: return refused("k", kmemleakUnavailable(), Status.NOTHING) ? Effect.NONE : Effect.SCAN;
            case CLEAR:
                if (!refused("C", kmemleakUnavailable(), Status.YES_NO)) st.mode = ScreenState.Mode.CONFIRM_CLEAR;
                return ScreenState.Effect.NONE;
            case SNAPSHOT: return refused("S", st.snapshotsUnavailable, Status.NOTHING) ? Effect.NONE : Effect.SNAPSHOT;
            case DIFF_LIST: return refused("D", st.snapshotsUnavailable, Status.PICK) ? Effect.NONE : Effect.DIFF_LIST;
            default: return ScreenState.Effect.NONE;
        }
    }

    private ScreenState.Effect help(ScreenState.Mode from) {
        st.back = from;
        st.mode = ScreenState.Mode.HELP;
        st.textMode.reset();
        return ScreenState.Effect.NONE;
    }

    /** Whether an action key cannot run (unavailable, busy): it then says why, and asks nothing. */
    private boolean refused(String key, String unavailable, java.util.function.Predicate<Key> answers) {
        String why = unavailable != null ? unavailable : st.busy != null ? "busy: still " + st.busy : null;
        if (why != null) st.status.refuse(key, why, false, answers);
        return why != null;
    }

    /** Why k and C cannot run: as set up, or kmemleak gone since (disabled, debugfs unmounted). */
    private String kmemleakUnavailable() {
        dev.kleaktop.model.SourceState now =
                st.frame == null ? null : st.frame.sources().get(SourceId.KMEMLEAK.id());
        if (st.kmemleakUnavailable != null || now == null || now.ok()) return st.kmemleakUnavailable;
        return "kmemleak: " + Text.escape(now.describe());
    }

    /** A sort letter: the column the table's spec has for it, or which letters it has. */
    private <R, C extends ColumnSpec<R>> ScreenState.Effect sortKey(TableMode<R, C> m, String key) {
        Optional<C> c = m.table().spec().sortKey(key);
        if (c.isEmpty()) {
            StringBuilder keys = new StringBuilder();
            for (String n : m.table().spec().sortKeyNames()) {
                if (n.length() == 1) keys.append(keys.length() == 0 ? "" : " ").append(n);
            }
            return say("the " + m.view().name() + " table sorts by " + keys + ", or < > onto any of its columns");
        }
        m.table().sortBy(c.get()).reversed(false);
        return sorted(m);
    }

    /** Re-sorted: one message for every sort key, naming the column, gone once the sort changes. */
    private <R, C extends ColumnSpec<R>> ScreenState.Effect sorted(TableMode<R, C> m) {
        m.recompute(st.frame);
        Table<R, C> t = m.table();
        C c = t.sort();
        boolean r = t.reversed();
        return sayWhile(SortMessage.of(t), () -> t.sort() == c && t.reversed() == r);
    }

    /** Shows another table as the main view; the focus goes to it. */
    private ScreenState.Effect show(ScreenTable<?, ?> table) {
        for (int i = 0; i < st.views.size(); i++) {
            if (st.views.get(i).view() == table) {
                st.view = i;
                st.focus = ScreenState.Focus.TABLE;
                st.current().recompute(st.frame);
            }
        }
        return ScreenState.Effect.NONE;
    }

    private ScreenState.Effect say(String message) { return sayWhile(message, () -> true); }

    private ScreenState.Effect sayWhile(String message, java.util.function.BooleanSupplier holds) {
        st.status.set(message, false, holds);
        return ScreenState.Effect.NONE;
    }

    private ScreenState.Effect interval(int dir) {
        double next = Intervals.step(st.intervalS, dir);
        if (next == st.intervalS) return say("interval stays " + Units.seconds(st.intervalS) + " (" + Intervals.range() + ")");
        st.intervalS = next;
        String warning = st.frame == null || st.playback != null ? null : Intervals.verdictWarning(st.intervalS, st.frame.analysis().rule().horizonS());
        st.status.set("interval " + Units.seconds(st.intervalS) + (warning == null ? "" : ": " + warning), warning != null);
        return ScreenState.Effect.INTERVAL;
    }

    private ScreenState.Effect toggleFocus() {
        if (st.focus == ScreenState.Focus.PANE) {
            st.focus = ScreenState.Focus.TABLE;
            return ScreenState.Effect.NONE;
        }
        // Each goes as soon as it stops being true: a resize that makes room, entries coming in.
        PaneMode p = st.paneMode;
        if (!p.shown() && p.sections().isEmpty()) return sayWhile("the side pane has nothing to show", () -> p.sections().isEmpty());
        if (!p.shown()) return sayWhile("the side pane needs a larger terminal", () -> !p.shown());
        if (p.items().isEmpty()) return sayWhile("the side pane has no entries to select", () -> p.items().isEmpty());
        st.focus = ScreenState.Focus.PANE;
        return ScreenState.Effect.NONE;
    }

    private ScreenState.Effect openDetails() {
        if (st.focus == ScreenState.Focus.PANE) {
            Optional<PaneItem> it = st.paneMode.selectedItem();
            if (it.isEmpty()) return ScreenState.Effect.NONE;
            st.showText(it.get().detailTitle(), it.get().details());
            st.back = ScreenState.Mode.TABLE;
            return ScreenState.Effect.NONE;
        }
        Object id = st.current().selectedId();
        if (id == null) return ScreenState.Effect.NONE;
        st.back = ScreenState.Mode.TABLE;
        st.mode = ScreenState.Mode.DETAILS;
        st.textMode.showRow(st.current().view(), id);
        return ScreenState.Effect.NONE;
    }

    private ScreenState.Effect move(int delta) {
        if (st.focus == ScreenState.Focus.PANE) st.paneMode.move(delta);
        else st.current().move(delta);
        return ScreenState.Effect.NONE;
    }

    private int page() { return st.focus == ScreenState.Focus.PANE ? st.paneMode.page() : st.current().page(); }

    private ScreenState.Effect startFilter(ScreenState.Mode on, String current) {
        st.filterOn = on;
        st.mode = ScreenState.Mode.FILTER;
        st.input.setLength(0);
        st.input.append(current);
        return ScreenState.Effect.NONE;
    }

    private ScreenState.Effect filterKey(Key k) {
        switch (k.kind()) {
            case CHAR:
                st.input.append(k.ch());
                return ScreenState.Effect.NONE;
            case BACKSPACE:
                if (st.input.length() > 0) st.input.setLength(st.input.length() - 1);
                return ScreenState.Effect.NONE;
            case CTRL:
                if (k.ch() == 'u') st.input.setLength(0);
                return ScreenState.Effect.NONE;
            case ESCAPE:
                st.mode = st.filterOn;
                applyFilter("");
                return filterCleared();
            case ENTER:
                String regex = st.input.toString();
                st.mode = st.filterOn;
                try {
                    applyFilter(regex);
                } catch (PatternSyntaxException e) {
                    st.status("filter: invalid regular expression '" + Text.escape(regex) + "': "
                            + Text.escape(e.getDescription()), true);
                    return ScreenState.Effect.NONE;
                }
                if (regex.isEmpty()) return filterCleared();
                st.status.clear(); // what it said about an earlier filter or sort no longer applies
                return ScreenState.Effect.NONE;
            default:
                return ScreenState.Effect.NONE;
        }
    }

    private ScreenState.Effect filterCleared() {
        Table<?, ?> t = st.filterOn == ScreenState.Mode.DIFF ? st.diffMode.table() : st.current().table();
        return sayWhile("filter cleared", () -> t.filterText().isEmpty());
    }

    /** Sets the filter of the table being filtered; an invalid expression changes nothing. */
    private void applyFilter(String regex) {
        if (st.filterOn == ScreenState.Mode.DIFF) {
            st.diffMode.table().filter(regex);
            st.diffMode.recompute();
        } else {
            st.current().table().filter(regex);
            st.current().recompute(st.frame);
        }
    }

    private ScreenState.Effect confirmKey(Key k) {
        if (k.is('y') || k.is('Y')) {
            st.mode = ScreenState.Mode.TABLE;
            return ScreenState.Effect.CLEAR;
        }
        if (k.is('n') || k.is('N') || k.kind() == Key.Kind.ESCAPE || k.is('q')) {
            st.mode = ScreenState.Mode.TABLE;
            return say("kmemleak clear: cancelled");
        }
        return ScreenState.Effect.NONE;
    }

    /** The keys of help and details ({@link KeyTable#TEXT}). */
    private ScreenState.Effect textKey(Key k) {
        Optional<KeyTable.Binding> b = KeyTable.TEXT.find(k);
        if (b.isEmpty()) return ScreenState.Effect.NONE;
        int page = st.textMode.page();
        switch (b.get().command()) {
            case UP: st.textMode.scroll(-1); break;
            case DOWN: st.textMode.scroll(1); break;
            case PAGE_UP: st.textMode.scroll(-page); break;
            case PAGE_DOWN: st.textMode.scroll(page); break;
            case HOME: st.textMode.scroll(Integer.MIN_VALUE / 2); break;
            case END: st.textMode.scroll(Integer.MAX_VALUE / 2); break;
            case BACK:
                close();
                return ScreenState.Effect.NONE;
            case QUIT: return ScreenState.Effect.QUIT;
            case HELP:
                if (st.mode == ScreenState.Mode.HELP) close();
                return ScreenState.Effect.NONE;
            default:
                return ScreenState.Effect.NONE;
        }
        return ScreenState.Effect.NONE;
    }

    private void close() {
        st.mode = st.back == ScreenState.Mode.HELP || st.back == ScreenState.Mode.DETAILS ? ScreenState.Mode.TABLE : st.back;
        st.textMode.close();
    }

    /** The keys of the snapshot list ({@link KeyTable#PICK}). */
    private ScreenState.Effect pickKey(Key k) {
        Optional<KeyTable.Binding> b = KeyTable.PICK.find(k);
        if (b.isEmpty()) return ScreenState.Effect.NONE;
        switch (b.get().command()) {
            case UP: st.pickMode.move(-1); return ScreenState.Effect.NONE;
            case DOWN: st.pickMode.move(1); return ScreenState.Effect.NONE;
            case HOME: st.pickMode.select(0); return ScreenState.Effect.NONE;
            case END: st.pickMode.select(st.pickMode.choices().size() - 1); return ScreenState.Effect.NONE;
            case PAGE_UP: st.pickMode.move(-st.pickMode.page()); return ScreenState.Effect.NONE;
            case PAGE_DOWN: st.pickMode.move(st.pickMode.page()); return ScreenState.Effect.NONE;
            case BACK:
                st.mode = ScreenState.Mode.TABLE;
                return ScreenState.Effect.NONE;
            case DETAILS:
                if (st.busy != null) return say("busy: still " + st.busy);
                // The list stays up until the diff is ready, so an error shows over it.
                st.pickMode.pick();
                return ScreenState.Effect.DIFF;
            case QUIT: return ScreenState.Effect.QUIT;
            default:
                return ScreenState.Effect.NONE;
        }
    }

    /** The diff's keys ({@link KeyTable#DIFF}); a live sort letter the diff has no column for says so. */
    private ScreenState.Effect diffKey(Key k) {
        Optional<KeyTable.Binding> b = KeyTable.DIFF.find(k);
        if (b.isEmpty()) {
            if (k.kind() == Key.Kind.CHAR && Column.SPEC.sortKey(String.valueOf(k.ch())).isPresent()) {
                return say("the diff sorts by g d c n a o, or < > onto any of its columns");
            }
            return ScreenState.Effect.NONE;
        }
        switch (b.get().command()) {
            case UP: return moveDiff(-1);
            case DOWN: return moveDiff(1);
            case PAGE_UP: return moveDiff(-st.diffMode.page());
            case PAGE_DOWN: return moveDiff(st.diffMode.page());
            case HOME: return moveDiff(Integer.MIN_VALUE / 2);
            case END: return moveDiff(Integer.MAX_VALUE / 2);
            case BACK:
                st.mode = ScreenState.Mode.PICK;
                st.status.clear();
                return ScreenState.Effect.NONE;
            case QUIT: return ScreenState.Effect.QUIT;
            case HELP: return help(ScreenState.Mode.DIFF);
            case FILTER: return startFilter(ScreenState.Mode.DIFF, st.diffMode.table().filterText());
            case SORT_LEFT:
                st.diffMode.table().moveSort(-1);
                return diffSorted();
            case SORT_RIGHT:
                st.diffMode.table().moveSort(1);
                return diffSorted();
            case REVERSE:
                st.diffMode.table().reverse();
                return diffSorted();
            case SORT:
                st.diffMode.table().sortBy((DiffColumn) b.get().sort()).reversed(false);
                return diffSorted();
            default: return ScreenState.Effect.NONE;
        }
    }

    private ScreenState.Effect diffSorted() {
        st.diffMode.recompute();
        Table<CacheDelta, DiffColumn> t = st.diffMode.table();
        DiffColumn c = t.sort();
        boolean r = t.reversed();
        return sayWhile(SortMessage.of(t), () -> t.sort() == c && t.reversed() == r);
    }

    private ScreenState.Effect moveDiff(int delta) {
        st.diffMode.move(delta);
        return ScreenState.Effect.NONE;
    }
}
