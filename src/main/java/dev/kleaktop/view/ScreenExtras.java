package dev.kleaktop.view;

import dev.kleaktop.session.Frame;
import java.util.List;

/**
 * What the screen shows beyond the slab table, derived from a {@link Frame}: the counts on
 * the memory line and the side pane. Kept apart so the kernel-log and kmemleak data plug in
 * without touching the screen; implementations are pure functions of the frame and are
 * called on the drawing thread.
 */
public interface ScreenExtras {
    /** Appended to the memory line, e.g. {@code kmemleak 12  OOM 1}; the same text batch output prints. */
    String counts(Frame f);

    /** The side pane, top to bottom; empty hides the pane. */
    List<PaneSection> pane(Frame f);

    /** No extras: no counts, no pane. */
    ScreenExtras NONE = new ScreenExtras() {
        @Override
        public String counts(Frame f) { return ""; }

        @Override
        public List<PaneSection> pane(Frame f) { return List.of(); }
    };
}
