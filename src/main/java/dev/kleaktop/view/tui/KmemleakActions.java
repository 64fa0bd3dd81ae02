package dev.kleaktop.view.tui;

/**
 * The kmemleak writes behind {@code k} (scan) and {@code C} (clear). Each call may block for
 * minutes (a scan holds the writer until it ends); the screen calls them on its background
 * thread, one at a time, never on the thread that reads keys and draws.
 */
public interface KmemleakActions {
    /**
     * Why scan and clear cannot run, as the whole status line (e.g. {@code kmemleak: not
     * available}, {@code kmemleak: --read-only}), or null when they can.
     */
    String unavailable();

    /** Writes {@code scan} and waits for it; returns the status line, e.g. {@code kmemleak: scan done, 12 suspects}. */
    String scan() throws Exception;

    /** Writes {@code clear}; returns the status line. */
    String clear() throws Exception;

    /** Until kmemleak is wired: says so instead of pretending. */
    KmemleakActions NONE = new KmemleakActions() {
        @Override
        public String unavailable() { return "kmemleak: not available"; }

        @Override
        public String scan() { throw new UnsupportedOperationException(unavailable()); }

        @Override
        public String clear() { throw new UnsupportedOperationException(unavailable()); }
    };
}
