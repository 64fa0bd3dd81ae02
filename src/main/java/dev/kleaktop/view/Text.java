package dev.kleaktop.view;

/**
 * Kernel strings (cache names, process names, log text) are untrusted. Before they reach a
 * terminal or a text file they pass through {@link #escape}: control characters, escape
 * sequences and invalid characters are shown as visible escapes, never sent raw.
 */
public final class Text {
    private Text() {}

    /** Escapes control characters (C0, DEL, C1) and lone surrogates as visible backslash escapes (x and two hex digits below 256, u and braces above). */
    public static String escape(String s) {
        if (s == null) return "";
        int n = s.length();
        int i = 0;
        while (i < n && safe(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (safe(c)) {
                b.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (c < 0x100) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(String.format(java.util.Locale.ROOT, "\\u{%04x}", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean safe(char c) {
        if (c < 0x20 || c == 0x7f) return false;
        if (c >= 0x80 && c < 0xa0) return false; // C1 controls, including CSI (0x9b)
        if (Character.isSurrogate(c)) return false;
        return c != '\u2028' && c != '\u2029' && c != '\u200e' && c != '\u200f' && c != '\u202e';
    }

    /** Pads or cuts to exactly {@code width} columns, left-aligned. */
    public static String padRight(String s, int width) {
        if (width <= 0) return "";
        if (s.length() > width) return s.substring(0, width);
        StringBuilder b = new StringBuilder(width).append(s);
        while (b.length() < width) b.append(' ');
        return b.toString();
    }

    /**
     * How many terminal columns a code point takes: 1, or 2 for a wide one (CJK ideographs,
     * fullwidth forms). The screen decides with its terminal library; text output counts 1.
     */
    public interface CharWidth {
        int of(int codePoint);

        /** Every code point one column wide. */
        CharWidth NARROW = cp -> 1;
    }

    /** No character below this is wide (Hangul Jamo, U+1100, is the first): asked of no one. */
    static final int FIRST_WIDE = 0x1100;

    /** The columns {@code s} takes. */
    public static int columns(String s, CharWidth w) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += cp < FIRST_WIDE ? 1 : w.of(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    /** The longest start of {@code s} that fits in {@code width} columns (a wide character that would straddle the edge is left out). */
    public static String cutColumns(String s, int width, CharWidth w) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = cp < FIRST_WIDE ? 1 : w.of(cp);
            if (n + cw > width) return s.substring(0, i);
            n += cw;
            i += Character.charCount(cp);
        }
        return s;
    }

    /** Pads or cuts to exactly {@code width} columns, left-aligned, counting wide characters as two. */
    public static String padRight(String s, int width, CharWidth w) {
        if (width <= 0) return "";
        String t = cutColumns(s, width, w);
        int n = columns(t, w);
        if (n >= width) return t;
        StringBuilder b = new StringBuilder(t.length() + width - n).append(t);
        for (int i = n; i < width; i++) b.append(' ');
        return b.toString();
    }

    /** Pads to {@code width} columns, right-aligned; a longer string is kept whole. */
    public static String padLeft(String s, int width) {
        if (s.length() >= width) return s;
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) b.append(' ');
        return b.append(s).toString();
    }
}
