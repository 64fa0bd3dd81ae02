package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that could not be written is an error ({@code kleaktop -b -n 1 >/dev/full}): one
 * line naming standard output and the system's reason, exit 1; a reader that went away
 * ({@code kleaktop -b | head}) still ends the run quietly.
 */
class StandardOutputTest {
    static final Path FULL = Path.of("/dev/full");
    static final String NO_SPACE = "kleaktop: standard output: No space left on device\n";

    @TempDir
    Path dir;

    Path tree;
    Path snapA;
    Path snapB;

    @BeforeEach
    void inputs() {
        // no /sys: quick to build, and kleaktop reads it as fine
        tree = new Trees(dir.resolve("tree")).identity("kmemlab", "6.1.192-kmemlab", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10")
                .file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt")).root();
        snapA = dir.resolve("a.json");
        snapB = dir.resolve("b.json");
        for (Path p : List.of(snapA, snapB)) {
            CliRun r = CliRun.of("snapshot", "--root", tree.toString(), "-o", p.toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
    }

    /** Every command that prints something, each with output that a full disk refuses. */
    List<String[]> printingCommands() {
        String t = tree.toString();
        return List.of(
                new String[] {"-b", "-n", "1", "--root", t},
                new String[] {"-b", "-n", "1", "--root", t, "--format", "json"},
                new String[] {"-b", "-n", "1", "--root", t, "--format", "csv"},
                new String[] {"oom", "--dmesg-file", Corpus.path("oom/cadvisor-systemOomExampleLog-global-3.13.log").toString()},
                new String[] {"kmemleak", "report", "--file",
                    Corpus.path("kmemleak/lkml-btrfs-yizhang-6.8-rc3-crc-hashed-ptrs.txt").toString()},
                new String[] {"diff", snapA.toString(), snapB.toString()},
                new String[] {"diff", snapA.toString(), snapB.toString(), "--format", "json"},
                new String[] {"snapshot", "--root", t, "-o", dir.resolve("c.json").toString()},
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"snapshot", "--help"});
    }

    record Run(int code, String err) {}

    static Run run(OutputStream stdout, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, stdout, err);
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFullDiskIsReportedOnceAndFailsEveryCommand() throws IOException {
        assumeTrue(Files.exists(FULL), "no /dev/full here");
        for (String[] args : printingCommands()) {
            Run r;
            try (FileOutputStream full = new FileOutputStream(FULL.toFile())) {
                r = run(full, args);
            }
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo(NO_SPACE);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
        }
    }

    @Test
    void theSystemsWordsAreGivenForOtherFailuresToo() {
        OutputStream eio = failing("Input/output error");
        Run r = run(eio, "-b", "-n", "1", "--root", tree.toString());
        assertThat(r.err()).isEqualTo("kleaktop: standard output: Input/output error\n");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void aReaderThatWentAwayStaysQuietWithTheUsualExitCode() {
        for (String[] args : printingCommands()) {
            Run r = run(failing("Broken pipe"), args);
            assertThat(r.err()).as(String.join(" ", args)).isEmpty();
            assertThat(r.code()).as(String.join(" ", args)).isZero();
        }
        // a failure of the run's own keeps its code and message; the lost reader adds nothing
        Run r = run(failing("Broken pipe"), "diff", dir.resolve("missing.json").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("kleaktop: ").doesNotContain("standard output").hasLineCount(1);
    }

    /** An output whose every write fails as the JDK reports an errno: its message is the system's text. */
    static OutputStream failing(String why) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(why);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException(why);
            }
        };
    }

    // --- the real standard output of a real process --------------------------------------

    /** Runs kleaktop in a shell with {@code redirect} applied to its standard output; exit code and stderr. */
    Run shell(String redirect, String... args) throws Exception {
        List<String> quoted = new ArrayList<>();
        for (String a : args) quoted.add("'" + a + "'");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xmx96m -XX:TieredStopAtLevel=1 -Xshare:auto -cp '"
                + System.getProperty("java.class.path") + "' dev.kleaktop.cli.Main " + String.join(" ", quoted)
                + " 2>'" + dir.resolve("stderr") + "' " + redirect;
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertThat(done).as("kleaktop still running").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("stderr")));
    }

    @Test
    void batchToDevFullInARealProcess() throws Exception {
        assumeTrue(Files.exists(FULL), "no /dev/full here");
        for (String format : List.of("text", "json", "csv")) {
            Run r = shell(">/dev/full", "-b", "-n", "1", "--root", tree.toString(), "--format", format);
            assertThat(r.err()).as(format).isEqualTo(NO_SPACE);
            assertThat(r.code()).as(format).isEqualTo(1);
        }
        Run r = shell(">/dev/full", "--help");
        assertThat(r.err()).isEqualTo(NO_SPACE);
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void aClosedStandardOutputIsAnError() throws Exception {
        for (String[] args : List.of(new String[] {"-b", "-n", "1", "--root", tree.toString()},
                new String[] {"--version"})) {
            Run r = shell(">&-", args);
            // the system's words for writing to a descriptor not open for writing
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo("kleaktop: standard output: Bad file descriptor\n");
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
        }
    }

    @Test
    void aPipeClosedByItsReaderEndsQuietly() throws Exception {
        Run r = shell("| head -c 1 >/dev/null; exit ${PIPESTATUS[0]}", "-b", "-d", "0.05", "--root", tree.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
    }
}
