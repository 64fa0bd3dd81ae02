package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.model.Snapshot;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks on kleaktop's file writes (issue 14): a user who can write to the target's
 * directory swaps the temporary file for a symbolic link to a file of root's; a device, FIFO
 * or socket stands where the file goes; the directory belongs to someone else.
 */
class DirWriterTest {
    static final String SECRET = "root's private file\n";

    @TempDir
    Path tmp;

    /** A file of root's, mode 0600, outside the directory written into: what the attacker aims at. */
    Path victim;

    @BeforeEach
    void victim() throws IOException {
        victim = tmp.resolve("victim");
        Files.writeString(victim, SECRET);
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
    }

    void assertVictimUntouched() throws IOException {
        assertThat(Files.readString(victim)).isEqualTo(SECRET);
        assertThat(mode(victim)).isEqualTo("rw-------");
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    static int unixMode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /** A directory with exactly this mode (the umask would take bits off a create mode). */
    Path dir(String name, int mode) throws IOException {
        Path d = Files.createDirectory(tmp.resolve(name));
        chmod(d, mode);
        return d;
    }

    static void chmod(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode);
    }

    /** What the attacker does: the temporary file's name now points at the victim. */
    void swap(Path temp) throws IOException {
        Files.delete(temp);
        Files.createSymbolicLink(temp, victim);
    }

