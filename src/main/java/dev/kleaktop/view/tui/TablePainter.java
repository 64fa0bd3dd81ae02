package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Drawn;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Header;
import dev.kleaktop.view.KeyTable;
import dev.kleaktop.view.Layout;
import dev.kleaktop.view.PaneItem;
import dev.kleaktop.view.PaneMode;
import dev.kleaktop.view.PaneSection;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableFormat;
import dev.kleaktop.view.TableMode;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.Wrap;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The main screen: the header (identity, memory, unavailable sources), the cache table and
 * the side pane, and the status line. Reads the state, never changes it: what it fit comes
 * back in the {@link Picture}.
 */
final class TablePainter {
    static final String HINTS = KeyTable.TABLE.hints();

    private final TuiConfig cfg;
    private final Glyphs g;
    private final Pen pen;
    private final StatusLine statusLine;

    TablePainter(TuiConfig cfg, Pen pen, StatusLine statusLine) {
        this.cfg = cfg;
        this.g = cfg.glyphs();
        this.pen = pen;
        this.statusLine = statusLine;
    }

    Picture paint(int cols, int rows, ScreenState st) {
        Frame f = st.frame();
        List<List<String>> unavailable = new ArrayList<>();
        int unavailableLines = 0;
        if (f != null) {
            for (String u : Header.unavailable(f)) {
                unavailable.add(Wrap.lines("unavailable: " + u, cols, "", "  "));
                unavailableLines += unavailable.get(unavailable.size() - 1).size();
            }
        }
        List<PaneSection> pane = st.paneMode().sections();
        // A long status message takes rows of its own at the bottom rather than being cut.
        int statusLines = Math.min(StatusLine.message(cols, st).size(), rows - Layout.MIN_ROWS + 1);
        Layout lay = Layout.of(cols, rows - statusLines + 1, 2 + unavailableLines, !pane.isEmpty());
        boolean paneShown = lay.pane() != Layout.Pane.NONE;
        ScreenState.Focus focus = st.focusFor(paneShown);
        int top = st.current().topFor(lay.tableRows());

        header(cols, lay, st, unavailable);
        table(lay, st.current(), st.frame(), top, focus);
        int paneTop = paneShown ? pane(lay, st, focus) : 0;
        TerminalPosition cursor = statusLine.draw(cols, rows - 1, st, HINTS, position(st));
        return new Picture(cursor, new Drawn.Table(lay.tableRows(), paneShown, lay.paneRows(), paneTop));
    }

    /**
     * The unavailable sources in the header's rows, each wrapped whole (its fix is never cut);
     * when they do not all fit, the last row counts the rest.
     */
    private void unavailable(int cols, Layout lay, List<List<String>> entries) {
        int room = lay.header() - 2;
        int total = 0;
        for (List<String> e : entries) total += e.size();
        int y = 2;
        for (int i = 0; i < entries.size(); i++) {
            List<String> e = entries.get(i);
            if (total > room && y - 2 + e.size() > room - 1) {
                String more = i == 0 ? "" : " more";
                pen.put(0, y, "unavailable: " + (entries.size() - i) + more + " sources (see -b output)", cols, Style.ALERT);
                return;
            }
            for (String line : e) pen.put(0, y++, line, cols, Style.ALERT);
        }
    }

    private void header(int cols, Layout lay, ScreenState st, List<List<String>> unavailable) {
        Frame f = st.frame();
        String tags = tags(st);
        String ident = f == null ? "kleaktop  waiting for the first sample" + g.ellipsis()
                : Header.identityLine(f, st.intervalS(), cfg.zone());
        int identWidth = Math.max(0, cols - (tags.isEmpty() ? 0 : tags.length() + 1));
        pen.put(0, 0, ident, identWidth, Style.PLAIN);
        pen.put(0, 0, "kleaktop", Math.min(8, identWidth), Style.TITLE);
        if (!tags.isEmpty()) pen.put(Math.max(0, cols - tags.length()), 0, tags, cols, Style.TAG);
        if (f != null) pen.put(0, 1, Header.memoryLine(f, cfg.extras().counts(f), cols), cols, Style.PLAIN);
        unavailable(cols, lay, unavailable);
    }

