package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's examples can be run from a fresh clone: every file a command reads (a report,
 * a log, a captured tree, a snapshot, a script) is in the repository, is a shell variable an
 * earlier line set, or is made by an earlier line of the same example; and no command names
 * a path of the machine the README was written on.
 */
class ReadmeExamplesTest {
    private static final Set<String> READ_OPTIONS = Set.of("--file", "--dmesg-file", "--kmemleak-file", "--root");

    /** The command lines of the README's examples: {@code $ } or {@code # } lines of fenced blocks. */
    static List<List<String>> blocks() throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                } else {
                    blocks.add(block);
                    block = null;
                }
            } else if (block != null && (line.startsWith("$ ") || line.startsWith("# "))) {
                block.add(line.substring(2));
            }
        }
        return blocks;
    }

    @Test
    void everyFileAnExampleReadsExistsOrIsMadeByTheExample() throws IOException {
        List<String> wrong = new ArrayList<>();
        int read = 0;
        for (List<String> block : blocks()) {
            Set<String> made = new HashSet<>();
            for (String command : block) {
                List<String> words = words(command);
                if (words.isEmpty() || words.get(0).matches("[A-Z][a-z]+")) continue; // prose after '#'
                for (int i = 0; i < words.size(); i++) {
                    String w = words.get(i);
                    String next = i + 1 < words.size() ? words.get(i + 1) : null;
                    if (w.equals("mkdir") || w.equals("-o") || w.equals("--snapshot-dir") || w.equals(">")) {
                        for (int j = i + 1; j < words.size() && !words.get(j).matches("[&|;)]+"); j++) {
                            made.add(words.get(j));
                        }
                    }
                    if (next != null && READ_OPTIONS.contains(w)) {
                        read++;
                        check(next, made, command, wrong);
                    }
                    if (w.startsWith("bin/") || w.startsWith("e2e/")) {
                        read++;
                        check(w, made, command, wrong);
                    }
                }
                int diff = words.indexOf("diff");
                if (diff > 0 && words.get(diff - 1).equals("kleaktop")) {
                    for (int j = diff + 1; j < words.size() && !words.get(j).startsWith("-"); j++) {
                        read++;
                        check(words.get(j), made, command, wrong);
                    }
                }
                for (String w : words) {
                    if (w.matches("(/tmp|/work|/home)/.*") || w.matches(".*vm-\\d{8}T.*")) {
                        wrong.add(command + ": names " + w + ", a path of the machine the README was written on");
                    }
                }
            }
        }
        assertThat(read).as("files the examples read").isGreaterThan(5);
        assertThat(wrong).isEmpty();
    }

    private static void check(String file, Set<String> made, String command, List<String> wrong) {
        if (file.startsWith("$") || file.startsWith("~")) return; // set by an earlier line, or the user's own
        if (made.contains(file) || made.stream().anyMatch(m -> file.startsWith(m + "/"))) return;
        if (Files.exists(Path.of(file))) return;
        wrong.add(command + ": " + file + " is not in the repository and no earlier line makes it");
    }

    /** The words of a command line, quotes taken off. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        for (String w : command.trim().split("\\s+")) {
            if (w.isEmpty()) continue;
            out.add(w.replaceFirst("^[A-Za-z0-9_]+=\\$\\(", "").replaceAll("^[\"'(]+|[\"';)]+$", ""));
        }
        return out;
    }
}
