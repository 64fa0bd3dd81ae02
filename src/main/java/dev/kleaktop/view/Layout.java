package dev.kleaktop.view;

/**
 * Where the parts of the main screen go for a terminal size: the header lines on top, the
 * status line at the bottom, the table in between, and the side pane at the right when the
 * terminal is wide enough, below the table when it is tall enough instead, or nowhere.
 * All coordinates are zero-based columns and rows.
 *
 * @param tooSmall    below {@link #MIN_COLS} x {@link #MIN_ROWS}: only a notice is drawn
 * @param header      rows given to the header (identity, memory, unavailable sources)
 * @param tableTop    row of the table's title line
 * @param tableRows   rows for cache lines under the title line
 * @param tableWidth  columns of the table
 * @param pane        where the pane goes
 * @param paneLeft    first column of the pane's text
 * @param paneTop     first row of the pane's text
 * @param paneWidth   columns of pane text
 * @param paneRows    rows of pane text
 * @param statusRow   row of the status line
 */
public record Layout(boolean tooSmall, int cols, int rows, int header, int tableTop, int tableRows, int tableWidth,
                     Pane pane, int paneLeft, int paneTop, int paneWidth, int paneRows, int statusRow) {

    /** Where the side pane is placed. */
    public enum Pane { NONE, RIGHT, BELOW }

    public static final int MIN_COLS = 40;
    public static final int MIN_ROWS = 10;
    /** The pane at the right needs this many columns of its own; it takes what the table does not use. */
    public static final int PANE_MIN_WIDTH = 32;
    /** Below the table, the pane takes a third of the rows, at least this many. */
    public static final int PANE_MIN_ROWS = 5;
    /** The table keeps at least this many cache lines when the pane goes below it. */
    public static final int TABLE_MIN_ROWS = 8;

    /**
     * @param headerLines lines the header wants (two, plus one per unavailable source)
     * @param wantPane    whether there is anything to show in the pane
     */
    public static Layout of(int cols, int rows, int headerLines, boolean wantPane) {
        if (cols < MIN_COLS || rows < MIN_ROWS) {
            return new Layout(true, cols, rows, 0, 0, 0, 0, Pane.NONE, 0, 0, 0, 0, Math.max(0, rows - 1));
        }
        // Unavailable sources never push the table off a small screen.
        int header = Math.min(headerLines, Math.max(2, rows - 8));
        int statusRow = rows - 1;
        int tableTop = header;
        int body = statusRow - tableTop; // title line + cache lines (+ pane below)
        int natural = TableFormat.naturalWidth();
        if (wantPane && cols >= natural + 2 + PANE_MIN_WIDTH) {
            // The table gets what it can use (NAME grows to its cap), the pane all the rest: on
            // a wide terminal no blank gap opens between the table and the rule.
            int tableWidth = Math.min(cols - 2 - PANE_MIN_WIDTH, TableFormat.forWidth(cols).width());
            int paneWidth = cols - 1 - tableWidth - 1; // rule, then one blank before the pane text
            return new Layout(false, cols, rows, header, tableTop, body - 1, tableWidth, Pane.RIGHT,
                    tableWidth + 2, tableTop, paneWidth, body, statusRow);
        }
        int paneRows = Math.max(PANE_MIN_ROWS, body / 3);
        if (wantPane && body - 1 - 1 - paneRows >= TABLE_MIN_ROWS) {
            int tableRows = body - 1 - 1 - paneRows; // title line, rule line
            return new Layout(false, cols, rows, header, tableTop, tableRows, cols, Pane.BELOW,
                    1, tableTop + 1 + tableRows + 1, cols - 1, paneRows, statusRow);
        }
        return new Layout(false, cols, rows, header, tableTop, body - 1, cols, Pane.NONE, 0, 0, 0, 0, statusRow);
    }
}
