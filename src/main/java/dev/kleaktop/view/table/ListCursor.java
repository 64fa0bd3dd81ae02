package dev.kleaktop.view.table;

/**
 * The selection and scroll of one list on the screen (the cache table, the diff table, the
 * side pane's items, the snapshot pick list) or the scroll alone of a text view. The list's
 * length and the rows the last draw fit are told to it; the selection stays within the list
 * and, after a move, on screen with the least scrolling.
 */
public final class ListCursor {
    private int size;
    private int rows = 1;
    private int selected;
    private int top;

    /** The list's length now; the selection is left where it is until the next select or move. */
    public void resize(int n) { size = Math.max(0, n); }

    /** Selects item {@code i}, held within the list, and scrolls it into view. */
    public void select(int i) {
        selected = clamp(i, 0, size - 1);
        scrollToSelection();
    }

    /** Moves the selection by {@code delta} items (nothing on an empty list). */
    public void move(int delta) {
        if (size == 0) return;
        select(selected + delta);
    }

    /** Rows the last draw fit (at least one); keeps the selection on screen. */
    public void viewport(int rows) {
        this.rows = Math.max(1, rows);
        scrollToSelection();
    }

    /**
     * A text view's window: its rows and the lines under them, with no selection; the scroll
     * stays within the lines.
     */
    public void window(int rows, int lines) {
        this.rows = Math.max(1, rows);
        size = Math.max(0, lines);
        scroll(0);
    }

    /** Scrolls a text view by {@code delta} lines, within its lines. */
    public void scroll(int delta) {
        top = clamp(top + delta, 0, Math.max(0, size - rows));
    }

    /** What PgUp and PgDn move by: a screenful less the line kept for context. */
    public int page() { return Math.max(1, rows - 1); }

    /** Back to the first item, scrolled to the top. */
    public void reset() {
        selected = 0;
        top = 0;
    }

    public int selected() { return selected; }

    /** The first item (or line) on screen. */
    public int top() { return top; }

    public int size() { return size; }

    public int rows() { return rows; }

    /** The first item on screen once {@link #viewport viewport(rows)} is told, without telling it. */
    public int topFor(int rows) {
        int r = Math.max(1, rows);
        int t = top;
        if (selected < t) t = selected;
        if (selected >= t + r) t = selected - r + 1;
        return clamp(t, 0, Math.max(0, size - r));
    }

    /** A text view's first line once {@link #window window(rows, lines)} is told, without telling it. */
    public int topFor(int rows, int lines) {
        return clamp(top, 0, Math.max(0, Math.max(0, lines) - Math.max(1, rows)));
    }

    private void scrollToSelection() {
        if (selected < top) top = selected;
        if (selected >= top + rows) top = selected - rows + 1;
        top = clamp(top, 0, Math.max(0, size - rows));
    }

    private static int clamp(int v, int lo, int hi) {
        if (hi < lo) return lo;
        return Math.max(lo, Math.min(hi, v));
    }
}