    static Snapshot snapshot() {
        return Fixtures.lab();
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // --- the temporary file swapped for a symbolic link ---------------------------------

    @Test
    void aTemporaryFileSwappedForASymlinkAsSoonAsItIsCreatedNeitherWritesNorChmodsTheVictim() throws Exception {
        Path d = dir("shared", 0777);
        Path[] seen = new Path[1];
        try (DirWriter w = DirWriter.open(d, true, temp -> { seen[0] = temp; swap(temp); })) {
            try (DirWriter.Temp t = w.create("k.prom", PosixFilePermissions.fromString("rw-r--r--"))) {
                t.channel().write(ByteBuffer.wrap("metrics 1\n".getBytes(StandardCharsets.UTF_8)));
                assertThatThrownBy(() -> t.publishReplacing("k.prom"))
                        .isInstanceOf(FileSystemException.class)
                        .hasMessageContaining("the temporary file was replaced while it was written (someone else writes in "
                                + d + "); nothing published");
            }
        }
        assertVictimUntouched();
        assertThat(seen[0].getFileName().toString()).matches("\\.k\\.prom\\.[0-9]+\\.tmp");
        // nothing published; the attacker's link is left where the attacker put it
        assertThat(names(d)).containsExactly(seen[0].getFileName().toString());
        assertThat(Files.isSymbolicLink(seen[0])).isTrue();
    }

    @Test
    void aForcedSnapshotWhoseTemporaryFileIsSwappedFailsAndLeavesTheVictimAndTheOldFile() throws Exception {
        Path d = dir("shared", 0777);
        Path target = d.resolve("snap.json");
        Files.writeString(target, "the old snapshot");
        SnapshotStore store = new SnapshotStore(temp -> { }, Clock.systemUTC(), this::swap, true);
        assertThatThrownBy(() -> store.write(snapshot(), target, true))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("the temporary file was replaced while it was written");
        assertVictimUntouched();
        assertThat(Files.readString(target)).isEqualTo("the old snapshot");
    }

    @Test
    void aSavedSnapshotWhoseTemporaryFileIsSwappedJustBeforePublishingIsNotPublished() throws Exception {
        Path d = dir("shared", 0777);
        SnapshotStore store = new SnapshotStore(this::swap, Clock.systemUTC(), temp -> { }, true);
        assertThatThrownBy(() -> store.save(snapshot(), d))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("the temporary file was replaced while it was written");
        assertVictimUntouched();
        // no kleaktop-*.json: neither a link to the victim nor the attacker's symlink was published
        assertThat(names(d)).allMatch(n -> n.startsWith("."));
    }

    @Test
    void theModeIsSetOnTheOpenFileWhateverTheCreateModeAndTheUmask() throws Exception {
        Path d = dir("own", 0755);
        try (DirWriter w = DirWriter.open(d, false)) {
            try (DirWriter.Temp t = w.create("k.prom", PosixFilePermissions.fromString("rw-r--r--"))) {
                // created 0600, then fchmod'ed: 0644 is not left to the umask
                assertThat(mode(t.path())).isEqualTo("rw-r--r--");
                t.publishReplacing("k.prom");
            }
        }
        assertThat(mode(d.resolve("k.prom"))).isEqualTo("rw-r--r--");
        assertThat(names(d)).containsExactly("k.prom");
    }

    // --- the directory ------------------------------------------------------------------

    @Test
    void aDirectoryOthersCanWriteToThatIsNotStickyIsRefusedUnlessAllowed() throws Exception {
        for (int m : new int[] {0777, 0775, 0757, 0722}) {
            Path d = dir("open" + Integer.toOctalString(m), m);
            assertThatThrownBy(() -> DirWriter.open(d, false))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessage(d + ": directory writable by other users and not sticky (mode " + String.format("%04o", m)
                            + "): another user could swap the file as it is written (--allow-unsafe-dir writes there anyway)");
            DirWriter.open(d, true).close();
            assertThat(names(d)).isEmpty();
        }
        Path sticky = dir("tmp-like", 01777);
        try (DirWriter w = DirWriter.open(sticky, false)) {
            try (DirWriter.Temp t = w.create("x", PosixFilePermissions.fromString("rw-------"))) {
                assertThat(t.publishNew("x")).isTrue();
            }
        }
        assertThat(names(sticky)).containsExactly("x");
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefusedEvenWhenSticky() throws Exception {
        assumeTrue(Fds.euid() == 0, "needs root to give a directory away");
        for (int m : new int[] {0755, 01777}) {
            Path d = dir("nobody" + Integer.toOctalString(m), m);
            Files.setAttribute(d, "unix:uid", 65534);
            assertThatThrownBy(() -> DirWriter.open(d, false))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessage(d + ": directory owned by another user (uid 65534): another user could swap the file as"
                            + " it is written (--allow-unsafe-dir writes there anyway)");
            assertThatThrownBy(() -> new SnapshotStore().save(snapshot(), d))
                    .isInstanceOf(SnapshotException.class)
                    .hasMessageStartingWith(d + ": directory owned by another user (uid 65534)");
            assertThat(names(d)).isEmpty();
        }
    }

    @Test
    void aDirectoryInsideOneOthersCanWriteToIsRefusedNamingThatOne() throws Exception {
        Path shared = dir("shared", 0777);
        Path own = Files.createDirectory(shared.resolve("own"));
        chmod(own, 0700);
        // whoever can write to shared can rename own away and put any directory in its place
        assertThatThrownBy(() -> DirWriter.open(own, false))
                .hasMessage(shared + ": directory writable by other users and not sticky (mode 0777): another user"
                        + " could swap the file as it is written (--allow-unsafe-dir writes there anyway)");
        assertThatThrownBy(() -> new SnapshotStore().write(snapshot(), own.resolve("x.json"), true))
                .hasMessageStartingWith(shared + ": directory writable by other users and not sticky");
        assertThat(names(own)).isEmpty();
    }

    @Test
    void aSymbolicLinkPlantedByAnotherUserIsNotFollowedIntoRootsDirectory() throws Exception {
        assumeTrue(Fds.euid() == 0, "needs root to give a directory away");
        Path roots = dir("roots", 0700);
        Path bob = dir("bob", 0755);
        Files.createSymbolicLink(bob.resolve("snaps"), roots);
        Files.setAttribute(bob, "unix:uid", 65534);
        Path target = bob.resolve("snaps").resolve("x.json");
        assertThatThrownBy(() -> new SnapshotStore().write(snapshot(), target, true))
                .hasMessageStartingWith(bob + ": directory owned by another user (uid 65534)");
        assertThat(names(roots)).isEmpty();
    }

    @Test
    void symbolicLinksOnATrustedPathAreFollowed() throws Exception {
        Path real = dir("real", 0700);
        Path a = dir("a", 0755);
        Files.createSymbolicLink(tmp.resolve("abs"), real);
        Files.createSymbolicLink(a.resolve("up"), Path.of("../real"));
        new SnapshotStore().write(snapshot(), tmp.resolve("abs").resolve("one.json"), false);
        new SnapshotStore().write(snapshot(), a.resolve("up").resolve("two.json"), false);
        new SnapshotStore().save(snapshot(), a.resolve("up").resolve("."));
        assertThat(names(real)).hasSize(3).contains("one.json", "two.json");
    }

    @Test
    void snapshotsAreNotSavedNorWrittenIntoADirectoryOthersCanWriteTo() throws Exception {
        Path d = dir("shared", 0777);
        String why = ": directory writable by other users and not sticky (mode 0777)";
        assertThatThrownBy(() -> new SnapshotStore().save(snapshot(), d)).hasMessageStartingWith(d + why);
        assertThatThrownBy(() -> new SnapshotStore().write(snapshot(), d.resolve("x.json"), true))
                .hasMessageStartingWith(d + why);
        assertThat(names(d)).isEmpty();
        Path p = new SnapshotStore(true).save(snapshot(), d);
        assertThat(SnapshotStore.load(p)).isEqualTo(snapshot());
    }

    // --- what stands where the file goes --------------------------------------------------

    /** A FIFO, a socket and a character device (like /dev/null, made here), side by side in one directory. */
    Path specials() throws Exception {
        Path d = dir("specials", 0755);
        run("mkfifo", d.resolve("fifo").toString());
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(d.resolve("socket")));
        }
        if (Fds.euid() == 0) run("mknod", d.resolve("null").toString(), "c", "1", "3");
        Files.createDirectory(d.resolve("dir"));
        Files.createSymbolicLink(d.resolve("link"), victim);
        return d;
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }

