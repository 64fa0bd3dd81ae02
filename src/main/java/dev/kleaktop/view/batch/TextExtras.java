package dev.kleaktop.view.batch;

import dev.kleaktop.session.Frame;

/** The kmemleak and OOM counts text output adds to the memory line. */
final class TextExtras {
    private TextExtras() {}

    /** {@code kmemleak 12  OOM 1}; {@code kmemleak -} when kmemleak could not be read. */
    static String counts(Frame f) {
        Long k = f.kmemleak().count();
        return "kmemleak " + (k == null ? "-" : k) + "  OOM " + f.oomEvents().size();
    }
}
