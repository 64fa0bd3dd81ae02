package dev.kleaktop.view.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.kleaktop.view.Key;

/** Lanterna's key strokes to the screen state's keys. */
final class KeyMap {
    private KeyMap() {}

    static Key of(KeyStroke ks) {
        switch (ks.getKeyType()) {
            case Character:
                char c = ks.getCharacter();
                if (ks.isCtrlDown() && !ks.isAltDown()) return Key.ctrl(c);
                if (ks.isAltDown()) return Key.of(Key.Kind.OTHER);
                return Key.of(c);
            case Enter: return Key.of(Key.Kind.ENTER);
            case Escape: return Key.of(Key.Kind.ESCAPE);
            case Tab: return Key.of(Key.Kind.TAB);
            case ReverseTab: return Key.of(Key.Kind.BACKTAB);
            case Backspace: return Key.of(Key.Kind.BACKSPACE);
            case Delete: return Key.of(Key.Kind.DELETE);
            case ArrowUp: return Key.of(Key.Kind.UP);
            case ArrowDown: return Key.of(Key.Kind.DOWN);
            case ArrowLeft: return Key.of(Key.Kind.LEFT);
            case ArrowRight: return Key.of(Key.Kind.RIGHT);
            case PageUp: return Key.of(Key.Kind.PAGE_UP);
            case PageDown: return Key.of(Key.Kind.PAGE_DOWN);
            case Home: return Key.of(Key.Kind.HOME);
            case End: return Key.of(Key.Kind.END);
            case EOF: return Key.of(Key.Kind.EOF);
            default: return Key.of(Key.Kind.OTHER);
        }
    }
}
