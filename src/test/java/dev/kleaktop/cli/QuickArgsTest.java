package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link QuickArgs} reads common command lines without picocli: whatever it accepts must be
 * read exactly as picocli reads it, and whatever picocli rejects it must leave to picocli.
 */
class QuickArgsTest {
    private static final String[] NAMES = {"-b", "--batch", "--read-only", "--no-color", "--debug", "-d", "--delay",
        "-n", "--iterations", "-s", "--sort", "-f", "--filter", "-w", "--window", "--root", "--dmesg-file",
        "--kmemleak-file", "--snapshot-dir", "--allow-unsafe-dir", "--allow-unsafe-dir=true", "--format", "-h", "--help", "-V", "--version", "-x", "--nope", "-bn",
        "oom", "snapshot", "diff", "kmemleak", "export", "help", "--", "-n1", "-d=3", "--delay=2", "--format=json",
        "--root=/tmp/x", "--batch=true", "--sort=size", "@args.txt"};
    private static final String[] VALUES = {"1", "0", "-1", "3", "2.5", "1e3", "NaN", "0x10", "abc", "", "size", "growth",
        "dentry|inode", "oom", "json", "CSV", "text", "yaml", "/tmp/tree", "rel/dir", "a b", "-b", "--root", "@x",
        "\u00e9t\u00e9", "+5", " 7", "2147483648", "Infinity"};

    /** The options as picocli leaves them, in one comparable string. */
    static String state(KleaktopCommand c) {
        return "batch=" + c.batch
                + " delay=" + c.sampling.delay + " n=" + c.sampling.iterations + " sort=" + c.sampling.sort
                + " filter=" + c.sampling.filter + " window=" + c.sampling.window
                + " root=" + c.source.root + " dmesg=" + c.source.dmesgFile + " kml=" + c.source.kmemleakFile
                + " ro=" + c.source.readOnly + " format=" + c.output.format + " nocolor=" + c.output.noColor
                + " debug=" + c.output.debug + " snapdir=" + c.store.snapshotDir
                + " unsafe=" + c.write.allowUnsafeDir;
    }

    /** picocli's reading of the command line, or null when it is not a plain root command line. */
    static String picocli(String[] args) {
        KleaktopCommand c = new KleaktopCommand();
        CommandLine cl = new CommandLine(c);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            CommandLine.ParseResult r = cl.parseArgs(args);
            if (r.hasSubcommand() || r.isUsageHelpRequested() || r.isVersionHelpRequested()) return null;
            return state(c);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    static void check(String... args) {
        KleaktopCommand q = QuickArgs.parse(args);
        if (q == null) return; // picocli will read it
        assertThat(picocli(args)).as(String.join(" ", args)).isEqualTo(state(q));
    }

    @Property(tries = 3000)
    void whatItAcceptsPicocliReadsTheSame(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<String> args = new ArrayList<>();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            args.add(rnd.nextInt(3) == 0 ? VALUES[rnd.nextInt(VALUES.length)] : NAMES[rnd.nextInt(NAMES.length)]);
            if (rnd.nextBoolean()) args.add(VALUES[rnd.nextInt(VALUES.length)]);
        }
        check(args.toArray(String[]::new));
    }

    @Test
    void commonCommandLinesAreReadQuicklyAndRight() {
        String[][] common = {
            {}, {"-b"}, {"-b", "-n", "1"}, {"-b", "-d", "0", "-n", "3600"}, {"--batch", "--iterations", "2", "--delay", "0.5"},
            {"-b", "-n", "1", "--root", "/tmp/tree", "-s", "size", "-f", "dentry|inode", "--format", "json"},
            {"--root=/host", "-w", "120", "--no-color", "--read-only", "--debug", "--snapshot-dir", "/var/tmp/s"},
            {"--snapshot-dir", "/srv/shared", "--allow-unsafe-dir"},
            {"-b", "--dmesg-file", "/var/log/kern.log", "--kmemleak-file", "/tmp/kml.txt", "--format=CSV"},
        };
        for (String[] a : common) {
            assertThat(QuickArgs.parse(a)).as(String.join(" ", a)).isNotNull();
            check(a);
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] others = {
            {"oom"}, {"-b", "oom"}, {"--help"}, {"-h"}, {"-V"}, {"-b", "-b"}, {"-n", "1", "--iterations", "2"}, {"-n"},
            {"-n", "x"}, {"-n1"}, {"-bn", "1"}, {"--format", "yaml"}, {"-f", "-x"}, {"-f", "oom"}, {"@args"}, {"--"},
            {"-d", "-1"}, {"--batch=true"}, {"--root", ""}, {"stray"}, {"--root", "a\0b"},
        };
        for (String[] a : others) assertThat(QuickArgs.parse(a)).as(String.join(" ", a)).isNull();
    }

    @Test
    void failuresAfterAQuickReadAreReportedAsPicocliWouldReportThem() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"-b", "-n", "0"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kleaktop: -n/--iterations: must be 1 or more, not 0" + System.lineSeparator());
        StringWriter err2 = new StringWriter();
        int code2 = Main.run(new String[] {"-b", "-s", "bogus"}, new PrintWriter(new StringWriter()), new PrintWriter(err2));
        assertThat(code2).isEqualTo(2);
        assertThat(err2.toString()).startsWith("kleaktop: -s/--sort: unknown sort key 'bogus'");
        // the keys it lists come from the cache table's spec, the screen's own letters (g d) left out
        assertThat(err2.toString()).isEqualTo("kleaktop: -s/--sort: unknown sort key 'bogus' (growth, delta, size, objs, "
                + "active, name, objsize, use, slabs, a b c l v n o p s u)" + System.lineSeparator());
    }
}
