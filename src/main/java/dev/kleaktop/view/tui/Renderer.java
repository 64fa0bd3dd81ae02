package dev.kleaktop.view.tui;

import com.googlecode.lanterna.screen.Screen;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.view.Drawn;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.HelpText;
import dev.kleaktop.view.Layout;
import dev.kleaktop.view.ScreenState;

/**
 * Draws the screen state into a Lanterna screen's back buffer: the whole picture every time
 * (through a {@link Canvas}), so the screen's delta refresh sends only the cells that
 * changed, by the painter of the state's mode ({@link TablePainter}, {@link TextPainter},
 * {@link DiffPainter}). Painters only read the state; what they fit comes back in the
 * {@link Picture} for the state to take in. Every string passes through {@link Pen}, which
 * escapes it, so no kernel string can reach the terminal raw.
 */
final class Renderer {
    static final String HINTS = TablePainter.HINTS;
    static final String DIFF_HINTS = DiffPainter.DIFF_HINTS;
    static final String PICK_HINTS = TextPainter.PICK_HINTS;
    static final String TOO_SMALL = "terminal too small";

    private final Glyphs g;
    /** The picture being drawn, reused from frame to frame (the drawing thread's only). */
    private final Canvas canvas;
    private final Pen pen;
    private final TablePainter table;
    private final TextPainter text;
    private final DiffPainter diff;

    Renderer(TuiConfig cfg) {
        this.g = cfg.glyphs();
        this.canvas = new Canvas(cfg.color());
        this.pen = new Pen(canvas, g);
        StatusLine status = new StatusLine(pen);
        this.table = new TablePainter(cfg, pen, status);
        this.text = new TextPainter(g, pen, status);
        this.diff = new DiffPainter(cfg, pen, status);
    }

    /**
     * Makes the picture of the state for a screen of that size, without a screen (the first
     * one is made while the terminal is still being set up); {@link #paint} puts it on one.
     *
     * @return where the cursor goes (the filter input) and what the draw fit
     */
    Picture compose(int cols, int rows, ScreenState st) {
        canvas.reset(cols, rows);
        return picture(cols, rows, st);
    }

    /** Puts the picture last composed into the screen's back buffer. */
    void paint(Screen screen) {
        canvas.paint(screen);
    }

    private Picture picture(int cols, int rows, ScreenState st) {
        if (cols < Layout.MIN_COLS || rows < Layout.MIN_ROWS) {
            pen.put(0, 0, TOO_SMALL, cols, Style.BOLD);
            if (rows > 1) {
                pen.put(0, 1, cols + "x" + rows + ", needs " + Layout.MIN_COLS + "x" + Layout.MIN_ROWS, cols, Style.PLAIN);
            }
            if (rows > 2) pen.put(0, 2, "q quits", cols, Style.PLAIN);
            return new Picture(null, Drawn.NOTHING);
        }
        switch (st.mode()) {
            case HELP:
                return text.text(cols, rows, st, "kleaktop help", HelpText.lines(cols - 2, g,
                        st.frame() == null ? dev.kleaktop.analysis.LeakRule.Settings.DEFAULT : st.frame().analysis().rule()));
            case DETAILS:
                return text.details(cols, rows, st);
            case PICK:
                return text.pick(cols, rows, st);
            case DIFF:
                return diff.paint(cols, rows, st);
            case FILTER:
                return st.filterOn() == ScreenState.Mode.DIFF ? diff.paint(cols, rows, st) : table.paint(cols, rows, st);
            default:
                return table.paint(cols, rows, st);
        }
    }
}