    private String tags(ScreenState st) {
        StringBuilder b = new StringBuilder();
        if (st.busy() != null) {
            String word = st.busy().split(" ", 2)[0];
            b.append('[').append(word.toUpperCase(java.util.Locale.ROOT)).append(']');
        }
        if (st.playback() != null && !st.playback().isEmpty()) {
            if (b.length() > 0) b.append(' ');
            b.append('[').append(st.playback()).append(']');
        }
        if (st.paused()) {
            if (b.length() > 0) b.append(' ');
            b.append("[PAUSED]");
        }
        return b.toString();
    }

    private <R, C extends ColumnSpec<R>> void table(Layout lay, TableMode<R, C> m, Frame frame, int top,
                                                    ScreenState.Focus focus) {
        Table<R, C> table = m.table();
        TableFormat<R, C> tf = TableFormat.forWidth(table.spec(), lay.tableWidth());
        int w = lay.tableWidth();
        int y = lay.tableTop();
        pen.put(0, y, Text.padRight(tf.header(table, g), w), w, Style.REVERSE);
        int off = tf.offset(table.sort());
        if (off >= 0) {
            int cw = tf.widthOf(table.sort());
            String head = tf.header(table, g);
            // The mark may sit one column right of the cell, in the separator it took.
            int from = off, to = Math.min(head.length(), off + cw + 1);
            pen.put(from, y, head.substring(from, to), w - from, Style.SORTED);
        }
        List<R> rows = m.rows();
        if (rows.isEmpty()) {
            String why = frame == null ? "" : !table.filterText().isEmpty()
                    ? " no " + m.view().noun() + " matches the filter /" + table.filterText() + "/ (Esc in / clears it)"
                    : " " + m.view().noRows(frame);
            pen.put(0, y + 1, why, w, Style.PLAIN);
            return;
        }
        boolean focused = focus == ScreenState.Focus.TABLE;
        for (int i = 0; i < lay.tableRows(); i++) {
            int idx = top + i;
            if (idx >= rows.size()) break;
            R r = rows.get(idx);
            String line = Text.padRight(tf.row(r, g, Pen.WIDTH), w, Pen.WIDTH);
            Style s = idx == m.selected() ? (focused ? Style.REVERSE : Style.BOLD)
                    : m.view().alert(r) ? Style.ALERT : Style.PLAIN;
            pen.put(0, y + 1 + i, line, w, s);
        }
    }

    /** Draws the pane; returns its first line drawn. */
    private int pane(Layout lay, ScreenState st, ScreenState.Focus focus) {
        if (lay.pane() == Layout.Pane.RIGHT) {
            for (int y = lay.tableTop(); y < lay.statusRow(); y++) pen.put(lay.tableWidth(), y, g.vbar());
        } else {
            pen.put(0, lay.paneTop() - 1, String.valueOf(g.hbar()).repeat(lay.cols()), lay.cols(), Style.PLAIN);
        }
        List<String> lines = new ArrayList<>();
        List<Style> styles = new ArrayList<>();
        int selLine = 0;
        int item = 0;
        boolean focused = focus == ScreenState.Focus.PANE;
        PaneMode pm = st.paneMode();
        for (PaneSection s : pm.sections()) {
            lines.add(s.title());
            styles.add(Style.TITLE);
            if (s.items().isEmpty()) {
                // why it is empty, with the fix: wrapped, never cut
                for (String l : Wrap.lines(s.empty(), lay.paneWidth(), "  ", "    ")) {
                    lines.add(l);
                    styles.add(Style.PLAIN);
                }
            }
            for (PaneItem it : s.items()) {
                if (item == pm.selected()) selLine = lines.size();
                lines.add(" " + it.summary());
                styles.add(item == pm.selected() && focused ? Style.REVERSE : Style.PLAIN);
                item++;
            }
        }
        int top = pm.topFor(selLine, lay.paneRows());
        for (int i = 0; i < lay.paneRows() && top + i < lines.size(); i++) {
            String line = lines.get(top + i);
            Style s = styles.get(top + i);
            if (s == Style.REVERSE) line = Text.padRight(line, lay.paneWidth());
            pen.put(lay.paneLeft(), lay.paneTop() + i, line, lay.paneWidth(), s);
        }
        return top;
    }

    private String position(ScreenState st) {
        if (st.frame() == null) return "";
        TableMode<?, ?> m = st.current();
        int total = m.view().rows(st.frame()).size();
        int shown = m.rows().size();
        String pos = shown == 0 ? "0" : (m.selected() + 1) + "/" + shown;
        String filter = m.table().filterText();
        return filter.isEmpty() ? pos : "/" + filter + "/ " + pos + " of " + total;
    }
}
