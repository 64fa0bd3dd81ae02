package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.view.table.ListCursor;
import dev.kleaktop.view.table.Table;
import java.util.List;

/**
 * A snapshot diff as a table of its own ({@link DiffColumn#SPEC}), sorted and filtered like
 * the live one, with its cursor. Sort and filter carry over from one diff to the next.
 */
public final class DiffMode {
    private DiffView diff;
    private final Table<CacheDelta, DiffColumn> table = new Table<>(DiffColumn.SPEC);
    private List<CacheDelta> rows = List.of();
    private final ListCursor cursor = new ListCursor();

    void show(DiffView d) {
        diff = d;
        cursor.reset();
        recompute();
    }

    /** After a re-sort or a new filter: from the top, the order changed under the selection. */
    void recompute() {
        if (diff == null) return;
        rows = table.apply(diff.diff().caches());
        cursor.resize(rows.size());
        cursor.reset();
    }

    void move(int delta) {
        if (rows.isEmpty()) return;
        cursor.move(delta);
    }

    int page() { return cursor.page(); }

    /** Cache lines the last draw fit under the title row. */
    void viewport(int tableRows) { cursor.viewport(tableRows); }

    /** The diff on show (or last shown), or null. */
    public DiffView diff() { return diff; }

    public Table<CacheDelta, DiffColumn> table() { return table; }

    /** The caches passing the filter, in sort order. */
    public List<CacheDelta> rows() { return rows; }

    public int selected() { return cursor.selected(); }

    public int top() { return cursor.top(); }

    /** First row on screen when {@code tableRows} fit (what {@link #viewport} will make it). */
    public int topFor(int tableRows) { return cursor.topFor(tableRows); }
}
