package dev.kleaktop.view.tui;

import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Text;

/**
 * Writes text into the picture being composed: every string passes through {@link
 * Text#escape} here, whatever escaped it before, so no kernel string can reach the terminal
 * raw; where the terminal cannot show Unicode, kleaktop's own symbols get ASCII look-alikes.
 */
final class Pen {
    /** Terminal columns of a character as the canvas draws it: Lanterna's double-width rule. */
    static final Text.CharWidth WIDTH = cp -> cp <= Character.MAX_VALUE
            && com.googlecode.lanterna.TerminalTextUtils.isCharDoubleWidth((char) cp) ? 2 : 1;

    private final Canvas canvas;
    private final Glyphs g;

    Pen(Canvas canvas, Glyphs g) {
        this.canvas = canvas;
        this.g = g;
    }

    Glyphs glyphs() { return g; }

    /** Puts escaped text at a position, cut to {@code width} columns. */
    void put(int x, int y, String s, int width, Style style) {
        if (width <= 0 || s == null) return;
        String t = Text.escape(s);
        if (!g.unicode()) t = ascii(t);
        t = Text.cutColumns(t, width, WIDTH);
        if (t.isEmpty()) return;
        canvas.put(x, y, t, style);
    }

    /** One of kleaktop's own line-drawing characters, as it is. */
    void put(int x, int y, char c) { canvas.put(x, y, c); }

    /**
     * Where the terminal cannot show Unicode, the few symbols kleaktop's own text uses get
     * ASCII look-alikes and anything else a question mark, rather than bytes the terminal
     * would misdraw.
     */
    static String ascii(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x7f) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            switch (c) {
                case '\u00d7': b.append('x'); break;
                case '\u0394': b.append('D'); break;
                case '\u2026': b.append("..."); break;
                case '\u2192': b.append("->"); break;
                case '\u2191': b.append('^'); break;
                case '\u2193': b.append('v'); break;
                case '\u00b5': b.append('u'); break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()) i++;
                    b.append('?');
            }
        }
        return b == null ? s : b.toString();
    }
}
