package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.view.DiffColumn;
import dev.kleaktop.view.DiffHeader;
import dev.kleaktop.view.DiffMode;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.view.Drawn;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.KeyTable;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableFormat;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.table.Table;
import java.util.ArrayList;
import java.util.List;

/** The diff view. Reads the state, never changes it: what it fit comes back in the {@link Picture}. */
final class DiffPainter {
    static final String DIFF_HINTS = KeyTable.DIFF.hints();

    private final TuiConfig cfg;
    private final Glyphs g;
    private final Pen pen;
    private final StatusLine statusLine;

    DiffPainter(TuiConfig cfg, Pen pen, StatusLine statusLine) {
        this.cfg = cfg;
        this.g = cfg.glyphs();
        this.pen = pen;
        this.statusLine = statusLine;
    }

    /**
     * A snapshot diff in the live table's style: a header naming both ends with the time
     * between, the warnings and the meminfo changes, then the caches as the diff's sort and
     * filter order them, the selected one highlighted.
     */
    Picture paint(int cols, int rows, ScreenState st) {
        DiffView v = st.diffMode().diff();
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
        for (int i = 0; i < lines.size(); i++) pen.put(0, i, lines.get(i), cols, styles.get(i));
        pen.put(0, 0, "kleaktop diff", Math.min(13, cols), Style.TITLE);

        int y = lines.size();
        int tableRows = Math.max(1, rows - 1 - y - 1);
        DiffMode dm = st.diffMode();
        int top = dm.topFor(tableRows);
        TableFormat<CacheDelta, DiffColumn> f = TableFormat.forWidth(DiffColumn.SPEC, cols);
        Table<CacheDelta, DiffColumn> t = dm.table();
        String head = f.header(t, g);
        pen.put(0, y, Text.padRight(head, cols), cols, Style.REVERSE);
        int off = f.offset(t.sort());
        if (off >= 0) {
            int to = Math.min(head.length(), off + f.widthOf(t.sort()) + 1);
            pen.put(off, y, head.substring(off, to), cols - off, Style.SORTED);
        }
        List<CacheDelta> shown = dm.rows();
        if (shown.isEmpty()) {
            pen.put(0, y + 1, t.filterText().isEmpty() ? " no slab caches in either snapshot"
                    : " no cache matches the filter /" + t.filterText() + "/ (Esc in / clears it)", cols, Style.PLAIN);
        }
        for (int i = 0; i < tableRows && top + i < shown.size(); i++) {
            int idx = top + i;
            boolean sel = idx == dm.selected();
            pen.put(0, y + 1 + i, Text.padRight(f.row(shown.get(idx), g, Pen.WIDTH), cols, Pen.WIDTH), cols,
                    sel ? Style.REVERSE : Style.PLAIN);
        }
        TerminalPosition cursor = statusLine.draw(cols, rows - 1, st, DIFF_HINTS, position(dm));
        return new Picture(cursor, new Drawn.Diff(tableRows));
    }

    private static String position(DiffMode dm) {
        int total = dm.diff().diff().caches().size();
        int shown = dm.rows().size();
        String pos = shown == 0 ? "0" : (dm.selected() + 1) + "/" + shown;
        String filter = dm.table().filterText();
        return filter.isEmpty() ? pos : "/" + filter + "/ " + pos + " of " + total;
    }
}
