package dev.kleaktop.view.batch;

import dev.kleaktop.app.Frame;

/** The kmemleak and OOM counts text output adds to the memory line. */
final class TextExtras {
    private TextExtras() {}

    static String counts(Frame f) {
        return "";
    }
}
