package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-write attacks of issue 14 through the command line, as a user runs kleaktop:
 * a directory another user can write to, a racing attacker swapping the temporary file for a
 * symbolic link to a file of root's, and {@code --force} on a device or FIFO.
 */
@Timeout(120)
class WriteSafetyTest {
    static final String SECRET = "root's private file\n";

    @TempDir
    Path dir;

    Path tree;
    Path victim;

    @BeforeEach
    void setUp() throws IOException {
        tree = dir.resolve("root");
        new Trees(tree).file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        victim = dir.resolve("victim");
        Files.writeString(victim, SECRET);
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    }

    void assertVictimUntouched() throws IOException {
        assertThat(Files.readString(victim)).isEqualTo(SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-------");
    }

    Path dirWithMode(String name, int mode) throws IOException {
        Path d = Files.createDirectory(dir.resolve(name));
        Files.setAttribute(d, "unix:mode", mode);
        return d;
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String refusal(Path d, int mode) {
        return "kleaktop: " + d + ": directory writable by other users and not sticky (mode " + String.format("%04o", mode)
                + "): another user could swap the file as it is written (--allow-unsafe-dir writes there anyway)";
    }

    /**
     * The attacker: as long as it runs, every hidden temporary file that appears in {@code d}
     * is replaced by a symbolic link to the victim, as fast as the directory can be listed.
     */
    final class Attacker implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger swaps = new AtomicInteger();
        final Thread thread;

        Attacker(Path d) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, ".*.tmp")) {
                        for (Path p : ds) {
                            if (Files.isSymbolicLink(p)) continue;
                            try {
                                Files.delete(p);
                                Files.createSymbolicLink(p, victim);
                                swaps.incrementAndGet();
                            } catch (IOException e) {
                                // lost this one
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // listing raced with a rename: list again
                    }
                }
            }, "attacker");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Test
    void exportRefusesATextfileDirectoryOthersCanWriteToAndTheRacingAttackerNeverReachesRootsFile() throws Exception {
        Path shared = dirWithMode("textfile-dir", 0777);
        Path out = shared.resolve("kleaktop.prom");
        CliRun r;
        try (Attacker a = new Attacker(shared)) {
            r = CliRun.of("--root", tree.toString(), "export", "--textfile", out.toString(), "-n", "40", "-d", "0.01");
        }
        assertVictimUntouched();
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        // export names the file it was asked to write, then why its directory is refused
        assertThat(r.err()).isEqualTo(refusal(out, 0777) + "\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void withAllowUnsafeDirTheRacingAttackerStillNeverReachesRootsFile() throws Exception {
        Path shared = dirWithMode("textfile-dir", 0777);
        Path out = shared.resolve("kleaktop.prom");
        int swaps;
        try (Attacker a = new Attacker(shared)) {
            // until the attacker has caught a temporary file at least once (bounded)
            for (int run = 0; run < 10 && a.swaps.get() == 0; run++) {
                CliRun.of("--root", tree.toString(), "export", "--textfile", out.toString(), "-n", "40", "-d", "0.01",
                        "--allow-unsafe-dir");
            }
            swaps = a.swaps.get();
        }
        assertVictimUntouched();
        assertThat(swaps).as("the attacker swapped temporary files").isPositive();
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            // what was published is kleaktop's own file, never a link to the victim
            assertThat(Files.isSymbolicLink(out)).isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
            assertThat(Files.readString(out)).contains("kleaktop_source_up");
        }
    }

    @Test
    void snapshotRefusesASnapshotDirectoryOrOutputDirectoryOthersCanWriteTo() throws Exception {
        Path shared = dirWithMode("snaps", 0777);
        CliRun r = CliRun.of("--root", tree.toString(), "snapshot", "--snapshot-dir", shared.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(refusal(shared, 0777) + "\n");
        r = CliRun.of("--root", tree.toString(), "snapshot", "-o", shared.resolve("x.json").toString(), "--force");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(refusal(shared, 0777) + "\n");
        assertThat(names(shared)).isEmpty();

        // the user who means it says so, on the command or before it
        r = CliRun.of("--root", tree.toString(), "snapshot", "--snapshot-dir", shared.toString(), "--allow-unsafe-dir");
        assertThat(r.code()).as(r.err()).isZero();
        r = CliRun.of("--allow-unsafe-dir", "--root", tree.toString(), "snapshot", "-o", shared.resolve("x.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(names(shared)).hasSize(2);
    }

    @Test
    void aStickyDirectoryLikeTmpIsWrittenTo() throws Exception {
        Path sticky = dirWithMode("tmp-like", 01777);
        CliRun r = CliRun.of("--root", tree.toString(), "snapshot", "--snapshot-dir", sticky.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path out = sticky.resolve("kleaktop.prom");
        r = CliRun.of("--root", tree.toString(), "export", "--textfile", out.toString(), "-n", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
        assertThat(names(sticky)).hasSize(2).noneMatch(n -> n.endsWith(".tmp"));
    }

    /** A character device like /dev/null (made here: the real one is never touched) and a FIFO. */
    @Test
    void forceNeverTurnsADeviceOrFifoIntoARegularFileNorDoesTheTextfile() throws Exception {
        Path d = dirWithMode("dev", 0755);
        Path fifo = d.resolve("fifo");
        run("mkfifo", fifo.toString());
        Path nul = d.resolve("null");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) run("mknod", nul.toString(), "c", "1", "3");
        for (Path p : root ? List.of(fifo, nul) : List.of(fifo)) {
            String kind = p == fifo ? "a FIFO" : "a character device";
            int before = mode(p);
            CliRun r = CliRun.of("--root", tree.toString(), "snapshot", "-o", p.toString(), "--force");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("kleaktop: " + p + ": is " + kind + ", not a regular file; kleaktop writes only"
                    + " regular files\n");
            r = CliRun.of("--root", tree.toString(), "export", "--textfile", p.toString(), "-n", "1");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).endsWith("kleaktop: " + p + ": is " + kind + ", not a regular file; kleaktop writes only"
                    + " regular files\n");
            assertThat(mode(p)).isEqualTo(before);
        }
        assertThat(names(d)).noneMatch(n -> n.endsWith(".tmp"));
        assumeTrue(root, "mknod needs root: only the FIFO was tried");
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }
}
