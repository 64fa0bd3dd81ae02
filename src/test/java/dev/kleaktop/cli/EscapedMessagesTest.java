package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a message quotes from a file, a file name or the command line reaches the terminal as
 * visible escapes: a slabinfo line holding {@code ESC ] 0 ; title BEL} must not set the
 * terminal's title, OSC 52 must not reach the clipboard, NUL and binary must not pass raw.
 */
class EscapedMessagesTest {
    static final String TITLE = "\u001b]0;pwned\u0007";
    static final String CLIPBOARD = "\u001b]52;c;cm0gLXJmIH4K\u0007";

    @TempDir
    Path dir;

    /** Nothing a terminal acts on: no C0 control but the newline, no DEL, no C1 (CSI 0x9b among them). */
    static void assertInert(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0);
            assertThat(control).as("control character U+%04X at %d in %s", (int) c, i, text).isFalse();
        }
    }

    /** A tree whose slabinfo's first cache line is {@code line}, as raw bytes. */
    Path treeWithSlabLine(String name, byte[] line) throws IOException {
        Path root = small(name);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> <objperslab>"
                .getBytes(StandardCharsets.US_ASCII));
        b.write(" <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs>"
                .getBytes(StandardCharsets.US_ASCII));
        b.write(" <num_slabs> <sharedavail>\n".getBytes(StandardCharsets.US_ASCII));
        b.write(line);
        // a line after it: a bad last line is taken as cut short, not as an error
        b.write("\nkmalloc-64           1000   1000     64   64    1 : tunables    0    0    0 : slabdata     16     16      0\n"
                .getBytes(StandardCharsets.US_ASCII));
        Files.write(root.resolve("proc/slabinfo"), b.toByteArray());
        return root;
    }

    /** A captured tree without /sys: slabinfo, meminfo and identity. */
    Path small(String name) {
        return new Trees(dir.resolve(name)).identity("kmemlab", "6.1.192-kmemlab", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10")
                .file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt")).root();
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void slabinfoContentInAParseErrorIsEscaped() throws IOException {
        List<byte[]> lines = List.of(
                utf8("evil" + TITLE + " 1 2 3"),
                utf8(CLIPBOARD + " x"),
                utf8("nul\u0000cache 1 2"),
                new byte[] {'b', 'i', 'n', (byte) 0xff, (byte) 0xfe, (byte) 0x9b, '2', 'J', 0x1b, '[', '2', 'J', ' ', '1'},
                utf8("c1\u009b2J\u0085 1 2"));
        int n = 0;
        for (byte[] line : lines) {
            Path root = treeWithSlabLine("t" + n++, line);
            CliRun r = CliRun.of("-b", "-n", "1", "--root", root.toString());
            assertThat(r.code()).as(new String(line, StandardCharsets.ISO_8859_1) + r.err()).isEqualTo(1);
            assertThat(r.err()).contains(root.resolve("proc/slabinfo").toString());
            assertInert(r.err());
            CliRun s = CliRun.of("snapshot", "--root", root.toString(), "-o", dir.resolve("s" + n + ".json").toString());
            assertThat(s.code()).as(s.err()).isEqualTo(1);
            assertInert(s.err());
        }
        CliRun r = CliRun.of("-b", "-n", "1", "--root", dir.resolve("t0").toString());
        // shown as the screen shows it, escaped once
        assertThat(r.err()).contains("evil\\x1b]0;pwned\\x07").doesNotContain("\\\\x");
    }

    @Test
    void fileNamesAndOptionValuesInMessagesAreEscaped() {
        Path tree = small("tree");
        // no NUL: a command line cannot hold one
        String evil = "x" + TITLE + CLIPBOARD + "\u009b\u007f";
        Path missing = dir.resolve(evil);
        List<String[]> runs = List.of(
                new String[] {"-b", "-n", "1", "--root", missing.toString()},
                new String[] {"-b", "-n", "1", "--dmesg-file", missing.toString(), "--root", dir.toString()},
                new String[] {"oom", "--dmesg-file", missing.toString()},
                new String[] {"kmemleak", "report", "--file", missing.toString()},
                new String[] {"diff", missing.toString()},
                new String[] {"-b", "-n", "1", "-f", "(" + evil},
                new String[] {"-b", "-n", "1", "-s", evil},
                new String[] {"diff", "a", "b", "-f", "(" + evil},
                new String[] {"export", "--listen", evil},
                new String[] {"export", "--listen", "127.0.0.1:" + evil},
                new String[] {"--" + evil},
                new String[] {"-b", "-n", evil},
                new String[] {"snapshot", "-" + evil},
                new String[] {"snapshot", "-o", dir.resolve(evil).resolve("s.json").toString(), "--root", tree.toString()});
        for (String[] args : runs) {
            CliRun r = CliRun.of(args);
            assertThat(r.code()).as(String.join(" ", args)).isIn(1, 2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("kleaktop: ").contains("\\x1b]0;pwned\\x07");
            assertInert(r.err());
        }
    }

    @Test
    void theSnapshotPathPrintedIsEscaped() {
        Path tree = small("tree");
        Path out = dir.resolve("snap" + TITLE + ".json");
        CliRun r = CliRun.of("snapshot", "--root", tree.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.exists(out)).isTrue();
        assertInert(r.out());
        assertThat(r.out()).isEqualTo(dir.resolve("snap\\x1b]0;pwned\\x07.json") + "\n");
    }

    @Test
    void printableNonAsciiStaysReadable() {
        Path missing = dir.resolve("café-снимок-快照.json");
        CliRun r = CliRun.of("diff", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kleaktop: " + missing + ": not found\n");
    }

    @Test
    void stackTracesWithDebugKeepTheirLayout() {
        Path missing = dir.resolve("x" + TITLE);
        CliRun r = CliRun.of("diff", missing.toString(), "--debug");
        assertInert(r.err().replace("\t", ""));
        // the stack's tabs are layout, not content
        assertThat(r.err().lines().skip(1)).anySatisfy(l -> assertThat(l).startsWith("\tat dev.kleaktop."));
    }
}
