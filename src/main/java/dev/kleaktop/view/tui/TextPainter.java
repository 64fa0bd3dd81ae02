package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import dev.kleaktop.view.Drawn;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.KeyTable;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.ScreenTable;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.TextMode;
import dev.kleaktop.view.table.ColumnSpec;
import java.util.List;
import java.util.Optional;

/**
 * The full-screen text views (help, details) and the pick list. Reads the state, never
 * changes it: what it fit comes back in the {@link Picture}.
 */
final class TextPainter {
    static final String PICK_HINTS = KeyTable.PICK.hints();
    static final String TEXT_HINTS_UNICODE = KeyTable.TEXT.hints(true);
    static final String TEXT_HINTS_ASCII = KeyTable.TEXT.hints(false);

    private final Glyphs g;
    private final Pen pen;
    private final StatusLine statusLine;

    TextPainter(Glyphs g, Pen pen, StatusLine statusLine) {
        this.g = g;
        this.pen = pen;
        this.statusLine = statusLine;
    }

    /** A table row's details, or the fixed text of the view. */
    Picture details(int cols, int rows, ScreenState st) {
        TextMode tm = st.textMode();
        if (tm.isRow()) return row(cols, rows, st, tm.rowView(), tm.rowId());
        return text(cols, rows, st, tm.title(), tm.lines());
    }

    /** The details of the row {@code id} of a table, looked up in the frame shown (it may have gone). */
    private <R, C extends ColumnSpec<R>> Picture row(int cols, int rows, ScreenState st, ScreenTable<R, C> view,
                                                     Object id) {
        Optional<R> r = view.find(st.frame(), id);
        if (r.isPresent()) return text(cols, rows, st, view.detailsTitle(r.get()), view.details(r.get(), st.frame(), g));
        return text(cols, rows, st, view.goneTitle(id), view.gone(id));
    }

    /** A full-screen text: title, lines from the view's scroll, hints and where it is. */
    Picture text(int cols, int rows, ScreenState st, String title, List<String> lines) {
        int body = rows - 2;
        int top = st.textMode().topFor(body, lines.size());
        pen.put(0, 0, Text.padRight(" " + Text.escape(title), cols), cols, Style.REVERSE);
        for (int i = 0; i < body && top + i < lines.size(); i++) {
            pen.put(1, 1 + i, lines.get(top + i), cols - 1, Style.PLAIN);
        }
        String hints = g.unicode() ? TEXT_HINTS_UNICODE : TEXT_HINTS_ASCII;
        String where = lines.isEmpty() ? "" : "lines " + (top + 1) + "-"
                + Math.min(lines.size(), top + body) + " of " + lines.size();
        pen.put(0, rows - 1, hints, Math.max(0, cols - where.length() - 1), Style.PLAIN);
        if (cols > where.length()) pen.put(cols - where.length(), rows - 1, where, where.length(), Style.PLAIN);
        return new Picture(null, new Drawn.Text(body, lines.size()));
    }

    /** The pick list ({@code D}'s snapshots). */
    Picture pick(int cols, int rows, ScreenState st) {
        pen.put(0, 0, Text.padRight(" " + st.pickMode().title() + " (Enter picks, Esc returns)", cols), cols, Style.REVERSE);
        List<String> ch = st.pickLines();
        int body = rows - 2;
        int top = Math.max(0, Math.min(st.pickMode().selected() - body + 1, ch.size() - body));
        top = Math.max(0, Math.min(top, st.pickMode().selected()));
        for (int i = 0; i < body && top + i < ch.size(); i++) {
            boolean sel = top + i == st.pickMode().selected();
            String line = " " + ch.get(top + i);
            pen.put(0, 1 + i, sel ? Text.padRight(line, cols) : line, cols, sel ? Style.REVERSE : Style.PLAIN);
        }
        TerminalPosition cursor = statusLine.draw(cols, rows - 1, st, PICK_HINTS, (st.pickMode().selected() + 1) + "/" + ch.size());
        return new Picture(cursor, new Drawn.Pick(body));
    }
}
