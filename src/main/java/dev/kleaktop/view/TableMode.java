package dev.kleaktop.view;

import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.ListCursor;
import dev.kleaktop.view.table.Table;
import java.util.List;
import java.util.Optional;

/**
 * One of the screen's tables ({@link ScreenTable}): its sort and filter ({@link Table}), the
 * rows of the frame shown in that order, and one cursor. The selection stays on the top row
 * until the user moves it; from then on it follows that row through re-sorts and refreshes.
 *
 * @param <R> the row type
 * @param <C> the column type
 */
public final class TableMode<R, C extends ColumnSpec<R>> {
    private final ScreenTable<R, C> view;
    private final Table<R, C> table;
    private List<R> rows = List.of();
    private Object selectedId;
    /** Once the user moves the selection it follows that row through re-sorts; before, it stays on top. */
    private boolean follow;
    private final ListCursor cursor = new ListCursor();

    TableMode(ScreenTable<R, C> view, Table<R, C> table) {
        this.view = view;
        this.table = table;
    }

    /** A view with the sort and filter its spec starts with. */
    static <R, C extends ColumnSpec<R>> TableMode<R, C> of(ScreenTable<R, C> view) {
        return new TableMode<>(view, new Table<>(view.spec()));
    }

    /** The rows of {@code frame} in the table's order, the selection kept on its row. */
    void recompute(Frame frame) {
        if (frame == null) return;
        rows = table.apply(view.rows(frame));
        int idx = -1;
        if (follow && selectedId != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (view.id(rows.get(i)).equals(selectedId)) {
                    idx = i;
                    break;
                }
            }
        }
        cursor.resize(rows.size());
        cursor.select(idx < 0 ? cursor.selected() : idx);
        selectedId = rows.isEmpty() ? null : view.id(rows.get(cursor.selected()));
    }

    /** Moves the selection; from now on it follows its row. */
    void move(int delta) {
        if (rows.isEmpty()) return;
        cursor.move(delta);
        selectedId = view.id(rows.get(cursor.selected()));
        follow = true;
    }

    int page() { return cursor.page(); }

    /** Table lines the last draw fit. */
    void viewport(int tableRows) { cursor.viewport(tableRows); }

    public ScreenTable<R, C> view() { return view; }

    public Table<R, C> table() { return table; }

    /** The rows passing the filter, in sort order. */
    public List<R> rows() { return rows; }

    public int selected() { return cursor.selected(); }

    public Optional<R> selectedRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(cursor.selected()));
    }

    /** What the selected row is known by, or null. */
    Object selectedId() { return selectedRow().map(view::id).orElse(null); }

    /** First row on screen. */
    public int top() { return cursor.top(); }

    /** First row on screen when {@code tableRows} fit (what {@link #viewport} will make it). */
    public int topFor(int tableRows) { return cursor.topFor(tableRows); }
}
