package dev.kleaktop.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrap for what the screen shows a user in a line that may not be wide enough: a
 * source's reason and its fix, a status message. A part in parentheses, which is how a fix
 * command is given ({@code (mount -t debugfs none /sys/kernel/debug)}), stays on one line
 * whenever it fits one, so it can be read and copied whole; only a part wider than the whole
 * line is broken, at its spaces first.
 */
public final class Wrap {
    private Wrap() {}

    /**
     * {@code text} in lines of at most {@code width} characters, the first starting with
     * {@code first}, the others with {@code next} (an indent).
     */
    public static List<String> lines(String text, int width, String first, String next) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String unit : units(text)) {
            int room = width - next.length();
            boolean empty = line.length() == start;
            if (line.length() + (empty ? 0 : 1) + unit.length() <= width) {
                if (!empty) line.append(' ');
                line.append(unit);
                continue;
            }
            if (unit.length() <= room) {
                if (!empty) {
                    out.add(line.toString());
                    line = new StringBuilder(next);
                    start = next.length();
                }
                line.append(unit);
                continue;
            }
            // wider than any line: broken at its spaces (and a long word inside it)
            if (!empty) {
                out.add(line.toString());
                line = new StringBuilder(next);
                start = next.length();
            }
            List<String> parts = HelpText.wrap(unit, Math.max(1, room));
            for (int i = 0; i < parts.size() - 1; i++) {
                out.add(line.append(parts.get(i)).toString());
                line = new StringBuilder(next);
                start = next.length();
            }
            line.append(parts.get(parts.size() - 1));
        }
        if (line.length() > start || out.isEmpty()) out.add(line.toString());
        return out;
    }

    /** The words of {@code text}, each parenthesised part as one unit. */
    static List<String> units(String text) {
        List<String> out = new ArrayList<>();
        String[] words = text.strip().split(" +");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) continue;
            int close = w.startsWith("(") ? closing(words, i) : -1;
            if (close > i) {
                out.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, close + 1)));
                i = close;
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** The index of the word that closes the parenthesis opened by {@code words[from]}, or -1. */
    private static int closing(String[] words, int from) {
        int depth = 0;
        for (int i = from; i < words.length; i++) {
            for (char c : words[i].toCharArray()) {
                if (c == '(') depth++;
                if (c == ')') depth--;
            }
            if (depth <= 0) return i;
        }
        return -1;
    }
}
