package dev.kleaktop.view;

import dev.kleaktop.view.table.Table;

/**
 * The status line after a sort key, the same words for every key of every table: the
 * column's title as the table heads it, and the order. {@code sorted by SIZE, largest first},
 * {@code sorted by NAME, A to Z} (a column sorted A to Z by default is words); a column the
 * table does not show says so, as nothing on screen marks it.
 */
final class SortMessage {
    private SortMessage() {}

    static String of(Table<?, ?> t) {
        var c = t.sort();
        boolean words = !c.descendingByDefault();
        boolean descending = t.descending();
        String order = words ? (descending ? "Z to A" : "A to Z") : (descending ? "largest first" : "smallest first");
        String s = "sorted by " + c.title() + ", " + order;
        return t.spec().table().contains(c) ? s : s + " (not a column on screen)";
    }
}
