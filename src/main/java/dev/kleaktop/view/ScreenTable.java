package dev.kleaktop.view;

import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.TableSpec;
import java.util.List;
import java.util.Optional;

/**
 * One table the screen can show as its main view: the column spec, where a frame keeps its
 * rows, what a row is known by (the selection and the details follow it through refreshes),
 * and its words. The screen's table mode, painter, filter, sort keys, cursor and details view
 * work on any of them; {@link KeyTable#TABLE} lists the views, each on its key.
 *
 * <p>Adding a table to the screen is a row type, a {@link TableSpec} over it and one of
 * these, and its line in the key table.
 *
 * @param <R> the row type
 * @param <C> the column type
 */
public abstract class ScreenTable<R, C extends ColumnSpec<R>> {
    /** Its name in the help screen and in the messages ({@code caches}, {@code ledger}). */
    public abstract String name();

    /** A row, in the messages ({@code no cache matches the filter}). */
    public abstract String noun();

    public abstract TableSpec<R, C> spec();

    /** The rows of a frame, in the frame's order (the table sorts them). */
    public abstract List<R> rows(Frame f);

    /** What a row is known by from one frame to the next. */
    public abstract Object id(R row);

    /** A row drawn in the alert colour (a leak suspect). */
    public boolean alert(R row) { return false; }

    /** What the table says when a frame has no rows for it (no filter set). */
    public abstract String noRows(Frame f);

    /** The title of a row's details view (Enter). */
    public abstract String detailsTitle(R row);

    /** A row's details, one fact per line. */
    public abstract List<String> details(R row, Frame f, Glyphs g);

    /** The details view's title and lines when the row it shows is no longer in the frame. */
    public abstract String goneTitle(Object id);

    public abstract List<String> gone(Object id);

    /** The row known by {@code id} in {@code f}, if it is still there. */
    public Optional<R> find(Frame f, Object id) {
        if (f == null || id == null) return Optional.empty();
        for (R r : rows(f)) {
            if (id.equals(id(r))) return Optional.of(r);
        }
        return Optional.empty();
    }
}
