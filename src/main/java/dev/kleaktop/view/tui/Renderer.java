package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Details;
import dev.kleaktop.view.DiffColumn;
import dev.kleaktop.view.DiffHeader;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.KeyTable;
import dev.kleaktop.view.Header;
import dev.kleaktop.view.HelpText;
import dev.kleaktop.view.Layout;
import dev.kleaktop.view.PaneItem;
import dev.kleaktop.view.PaneSection;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableFormat;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.Wrap;
import dev.kleaktop.view.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws the screen state into a Lanterna screen's back buffer: the whole picture every time
 * (through a {@link Canvas}), so the screen's delta refresh sends only the cells that
 * changed. Every string passes through {@link Text#escape} here, whatever escaped it before,
 * so no kernel string can reach the terminal raw.
 */
final class Renderer {
    /** Terminal columns of a character as the canvas draws it: Lanterna's double-width rule. */
    static final Text.CharWidth WIDTH = cp -> cp <= Character.MAX_VALUE
            && com.googlecode.lanterna.TerminalTextUtils.isCharDoubleWidth((char) cp) ? 2 : 1;

    /** How a piece of text is shown; colours only when enabled, attributes always. */
    enum Style { PLAIN, BOLD, REVERSE, TITLE, ALERT, ERROR, TAG, SORTED }

    static final String HINTS = KeyTable.TABLE.hints();
    static final String DIFF_HINTS = KeyTable.DIFF.hints();
    static final String PICK_HINTS = KeyTable.PICK.hints();
    static final String TEXT_HINTS_UNICODE = KeyTable.TEXT.hints(true);
    static final String TEXT_HINTS_ASCII = KeyTable.TEXT.hints(false);
    static final String TOO_SMALL = "terminal too small";

    private final TuiConfig cfg;
    private final Glyphs g;
    /** The picture being drawn, reused from frame to frame (the drawing thread's only). */
    private final Canvas canvas;

    Renderer(TuiConfig cfg) {
        this.cfg = cfg;
        this.g = cfg.glyphs();
        this.canvas = new Canvas(cfg.color());
    }

    /** Draws the state; returns where the cursor goes (the filter input) or null to hide it. */
    TerminalPosition draw(Screen screen, ScreenState st) {
        TerminalSize size = screen.getTerminalSize();
        TerminalPosition cursor = compose(size.getColumns(), size.getRows(), st);
        paint(screen);
        return cursor;
    }

    /**
     * Makes the picture of the state for a screen of that size, without a screen (the first
     * one is made while the terminal is still being set up); {@link #paint} puts it on one.
     *
     * @return where the cursor goes (the filter input), or null to hide it
     */
    TerminalPosition compose(int cols, int rows, ScreenState st) {
        canvas.reset(cols, rows);
        return picture(cols, rows, st);
    }

    /** Puts the picture last composed into the screen's back buffer. */
    void paint(Screen screen) {
        canvas.paint(screen);
    }

    private TerminalPosition picture(int cols, int rows, ScreenState st) {
        if (cols < Layout.MIN_COLS || rows < Layout.MIN_ROWS) {
            put(0, 0, TOO_SMALL, cols, Style.BOLD);
            if (rows > 1) {
                put(0, 1, cols + "x" + rows + ", needs " + Layout.MIN_COLS + "x" + Layout.MIN_ROWS, cols, Style.PLAIN);
            }
            if (rows > 2) put(0, 2, "q quits", cols, Style.PLAIN);
            return null;
        }
        switch (st.mode()) {
            case HELP:
                text(cols, rows, st, "kleaktop help", HelpText.lines(cols - 2, g));
                return null;
            case DETAILS:
                details(cols, rows, st);
                return null;
            case PICK:
                return pick(cols, rows, st);
            case DIFF:
                return diff(cols, rows, st);
            case FILTER:
                return st.filterOn() == ScreenState.Mode.DIFF ? diff(cols, rows, st) : main(cols, rows, st);
            default:
                return main(cols, rows, st);
        }
    }

    // ---- main screen ---------------------------------------------------------------------------

    private TerminalPosition main(int cols, int rows, ScreenState st) {
        Frame f = st.frame();
        List<List<String>> unavailable = new ArrayList<>();
        int unavailableLines = 0;
        if (f != null) {
            for (String u : Header.unavailable(f)) {
                unavailable.add(Wrap.lines("unavailable: " + u, cols, "", "  "));
                unavailableLines += unavailable.get(unavailable.size() - 1).size();
            }
        }
        List<PaneSection> pane = st.pane();
        // A long status message takes rows of its own at the bottom rather than being cut.
        int statusLines = Math.min(message(cols, st).size(), rows - Layout.MIN_ROWS + 1);
        Layout lay = Layout.of(cols, rows - statusLines + 1, 2 + unavailableLines, !pane.isEmpty());
        st.viewport(lay.tableRows(), lay.pane() != Layout.Pane.NONE, lay.paneRows());

        header(cols, lay, st, unavailable);
        table(lay, st);
        if (lay.pane() != Layout.Pane.NONE) pane(lay, st);
        return status(cols, rows - 1, st, HINTS, position(st));
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
                put(0, y, "unavailable: " + (entries.size() - i) + more + " sources (see -b output)", cols, Style.ALERT);
                return;
            }
            for (String line : e) put(0, y++, line, cols, Style.ALERT);
        }
    }

    private void header(int cols, Layout lay, ScreenState st, List<List<String>> unavailable) {
        Frame f = st.frame();
        String tags = tags(st);
        String ident = f == null ? "kleaktop  waiting for the first sample" + g.ellipsis()
                : Header.identityLine(f, st.intervalS(), cfg.zone());
        int identWidth = Math.max(0, cols - (tags.isEmpty() ? 0 : tags.length() + 1));
        put(0, 0, ident, identWidth, Style.PLAIN);
        put(0, 0, "kleaktop", Math.min(8, identWidth), Style.TITLE);
        if (!tags.isEmpty()) put(Math.max(0, cols - tags.length()), 0, tags, cols, Style.TAG);
        if (f != null) put(0, 1, Header.memoryLine(f, cfg.extras().counts(f), cols), cols, Style.PLAIN);
        unavailable(cols, lay, unavailable);
    }

    private String tags(ScreenState st) {
        StringBuilder b = new StringBuilder();
        if (st.busy() != null) {
            String word = st.busy().split(" ", 2)[0];
            b.append('[').append(word.toUpperCase(java.util.Locale.ROOT)).append(']');
        }
        if (st.paused()) {
            if (b.length() > 0) b.append(' ');
            b.append("[PAUSED]");
        }
        return b.toString();
    }

    private void table(Layout lay, ScreenState st) {
        TableFormat<CacheRow, Column> tf = TableFormat.forWidth(lay.tableWidth());
        int w = lay.tableWidth();
        int y = lay.tableTop();
        put(0, y, Text.padRight(tf.header(st.table(), g), w), w, Style.REVERSE);
        int off = tf.offset(st.table().sort());
        if (off >= 0) {
            int cw = tf.widthOf(st.table().sort());
            String head = tf.header(st.table(), g);
            // The mark may sit one column right of the cell, in the separator it took.
            int from = off, to = Math.min(head.length(), off + cw + 1);
            put(from, y, head.substring(from, to), w - from, Style.SORTED);
        }
        List<CacheRow> rows = st.rows();
        if (rows.isEmpty()) {
            String why = st.frame() == null ? "" : !st.table().filterText().isEmpty()
                    ? " no cache matches the filter /" + st.table().filterText() + "/ (Esc in / clears it)"
                    : " no slab caches to show";
            put(0, y + 1, why, w, Style.PLAIN);
            return;
        }
        boolean focused = st.focus() == ScreenState.Focus.TABLE;
        for (int i = 0; i < lay.tableRows(); i++) {
            int idx = st.top() + i;
            if (idx >= rows.size()) break;
            CacheRow r = rows.get(idx);
            String line = Text.padRight(tf.row(r, g, WIDTH), w, WIDTH);
            Style s = idx == st.selected() ? (focused ? Style.REVERSE : Style.BOLD)
                    : r.leakSuspect() ? Style.ALERT : Style.PLAIN;
            put(0, y + 1 + i, line, w, s);
        }
    }

    private void pane(Layout lay, ScreenState st) {
        if (lay.pane() == Layout.Pane.RIGHT) {
            for (int y = lay.tableTop(); y < lay.statusRow(); y++) canvas.put(lay.tableWidth(), y, g.vbar());
        } else {
            put(0, lay.paneTop() - 1, String.valueOf(g.hbar()).repeat(lay.cols()), lay.cols(), Style.PLAIN);
        }
        List<String> lines = new ArrayList<>();
        List<Style> styles = new ArrayList<>();
        int selLine = 0;
        int item = 0;
        boolean focused = st.focus() == ScreenState.Focus.PANE;
        for (PaneSection s : st.pane()) {
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
                if (item == st.paneSelected()) selLine = lines.size();
                lines.add(" " + it.summary());
                styles.add(item == st.paneSelected() && focused ? Style.REVERSE : Style.PLAIN);
                item++;
            }
        }
        int top = st.paneTop(selLine, lay.paneRows());
        for (int i = 0; i < lay.paneRows() && top + i < lines.size(); i++) {
            String line = lines.get(top + i);
            Style s = styles.get(top + i);
            if (s == Style.REVERSE) line = Text.padRight(line, lay.paneWidth());
            put(lay.paneLeft(), lay.paneTop() + i, line, lay.paneWidth(), s);
        }
    }

    /**
     * The status message in lines of the screen's width (a fix command in it is never cut),
     * or one line for the filter input, the question, or the hints.
     */
    private static List<String> message(int cols, ScreenState st) {
        String msg = st.mode() == ScreenState.Mode.FILTER || st.mode() == ScreenState.Mode.CONFIRM_CLEAR ? null
                : st.statusMessage();
        return msg == null ? List.of("") : Wrap.lines(Text.escape(msg), cols, "", "");
    }

    /**
     * The bottom line: the filter input, a question, a message, the busy work, or the hints
     * with {@code right} at the end. A message longer than the line ends at {@code y}, in as
     * many rows above as it needs, over what was drawn there.
     */
    private TerminalPosition status(int cols, int y, ScreenState st, String hints, String right) {
        switch (st.mode()) {
            case FILTER: {
                String prompt = "filter (regex; Enter applies, Esc clears): ";
                String in = Text.escape(st.input());
                // Keep the end of a long input in view, where the cursor is.
                int room = Math.max(1, cols - prompt.length() - 1);
                String shown = in.length() > room ? in.substring(in.length() - room) : in;
                put(0, y, prompt, cols, Style.BOLD);
                put(prompt.length(), y, shown, cols - prompt.length(), Style.PLAIN);
                return new TerminalPosition(Math.min(cols - 1, prompt.length() + shown.length()), y);
            }
            case CONFIRM_CLEAR:
                put(0, y, Text.padRight("clear kmemleak's list of suspects? (y/n)", cols), cols, Style.REVERSE);
                return null;
            default:
                break;
        }
        String msg = st.statusMessage();
        if (msg != null) {
            List<String> lines = message(cols, st);
            int from = Math.max(0, y - lines.size() + 1);
            for (int i = 0; from + i <= y; i++) {
                put(0, from + i, Text.padRight(lines.get(i), cols), cols, st.statusIsError() ? Style.ERROR : Style.BOLD);
            }
            return null;
        }
        int leftWidth = Math.max(0, cols - right.length() - 1);
        if (st.busy() != null) {
            put(0, y, st.busy() + g.ellipsis() + " (keys still work)", leftWidth, Style.BOLD);
        } else {
            put(0, y, hints, leftWidth, Style.PLAIN);
        }
        if (!right.isEmpty() && cols > right.length()) put(cols - right.length(), y, right, right.length(), Style.PLAIN);
        return null;
    }

    private String position(ScreenState st) {
        if (st.frame() == null) return "";
        int total = st.frame().analysis().rows().size();
        int shown = st.rows().size();
        String pos = shown == 0 ? "0" : (st.selected() + 1) + "/" + shown;
        String filter = st.table().filterText();
        return filter.isEmpty() ? pos : "/" + filter + "/ " + pos + " of " + total;
    }

    // ---- full-screen text views --------------------------------------------------------------

    private void details(int cols, int rows, ScreenState st) {
        if (st.detailsIsCache()) {
            Optional<CacheRow> r = st.detailsCache();
            if (r.isPresent()) {
                text(cols, rows, st, Details.cacheTitle(r.get()),
                        Details.cache(r.get(), st.frame().analysis().windowS(), g));
            } else {
                text(cols, rows, st, "cache " + st.detailsCacheId(),
                        List.of("This cache is no longer in /proc/slabinfo (it was destroyed).",
                                "Esc returns to the table."));
            }
        } else {
            text(cols, rows, st, st.textTitle(), st.text());
        }
    }

    private void text(int cols, int rows, ScreenState st, String title, List<String> lines) {
        int body = rows - 2;
        st.textViewport(body, lines.size());
        put(0, 0, Text.padRight(" " + Text.escape(title), cols), cols, Style.REVERSE);
        for (int i = 0; i < body && st.textTop() + i < lines.size(); i++) {
            put(1, 1 + i, lines.get(st.textTop() + i), cols - 1, Style.PLAIN);
        }
        String hints = g.unicode() ? TEXT_HINTS_UNICODE : TEXT_HINTS_ASCII;
        String where = lines.isEmpty() ? "" : "lines " + (st.textTop() + 1) + "-"
                + Math.min(lines.size(), st.textTop() + body) + " of " + lines.size();
        put(0, rows - 1, hints, Math.max(0, cols - where.length() - 1), Style.PLAIN);
        if (cols > where.length()) put(cols - where.length(), rows - 1, where, where.length(), Style.PLAIN);
    }

    private TerminalPosition pick(int cols, int rows, ScreenState st) {
        put(0, 0, Text.padRight(" " + st.pickTitle() + " (Enter picks, Esc returns)", cols), cols, Style.REVERSE);
        List<String> ch = st.pickLines();
        int body = rows - 2;
        st.pickViewport(body);
        int top = Math.max(0, Math.min(st.choice() - body + 1, ch.size() - body));
        top = Math.max(0, Math.min(top, st.choice()));
        for (int i = 0; i < body && top + i < ch.size(); i++) {
            boolean sel = top + i == st.choice();
            String line = " " + ch.get(top + i);
            put(0, 1 + i, sel ? Text.padRight(line, cols) : line, cols, sel ? Style.REVERSE : Style.PLAIN);
        }
        return status(cols, rows - 1, st, PICK_HINTS, (st.choice() + 1) + "/" + ch.size());
    }

    // ---- the diff view ---------------------------------------------------------------------------

    /**
     * A snapshot diff in the live table's style: a header naming both ends with the time
     * between, the warnings and the meminfo changes, then the caches as the diff's sort and
     * filter order them, the selected one highlighted.
     */
    private TerminalPosition diff(int cols, int rows, ScreenState st) {
        DiffView v = st.diff();
        SnapshotDiff d = v.diff();
        List<String> lines = new ArrayList<>();
        List<Style> styles = new ArrayList<>();
        lines.add(DiffHeader.title(v.oldLabel(), v.newLabel()));
        styles.add(Style.PLAIN);
        lines.add(DiffHeader.side("OLD", d.oldSide(), cfg.zone()));
        styles.add(Style.PLAIN);
        lines.add(DiffHeader.side("NEW", d.newSide(), cfg.zone()));
        styles.add(Style.PLAIN);
        lines.add(DiffHeader.elapsed(d));
        styles.add(d.acrossReboot() ? Style.ALERT : Style.PLAIN);
        for (String w : d.warnings()) {
            lines.add(DiffHeader.warning(w));
            styles.add(Style.ALERT);
        }
        lines.add(DiffHeader.memory(d));
        styles.add(Style.PLAIN);
        lines.add(DiffHeader.events(d));
        styles.add(Style.PLAIN);
        // The table keeps its title row and three caches whatever the header holds.
        int room = Math.max(1, rows - 1 - 1 - 3);
        if (lines.size() > room) {
            int cut = lines.size() - room + 1;
            lines = new ArrayList<>(lines.subList(0, room - 1));
            styles = new ArrayList<>(styles.subList(0, room - 1));
            lines.add("(" + cut + " more header lines: a taller terminal shows them)");
            styles.add(Style.ALERT);
        }
        for (int i = 0; i < lines.size(); i++) put(0, i, lines.get(i), cols, styles.get(i));
        put(0, 0, "kleaktop diff", Math.min(13, cols), Style.TITLE);

        int y = lines.size();
        int tableRows = Math.max(1, rows - 1 - y - 1);
        st.diffViewport(tableRows);
        TableFormat<CacheDelta, DiffColumn> f = TableFormat.forWidth(DiffColumn.SPEC, cols);
        Table<CacheDelta, DiffColumn> t = st.diffTable();
        String head = f.header(t, g);
        put(0, y, Text.padRight(head, cols), cols, Style.REVERSE);
        int off = f.offset(t.sort());
        if (off >= 0) {
            int to = Math.min(head.length(), off + f.widthOf(t.sort()) + 1);
            put(off, y, head.substring(off, to), cols - off, Style.SORTED);
        }
        List<CacheDelta> shown = st.diffRows();
        if (shown.isEmpty()) {
            put(0, y + 1, t.filterText().isEmpty() ? " no slab caches in either snapshot"
                    : " no cache matches the filter /" + t.filterText() + "/ (Esc in / clears it)", cols, Style.PLAIN);
        }
        for (int i = 0; i < tableRows && st.diffTop() + i < shown.size(); i++) {
            int idx = st.diffTop() + i;
            boolean sel = idx == st.diffSelected();
            put(0, y + 1 + i, Text.padRight(f.row(shown.get(idx), g, WIDTH), cols, WIDTH), cols,
                    sel ? Style.REVERSE : Style.PLAIN);
        }
        return status(cols, rows - 1, st, DIFF_HINTS, diffPosition(st));
    }

    private static String diffPosition(ScreenState st) {
        int total = st.diff().diff().caches().size();
        int shown = st.diffRows().size();
        String pos = shown == 0 ? "0" : (st.diffSelected() + 1) + "/" + shown;
        String filter = st.diffTable().filterText();
        return filter.isEmpty() ? pos : "/" + filter + "/ " + pos + " of " + total;
    }

    /**
     * Where the terminal cannot show Unicode, the few symbols kleaktop's own text uses get
     * ASCII look-alikes and anything else a question mark, rather than bytes the terminal
     * would misdraw.
     */
    static String ascii(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x7f) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            switch (c) {
                case '\u00d7': b.append('x'); break;
                case '\u0394': b.append('D'); break;
                case '\u2026': b.append("..."); break;
                case '\u2192': b.append("->"); break;
                case '\u2191': b.append('^'); break;
                case '\u2193': b.append('v'); break;
                case '\u00b5': b.append('u'); break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()) i++;
                    b.append('?');
            }
        }
        return b == null ? s : b.toString();
    }

    // ---- drawing primitives ------------------------------------------------------------------

    /** Puts escaped text at a position, cut to {@code width} columns. */
    private void put(int x, int y, String s, int width, Style style) {
        if (width <= 0 || s == null) return;
        String t = Text.escape(s);
        if (!g.unicode()) t = ascii(t);
        t = Text.cutColumns(t, width, WIDTH);
        if (t.isEmpty()) return;
        canvas.put(x, y, t, style);
    }
}
