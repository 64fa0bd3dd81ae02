package dev.kleaktop.view;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One entry of the side pane, e.g. a kmemleak group or an OOM event: the line shown in the
 * pane and the lines of its details view (Enter). Both are already escaped for the terminal.
 *
 * <p>The pane is built again for every frame and shows only the summaries; the details (a
 * whole OOM report, a call stack) are made when first asked for, from a {@link #lazy} item.
 */
public final class PaneItem {
    private final String summary;
    private final String detailTitle;
    private Supplier<List<String>> pending;
    private List<String> details;

    /**
     * @param summary     one line, e.g. {@code 8×256B my_alloc+0x3c insmod}
     * @param detailTitle title of the details view
     * @param details     the full report, one entry per line
     */
    public PaneItem(String summary, String detailTitle, List<String> details) {
        this(summary, detailTitle, null, details == null ? List.of() : List.copyOf(details));
    }

    public PaneItem(String summary, List<String> details) {
        this(summary, summary, details);
    }

    private PaneItem(String summary, String detailTitle, Supplier<List<String>> pending, List<String> details) {
        this.summary = summary == null ? "" : summary;
        this.detailTitle = detailTitle == null ? this.summary : detailTitle;
        this.pending = pending;
        this.details = details;
    }

    /** An item whose details are made by {@code details} on the first {@link #details()} call. */
    public static PaneItem lazy(String summary, String detailTitle, Supplier<List<String>> details) {
        return new PaneItem(summary, detailTitle, Objects.requireNonNull(details), null);
    }

    public String summary() { return summary; }

    public String detailTitle() { return detailTitle; }

    /** The details, one entry per line (made now when this item is lazy and they were not yet). */
    public synchronized List<String> details() {
        if (details == null) {
            List<String> d = pending.get();
            details = d == null ? List.of() : List.copyOf(d);
            pending = null;
        }
        return details;
    }

    @Override
    public String toString() { return "PaneItem[" + summary + "]"; }
}
