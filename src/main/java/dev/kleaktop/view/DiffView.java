package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff;

/**
 * A diff for the screen's diff view: the comparison itself, whose caches the view sorts and
 * filters, and how its two ends are named.
 *
 * @param oldLabel the saved snapshot (its file)
 * @param newLabel the state it was compared with, e.g. {@code the live system at 01:45:12}
 */
public record DiffView(String oldLabel, String newLabel, SnapshotDiff diff) {
    public DiffView {
        if (diff == null) throw new IllegalArgumentException("diff is required");
    }
}
