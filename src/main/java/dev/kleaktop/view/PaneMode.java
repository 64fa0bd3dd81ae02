package dev.kleaktop.view;

import dev.kleaktop.view.table.ListCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The side pane: its sections (kmemleak suspects, OOM events), the items the cursor moves
 * over, and its scroll, which is by lines (an item can take several, a section's title one).
 */
public final class PaneMode {
    private List<PaneSection> sections = List.of();
    private List<PaneItem> items = List.of();
    private final ListCursor cursor = new ListCursor();
    private int top;
    private boolean shown;

    void update(List<PaneSection> s) {
        sections = List.copyOf(s);
        List<PaneItem> all = new ArrayList<>();
        for (PaneSection sec : sections) all.addAll(sec.items());
        items = all;
        cursor.resize(all.size());
        cursor.select(cursor.selected());
    }

    /** Whether the last draw had room for the pane, and its rows. */
    void viewport(boolean shown, int rows) {
        this.shown = shown;
        cursor.viewport(rows);
    }

    void move(int delta) { cursor.move(delta); }

    int page() { return cursor.page(); }

    /** The first line drawn, as the last draw chose it ({@link #topFor}). */
    void top(int line) { top = line; }

    /**
     * The first pane line to draw so that the selected item's line is visible, from where the
     * last draw started: scrolling up also shows the line above, usually the section's title.
     */
    public int topFor(int selectedLine, int height) {
        int t = top;
        if (selectedLine <= t) t = selectedLine - 1;
        if (selectedLine >= t + height) t = selectedLine - height + 1;
        return Math.max(0, t);
    }

    public List<PaneSection> sections() { return sections; }

    public List<PaneItem> items() { return items; }

    public boolean shown() { return shown; }

    public int selected() { return cursor.selected(); }

    public Optional<PaneItem> selectedItem() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(cursor.selected()));
    }
}
