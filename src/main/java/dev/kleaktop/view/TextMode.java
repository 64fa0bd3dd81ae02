package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.ListCursor;
import java.util.List;
import java.util.Optional;

/**
 * A full-screen text view (help, the details of a table row or a pane item, a report) and
 * its scroll. A row's details are looked up in each new frame by what the row is known by.
 */
public final class TextMode {
    private ScreenTable<?, ?> rowView;
    private Object rowId;
    private String title = "";
    private List<String> lines = List.of();
    private final ListCursor cursor = new ListCursor();

    /** Fixed text. */
    void show(String t, List<String> l) {
        rowView = null;
        rowId = null;
        title = t;
        lines = List.copyOf(l);
        cursor.reset();
    }

    /** The details of a live row of a table. */
    void showRow(ScreenTable<?, ?> view, Object id) {
        rowView = view;
        rowId = id;
        cursor.reset();
    }

    /** Help, from the top. */
    void reset() { cursor.reset(); }

    void close() {
        rowView = null;
        rowId = null;
        cursor.reset();
    }

    void scroll(int delta) { cursor.scroll(delta); }

    int page() { return cursor.page(); }

    /** The rows the last draw had and the lines under them. */
    void window(int rows, int count) { cursor.window(rows, count); }

    /** The first line on screen when {@code rows} of {@code count} lines fit (what {@link #window} will make it). */
    public int topFor(int rows, int count) { return cursor.topFor(rows, count); }

    /** Whether the view shows a table row's details (looked up in each frame) rather than fixed text. */
    public boolean isRow() { return rowView != null; }

    /** The table of the row shown, or null. */
    public ScreenTable<?, ?> rowView() { return rowView; }

    /** What the row shown is known by, or null. */
    public Object rowId() { return rowId; }

    /** The cache of the details, looked up in {@code frame} (it may have gone; empty for another table's row). */
    public Optional<CacheRow> cache(Frame frame) {
        if (rowView != CacheTable.VIEW) return Optional.empty();
        return CacheTable.VIEW.find(frame, rowId);
    }

    public String title() { return title; }

    public List<String> lines() { return lines; }

    public int top() { return cursor.top(); }
}
