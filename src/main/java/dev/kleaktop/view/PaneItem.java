package dev.kleaktop.view;

import java.util.List;

/**
 * One entry of the side pane, e.g. a kmemleak group or an OOM event: the line shown in the
 * pane and the lines of its details view (Enter). Both are already escaped for the terminal.
 *
 * @param summary     one line, e.g. {@code 8×256B my_alloc+0x3c insmod}
 * @param detailTitle title of the details view
 * @param details     the full report, one entry per line
 */
public record PaneItem(String summary, String detailTitle, List<String> details) {
    public PaneItem {
        summary = summary == null ? "" : summary;
        detailTitle = detailTitle == null ? summary : detailTitle;
        details = details == null ? List.of() : List.copyOf(details);
    }

    public PaneItem(String summary, List<String> details) {
        this(summary, summary, details);
    }
}
