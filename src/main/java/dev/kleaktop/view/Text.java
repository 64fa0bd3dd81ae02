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
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u{%04x}", (int) c));
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

    /** Pads to {@code width} columns, right-aligned; a longer string is kept whole. */
    public static String padLeft(String s, int width) {
        if (s.length() >= width) return s;
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) b.append(' ');
        return b.append(s).toString();
    }
}
