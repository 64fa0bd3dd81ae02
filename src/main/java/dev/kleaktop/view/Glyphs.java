package dev.kleaktop.view;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The few non-letter symbols the screen draws, in a Unicode set and a plain ASCII set for
 * terminals that cannot show the former (a {@code C} locale, the Linux console, a vt100).
 *
 * @param unicode  whether this is the Unicode set
 * @param vbar     the vertical rule between the table and the side pane
 * @param hbar     the horizontal rule above a pane placed below the table
 * @param ramp     sparkline levels, lowest first
 * @param full     a full block for bar charts
 * @param down     marks a descending sort column
 * @param up       marks an ascending sort column
 * @param ellipsis the mark of text cut short
 */
public record Glyphs(boolean unicode, char vbar, char hbar, String ramp, char full, char down, char up,
                     String ellipsis) {

    public static final Glyphs UNICODE =
            new Glyphs(true, '\u2502', '\u2500', "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588", '\u2588',
                    '\u25bc', '\u25b2', "\u2026");
    public static final Glyphs ASCII = new Glyphs(false, '|', '-', "_.-=+*#@", '#', 'v', '^', "~");

    /** Terminals that have no or unreliable Unicode glyphs whatever the locale says. */
    private static final Set<String> PLAIN_TERMS = Set.of("linux", "vt100", "vt102", "vt220", "dumb", "ansi");

    /**
     * Picks the set from the environment: Unicode when the effective locale (the first
     * non-empty of LC_ALL, LC_CTYPE, LANG, as the C library does) names UTF-8 and TERM is
     * not a console known to lack the glyphs.
     */
    public static Glyphs detect(Map<String, String> env) {
        String locale = null;
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                locale = v;
                break;
            }
        }
        boolean utf8 = locale != null && locale.toLowerCase(Locale.ROOT).replace("-", "").contains("utf8");
        String term = env.getOrDefault("TERM", "");
        String base = term.contains("-") ? term.substring(0, term.indexOf('-')) : term;
        if (!utf8 || PLAIN_TERMS.contains(term) || PLAIN_TERMS.contains(base)) return ASCII;
        return UNICODE;
    }

    /** A sort marker for the given direction. */
    public char sortMark(boolean descending) { return descending ? down : up; }
}