    @Test
    void forceReplacesOnlyARegularFileNeverADeviceFifoSocketDirectoryOrLink() throws Exception {
        Path d = specials();
        List<String> before = names(d);
        String[][] cases = {{"fifo", "a FIFO"}, {"socket", "a socket"}, {"null", "a character device"},
            {"dir", "a directory"}, {"link", "a symbolic link"}};
        for (String[] c : cases) {
            Path target = d.resolve(c[0]);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue;
            int was = unixMode(target);
            for (boolean force : new boolean[] {true, false}) {
                if (c[0].equals("dir")) continue;   // SnapshotStore says "is a directory" first
                assertThatThrownBy(() -> new SnapshotStore().write(snapshot(), target, force))
                        .as(c[0]).isInstanceOf(SnapshotException.class)
                        .hasMessage(target + ": is " + c[1] + ", not a regular file; kleaktop writes only regular files");
            }
            try (DirWriter w = DirWriter.open(d, false)) {
                assertThatThrownBy(() -> w.checkTarget(c[0], true))
                        .hasMessage(target + ": is " + c[1] + ", not a regular file; kleaktop writes only regular files");
            }
            assertThat(unixMode(target)).as(c[0]).isEqualTo(was);
        }
        assertThat(names(d)).isEqualTo(before);
        assertVictimUntouched();
    }

    @Test
    void aRegularFileIsReplacedWithForceAndKeptWithout() throws Exception {
        Path d = dir("own", 0700);
        Path f = d.resolve("s.json");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> new SnapshotStore().write(snapshot(), f, false))
                .hasMessage(f + ": already exists (use --force to replace it)");
        assertThat(Files.readString(f)).isEqualTo("old");
        new SnapshotStore().write(snapshot(), f, true);
        assertThat(SnapshotStore.load(f)).isEqualTo(snapshot());
        assertThat(names(d)).containsExactly("s.json");
    }
}
