package dev.kleaktop.view.tui;

import java.util.List;

/**
 * The snapshot work behind {@code S} (save now) and {@code D} (diff the live state against a
 * saved snapshot). Calls run on the screen's background thread; they may do file I/O.
 */
public interface SnapshotActions {
    /** Why S and D cannot run, as the whole status line, or null when they can. */
    String unavailable();

    /** Saves a snapshot of the live state; returns the status line with the path written. */
    String save() throws Exception;

    /** The saved snapshots to diff against, newest first, as shown in the pick list. */
    List<String> list() throws Exception;

    /** The diff of the live state against the chosen entry of {@link #list()}. */
    DiffView diff(String chosen) throws Exception;

    /** A diff to show in the details view: a title and its lines (escaped by the screen). */
    record DiffView(String title, List<String> lines) {
        public DiffView {
            lines = List.copyOf(lines);
        }
    }

    /** Until snapshots are wired. */
    SnapshotActions NONE = new SnapshotActions() {
        @Override
        public String unavailable() { return "snapshots come with the snapshot feature"; }

        @Override
        public String save() { throw new UnsupportedOperationException(unavailable()); }

        @Override
        public List<String> list() { throw new UnsupportedOperationException(unavailable()); }

        @Override
        public DiffView diff(String chosen) { throw new UnsupportedOperationException(unavailable()); }
    };
}
