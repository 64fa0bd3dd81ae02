package dev.kleaktop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The man page read as text, for drift tests: the troff source turned into plain words
 * (fonts dropped, {@code \-} as {@code -}, the special characters kleaktop.1 uses), split
 * into sections and subsections, with the tags of {@code .TP}/{@code .TQ}/{@code .IP}
 * items kept apart so a test can ask "is this option (or key, or file) an item here",
 * not just "does the word occur somewhere".
 */
final class ManPage {
    static final Path FILE = Path.of("man/kleaktop.1");

    /** One section ({@code .SH}) or subsection ({@code .SS}). */
    record Part(String heading, List<String> lines, List<String> tags) {
        String text() { return String.join("\n", lines); }
    }

    private final String source;
    private final Map<String, Part> sections = new LinkedHashMap<>();
    private final Map<String, Part> subsections = new LinkedHashMap<>();

    private static final Set<String> SINGLE_FONT = Set.of("B", "I", "SM", "SB");
    private static final Set<String> ALTERNATING = Set.of("BR", "RB", "BI", "IB", "IR", "RI");
    private static final Set<String> TAG_NEXT = Set.of("TP", "TQ");

    ManPage(String source) {
        this.source = source;
        parse();
    }

    static ManPage load() {
        try {
            return new ManPage(Files.readString(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String source() { return source; }

    /** A section by its heading, e.g. {@code OPTIONS}; fails the test when there is none. */
    Part section(String heading) {
        Part p = sections.get(heading);
        if (p == null) throw new AssertionError("man page: no section .SH " + heading + " (has " + sections.keySet() + ")");
        return p;
    }

    Map<String, Part> sections() { return sections; }

    /** The subsections whose heading starts with {@code prefix}. */
    List<Part> subsections(String prefix) {
        List<Part> out = new ArrayList<>();
        for (Map.Entry<String, Part> e : subsections.entrySet()) {
            if (e.getKey().startsWith(prefix)) out.add(e.getValue());
        }
        return out;
    }

    private void parse() {
        Part section = null;
        Part sub = null;
        boolean tagNext = false;
        for (String raw : source.split("\n", -1)) {
            if (raw.startsWith(".\\\"") || raw.startsWith("'\\\"")) continue;
            String text;
            boolean isTag = tagNext;
            if (raw.startsWith(".") || raw.startsWith("'")) {
                String body = raw.substring(1).stripLeading();
                int sp = indexOfSpace(body);
                String macro = sp < 0 ? body : body.substring(0, sp);
                List<String> args = args(sp < 0 ? "" : body.substring(sp + 1));
                if (macro.equals("SH") || macro.equals("SS")) {
                    String heading = inline(String.join(" ", args)).trim();
                    Part p = new Part(heading, new ArrayList<>(), new ArrayList<>());
                    if (macro.equals("SH")) {
                        section = p;
                        sub = null;
                        sections.put(heading, p);
                    } else {
                        sub = p;
                        subsections.put(heading, p);
                        if (section != null) section.lines().add(heading);
                    }
                    tagNext = false;
                    continue;
                }
                if (TAG_NEXT.contains(macro)) {
                    tagNext = true;
                    continue;
                }
                if (macro.equals("IP")) {
                    if (!args.isEmpty()) add(section, sub, inline(args.get(0)), true);
                    continue;
                }
                if (SINGLE_FONT.contains(macro)) {
                    text = inline(String.join(" ", args));
                } else if (ALTERNATING.contains(macro)) {
                    text = inline(String.join("", args));
                } else {
                    continue; // layout requests: .PP .RS .RE .EX .EE .br .nf .fi .TH .nh .nr .if ...
                }
            } else {
                text = inline(raw);
            }
            tagNext = false;
            add(section, sub, text, isTag);
        }
    }

    private static void add(Part section, Part sub, String text, boolean tag) {
        for (Part p : new Part[] {section, sub}) {
            if (p == null) continue;
            p.lines().add(text);
            if (tag) p.tags().add(text);
        }
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') return i;
        }
        return -1;
    }

    /** Macro arguments: split on blanks, double quotes group ({@code ""} inside is a quote). */
    static List<String> args(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && s.charAt(i) == ' ') i++;
            if (i >= s.length()) break;
            StringBuilder b = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (i < s.length()) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            b.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b.append(c);
                    i++;
                }
            } else {
                while (i < s.length() && s.charAt(i) != ' ') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        b.append(s, i, i + 2);
                        i += 2;
                        continue;
                    }
                    b.append(s.charAt(i));
                    i++;
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    private static final Map<String, String> SPECIAL = Map.ofEntries(
            Map.entry("em", "\u2014"), Map.entry("en", "\u2013"), Map.entry("aq", "'"), Map.entry("dq", "\""),
            Map.entry("mu", "\u00d7"), Map.entry("*D", "\u0394"), Map.entry("bu", "\u2022"), Map.entry(">=", "\u2265"),
            Map.entry("<=", "\u2264"), Map.entry("ha", "^"), Map.entry("ti", "~"), Map.entry("ua", "\u2191"),
            Map.entry("da", "\u2193"), Map.entry("->", "\u2192"), Map.entry("lq", "\u201c"), Map.entry("rq", "\u201d"));

    /** One line of troff text as plain text. */
    static String inline(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            i += 2;
            switch (n) {
                case '"' -> i = s.length(); // comment to the end of the line
                case 'f' -> {
                    if (i < s.length() && s.charAt(i) == '(') i += 3;
                    else if (i < s.length() && s.charAt(i) == '[') i = s.indexOf(']', i) + 1;
                    else i += 1;
                }
                case '-' -> b.append('-');
                case 'e' -> b.append('\\');
                case '&', '|', '^', '%', 'c' -> { }
                case ' ', '~' -> b.append(' ');
                case '(' -> {
                    String name = s.substring(i, Math.min(i + 2, s.length()));
                    b.append(SPECIAL.getOrDefault(name, "?"));
                    i += 2;
                }
                case '[' -> {
                    int end = s.indexOf(']', i);
                    String name = s.substring(i, end);
                    b.append(SPECIAL.getOrDefault(name, "?"));
                    i = end + 1;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
