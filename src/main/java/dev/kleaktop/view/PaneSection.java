package dev.kleaktop.view;

import java.util.List;

/**
 * A titled block of the side pane (KMEMLEAK, OOM). A section may have no items and say why
 * in {@code empty} (e.g. "none", or the reason the source is unavailable).
 *
 * @param title  the heading, e.g. {@code KMEMLEAK  12 suspects}
 * @param items  the entries, in display order
 * @param empty  the line shown when there are no items
 */
public record PaneSection(String title, List<PaneItem> items, String empty) {
    public PaneSection {
        title = title == null ? "" : title;
        items = items == null ? List.of() : List.copyOf(items);
        empty = empty == null ? "none" : empty;
    }

    public PaneSection(String title, List<PaneItem> items) {
        this(title, items, "none");
    }
}
