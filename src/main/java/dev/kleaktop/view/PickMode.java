package dev.kleaktop.view;

import dev.kleaktop.view.table.ListCursor;
import java.time.Instant;
import java.util.List;

/** A list to pick one entry from (the snapshots of {@code D}), its cursor and the entry picked. */
public final class PickMode {
    private List<Choice> choices = List.of();
    private String title = "";
    private final ListCursor cursor = new ListCursor();
    private Choice picked;

    void offer(String t, List<Choice> options) {
        title = t;
        choices = List.copyOf(options);
        cursor.resize(choices.size());
        cursor.reset();
    }

    void move(int delta) { cursor.move(delta); }

    void select(int i) { cursor.select(i); }

    int page() { return cursor.page(); }

    /** Rows the last draw fit, for PgUp and PgDn. */
    void viewport(int rows) { cursor.viewport(rows); }

    /** Takes the selected entry as the one picked. */
    Choice pick() {
        picked = choices.get(cursor.selected());
        return picked;
    }

    public List<Choice> choices() { return choices; }

    /** The lines now: their ages move with the clock while the list is up. */
    public List<String> lines(Instant now) { return Choice.lines(choices, now); }

    public int selected() { return cursor.selected(); }

    public String title() { return title; }

    /** The entry last picked, or null. */
    public Choice picked() { return picked; }
}
