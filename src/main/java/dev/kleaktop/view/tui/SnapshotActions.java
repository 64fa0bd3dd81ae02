package dev.kleaktop.view.tui;

import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Choice;
import dev.kleaktop.view.DiffView;
import java.util.List;

/**
 * The snapshot work behind {@code S} (save now) and {@code D} (diff the live state against a
 * saved snapshot). Every call but {@link #unavailable()} runs on the screen's background
 * thread, never on the thread that reads keys and draws; they may do file I/O. An exception's
 * message becomes the status line (escaped by the screen).
 */
public interface SnapshotActions {
    /** Why S and D cannot run, as the whole status line, or null when they can. */
    String unavailable();

    /**
     * Saves the live state.
     *
     * @param live the newest frame sampled, or null before the first
     * @return the status line, naming the path written
     */
    String save(Frame live) throws Exception;

    /** The saved snapshots to diff against, newest first, as the pick list shows them. */
    List<Choice> list() throws Exception;

    /** The status line when {@link #list()} is empty. */
    default String noneSaved() { return "no saved snapshots"; }

    /**
     * Compares a saved snapshot with the live state.
     *
     * @param chosen an entry of {@link #list()}
     * @param live   the newest frame sampled, or null before the first
     */
    DiffView diff(Choice chosen, Frame live) throws Exception;

    /** Without a place to keep snapshots: says so instead of pretending. */
    SnapshotActions NONE = new SnapshotActions() {
        @Override
        public String unavailable() { return "snapshots: not available"; }

        @Override
        public String save(Frame live) { throw new UnsupportedOperationException(unavailable()); }

        @Override
        public List<Choice> list() { throw new UnsupportedOperationException(unavailable()); }

        @Override
        public DiffView diff(Choice chosen, Frame live) { throw new UnsupportedOperationException(unavailable()); }
    };
}
