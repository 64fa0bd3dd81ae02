package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.ListCursor;
import java.util.List;
import java.util.Optional;

/**
 * The screen's cache table: its sort and filter ({@link TableState}), the rows of the frame
 * shown in that order, and one cursor. The selection stays on the top row until the user moves
 * it; from then on it follows that cache through re-sorts and refreshes.
 */
public final class TableMode {
    private final TableState table;
    private List<CacheRow> rows = List.of();
    private CacheId selectedId;
    /** Once the user moves the selection it follows that cache through re-sorts; before, it stays on top. */
    private boolean follow;
    private final ListCursor cursor = new ListCursor();

    TableMode(TableState table) {
        this.table = table;
    }

    /** The rows of {@code frame} in the table's order, the selection kept on its cache. */
    void recompute(Frame frame) {
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

    /** Moves the selection; from now on it follows its cache. */
    void move(int delta) {
        if (rows.isEmpty()) return;
        cursor.move(delta);
        selectedId = rows.get(cursor.selected()).id();
        follow = true;
    }

    int page() { return cursor.page(); }

    /** Cache lines the last draw fit. */
    void viewport(int tableRows) { cursor.viewport(tableRows); }

    public TableState table() { return table; }

    /** The caches passing the filter, in sort order. */
    public List<CacheRow> rows() { return rows; }

    public int selected() { return cursor.selected(); }

    public Optional<CacheRow> selectedRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(cursor.selected()));
    }

    /** First row on screen. */
    public int top() { return cursor.top(); }

    /** First row on screen when {@code tableRows} fit (what {@link #viewport} will make it). */
    public int topFor(int tableRows) { return cursor.topFor(tableRows); }
}
