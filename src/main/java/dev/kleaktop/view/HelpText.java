package dev.kleaktop.view;

import dev.kleaktop.analysis.LeakRule;
import java.util.ArrayList;
import java.util.List;

/** The help screen ({@code h} / {@code ?}): every key, the columns, flags and the leak rule. */
public final class HelpText {
    /** Key, what it does; the order of SPEC's key list (the key table's own). */
    static final String[][] KEYS = KeyTable.TABLE.helpRows();

    static final String[] COLUMNS = {
        "NAME cache name (aliases merged into it: see details)   OBJS objects   ACTIVE objects in use",
        "USE active/objects   OBJSIZE bytes per object   SIZE memory held (slabs x pages per slab x page size)",
        "\u0394 START change of SIZE since start or z   RATE growth of SIZE per second: least-squares slope over the window",
        "TREND SIZE across the window, oldest left   F flags: ! leak suspect, + growing, R reclaimable, A merged aliases",
    };

    private HelpText() {}

    /** The help text wrapped to {@code width} columns. */
    public static List<String> lines(int width, Glyphs g) {
        return lines(width, g, LeakRule.Settings.DEFAULT);
    }

    /** The help text, with the leak rule as the session's settings have it. */
    public static List<String> lines(int width, Glyphs g, LeakRule.Settings rule) {
        List<String> out = new ArrayList<>();
        out.add("kleaktop: slab caches ranked by growth rate, kmemleak suspects and OOM-killer events.");
        out.add("");
        out.add("Keys");
        int keyWidth = 0;
        for (String[] k : KEYS) keyWidth = Math.max(keyWidth, plain(k[0], g).length());
        for (String[] k : KEYS) {
            String key = "  " + Text.padRight(plain(k[0], g), keyWidth) + "  ";
            List<String> body = wrap(plain(k[1], g), Math.max(10, width - key.length()));
            for (int i = 0; i < body.size(); i++) {
                out.add((i == 0 ? key : " ".repeat(key.length())) + body.get(i));
            }
        }
        out.add("");
        out.add("Columns");
        for (String c : COLUMNS) {
            for (String l : wrap(plain(c, g), Math.max(10, width - 2))) out.add("  " + l);
        }
        out.add("");
        out.add("Leak rule");
        for (String l : wrap(plain(LeakRule.summary(rule), g), Math.max(10, width - 2))) out.add("  " + l);
        return out;
    }

    /** Replaces the few non-ASCII symbols of this text when the terminal cannot show them. */
    static String plain(String s, Glyphs g) {
        if (g.unicode()) return s;
        return s.replace("\u0394", "D").replace("\u2191", "Up").replace("\u2193", "Down");
    }

    /** Greedy word wrap; a word longer than the width is split. */
    public static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0 || out.isEmpty()) out.add(line.toString());
        return out;
    }
}
