package dev.kleaktop.view;

/**
 * The status line after a sort key, the same words for every key of the live table and of the
 * diff table: the column's title as the table heads it, and the order.
 * {@code sorted by SIZE, largest first}, {@code sorted by NAME, A to Z}; a column the table
 * does not show says so, as nothing on screen marks it.
 */
final class SortMessage {
    private SortMessage() {}

    static String of(Column c, boolean reversed) {
        String s = of(c.title(), c == Column.NAME, c.descendingByDefault() != reversed);
        return Column.TABLE.contains(c) ? s : s + " (not a column on screen)";
    }

    static String of(DiffColumn c, boolean reversed) {
        return of(c.title(), c == DiffColumn.NAME || c == DiffColumn.STATUS, c.descendingByDefault() != reversed);
    }

    private static String of(String title, boolean words, boolean descending) {
        String order = words ? (descending ? "Z to A" : "A to Z") : (descending ? "largest first" : "smallest first");
        return "sorted by " + title + ", " + order;
    }
}
