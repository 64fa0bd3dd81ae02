package dev.kleaktop.view;

/**
 * What one draw of the screen fit, returned by the painters (which only read the state) and
 * handed back to it with {@link ScreenState#drawn}: the next keys page and scroll within it.
 */
public sealed interface Drawn {
    /** The cache table and the side pane: their rows, and the pane's first line drawn. */
    record Table(int tableRows, boolean paneShown, int paneRows, int paneTop) implements Drawn {}

    /** A text view: its rows and the lines under them. */
    record Text(int rows, int lines) implements Drawn {}

    /** The pick list's rows. */
    record Pick(int rows) implements Drawn {}

    /** The diff table's rows under its title row. */
    record Diff(int rows) implements Drawn {}

    /** Nothing to take in (the terminal is too small). */
    record Nothing() implements Drawn {}

    Drawn NOTHING = new Nothing();
}
