package dev.kleaktop.view.table;

/**
 * One column of a table, declared once: what the screen and batch text show (title, width,
 * alignment, cell text), what json and csv carry (the SPEC field name and the raw value) and
 * how rows sort by it (a key, and the {@code -s} name). A column may be a field only (no
 * title: never drawn) or drawn only (no field).
 *
 * <p>The cache table implements this with an enum whose methods are switches: a command that
 * prints one table at start would otherwise link a lambda per column and per method first.
 *
 * @param <R> the row type
 */
public interface ColumnSpec<R> {
    /** How rows are ordered by a column. */
    enum Order {
        /** Not a sort column. */
        NONE,
        /** By {@link #sortKey}, a long in the column's ascending order. */
        KEY,
        /** By the rows' names, then their occurrence ({@link TableSpec#nameOrder()}). */
        NAME
    }

    /** How a column takes its width. */
    enum Fit {
        /** Always {@link #width()}. */
        FIXED,
        /** The name column: grows into spare width and is cut with a mark when too long. */
        GROWS,
        /** A series ({@link #series}) drawn as a sparkline on the screen; left out of text output. */
        SPARKLINE
    }

    /** How the cell text sits in its width. */
    enum Align { LEFT, RIGHT }

    /** The title the table heads the column with, or null for a field that is never drawn. */
    String title();

    /** The natural width. */
    int width();

    Align align();

    default boolean rightAligned() { return align() == Align.RIGHT; }

    default Fit fit() { return Fit.FIXED; }

    /** The cell's text, unpadded (kernel strings escaped). */
    String cell(R row);

    /** The values a {@link Fit#SPARKLINE} column draws, oldest first; null for other columns. */
    default long[] series(R row) { return null; }

    /** The SPEC field name in json and csv, or null when the column is not a field. */
    String field();

    /** True for a field json carries but csv's fixed header does not. */
    default boolean jsonOnly() { return false; }

    /** The raw value (bytes, counts, null when unknown), or {@link TableSpec#ABSENT} to leave the field out. */
    Object raw(R row);

    Order order();

    default boolean sortable() { return order() != Order.NONE; }

    /** The sort value for {@link Order#KEY}: longs in the column's ascending order. */
    long sortKey(R row);

    /** Numbers sort largest first by default (top's habit), words A to Z. */
    boolean descendingByDefault();

    /** The long {@code -s} name, e.g. {@code growth}, or null when none. */
    String sortName();
}
