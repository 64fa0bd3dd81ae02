package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kleaktop.source.kmsg.KmsgReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, items 6 and 10 at the door to kernel files: every read stops at the limit for its
 * kind of file while it reads, and a FIFO or device at any path of a tree is refused before
 * its open can wait for a writer. The files here are small (just over each limit); the 1 GiB
 * sparse ones run through the command line in {@code cli.HostileReadsTest}.
 */
class KernelFsLimitsTest {
    /** Bounds a read that the old code left waiting in open() for a FIFO's writer. */
    static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path root;

    static void sparse(Path p, long size) throws IOException {
        Files.createDirectories(p.getParent());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    static void fifo(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mk.exitValue()).isZero();
    }

    @Test
    void aOneLineFileLargerThanItsLimitIsRefusedNamingTheLimit() throws Exception {
        KernelFs fs = new KernelFs(root);
        for (String rel : List.of(KernelFs.UPTIME, KernelFs.HOSTNAME, KernelFs.OSRELEASE, KernelFs.BOOT_ID,
                "page_size", KernelFs.SYS_SLAB + "/kmalloc-64/reclaim_account")) {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "1".repeat(KernelFs.LINE_LIMIT));
            assertThat(fs.readLine(rel)).as(rel).contains("1".repeat(KernelFs.LINE_LIMIT));
            sparse(p, KernelFs.LINE_LIMIT + 1);
            assertThatThrownBy(() -> fs.readLine(rel)).as(rel).isInstanceOfSatisfying(FileRefusedException.class, e -> {
                assertThat(e.path()).isEqualTo(root.resolve(rel).toString());
                assertThat(e.getMessage()).isEqualTo(root.resolve(rel) + ": larger than 4 KiB (the limit for this file)");
            });
        }
    }

    @Test
    void wholeFileReadsStopAtTheLimitForTheirKind() throws Exception {
        KernelFs fs = new KernelFs(root);
        sparse(root.resolve(KernelFs.MEMINFO), KernelFs.MEMINFO_LIMIT + 1);
        assertThatThrownBy(() -> fs.readText(KernelFs.MEMINFO)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.path() + ": " + e.reason())
                        .isEqualTo(root.resolve(KernelFs.MEMINFO) + ": larger than 64 KiB (the limit for this file)"));
        // a slabinfo of 100,000 caches is about 13 MB: over the 4 MiB that fits the heap
        sparse(root.resolve(KernelFs.SLABINFO), 13_000_000);
        KernelFs.Buffer b = new KernelFs.Buffer();
        assertThatThrownBy(() -> fs.read(KernelFs.SLABINFO, b)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.reason()).isEqualTo("larger than 4 MiB (the limit for this file)"));
        assertThat(b.bytes().length).as("the buffer grew no further than the limit").isLessThanOrEqualTo(KernelFs.SLABINFO_LIMIT + 1);
        // at the limit exactly, read as ever
        Files.write(root.resolve(KernelFs.SLABINFO), new byte[KernelFs.SLABINFO_LIMIT]);
        assertThat(fs.read(KernelFs.SLABINFO, b).length()).isEqualTo(KernelFs.SLABINFO_LIMIT);
        sparse(root.resolve("proc/mounts"), KernelFs.TEXT_LIMIT + 1);
        assertThatThrownBy(() -> fs.readBytes("proc/mounts")).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.reason()).isEqualTo("larger than 1 MiB (the limit for this file)"));
    }

    @Test
    void aFifoAtAnyPathOfATreeIsRefusedWithoutWaitingForAWriter() throws Exception {
        KernelFs fs = new KernelFs(root);
        for (String rel : List.of(KernelFs.SLABINFO, KernelFs.MEMINFO, KernelFs.UPTIME, KernelFs.HOSTNAME,
                KernelFs.OSRELEASE, KernelFs.BOOT_ID, "page_size", KernelFs.KMEMLEAK, KernelFs.KMSG,
                KernelFs.SYS_SLAB + "/kmalloc-64/reclaim_account")) {
            fifo(root.resolve(rel));
        }
        String why = "not a regular file (a FIFO)";
        assertTimeoutPreemptively(BOUND, () -> {
            assertThatThrownBy(() -> fs.read(KernelFs.SLABINFO, new KernelFs.Buffer()))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(why));
            assertThatThrownBy(() -> fs.readText(KernelFs.MEMINFO))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(why));
            for (String rel : List.of(KernelFs.UPTIME, KernelFs.HOSTNAME, KernelFs.OSRELEASE, KernelFs.BOOT_ID,
                    "page_size", KernelFs.SYS_SLAB + "/kmalloc-64/reclaim_account")) {
                assertThatThrownBy(() -> fs.readLine(rel)).as(rel).isInstanceOfSatisfying(FileRefusedException.class,
                        e -> assertThat(e.getMessage()).isEqualTo(root.resolve(rel) + ": " + why));
            }
            assertThatThrownBy(() -> fs.open(KernelFs.KMEMLEAK))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(why));
            assertThatThrownBy(() -> fs.writeCommand(KernelFs.KMEMLEAK, "scan"))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(why));
            assertThatThrownBy(() -> fs.openStream(KernelFs.KMSG)).hasMessage(why);
            assertThatThrownBy(() -> KmsgReader.open(fs, true, null))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.reason()).isEqualTo(why));
        });
    }

    @Test
    void aDeviceIsRefusedExceptTheKernelsOwnLogDevice() throws Exception {
        KernelFs fs = new KernelFs(root);
        Files.createDirectories(root.resolve("proc"));
        Files.createSymbolicLink(root.resolve(KernelFs.MEMINFO), Path.of("/dev/zero"));
        Files.createDirectories(root.resolve("dev"));
        Files.createSymbolicLink(root.resolve(KernelFs.KMSG), Path.of("/dev/zero"));
        assertTimeoutPreemptively(BOUND, () -> {
            assertThatThrownBy(() -> fs.readText(KernelFs.MEMINFO)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.reason()).isEqualTo("not a regular file (a character device)"));
            // a tree's dev/kmsg is a captured file, never a device
            assertThatThrownBy(() -> fs.openStream(KernelFs.KMSG)).hasMessage("not a regular file (a character device)");
        });
        Files.delete(root.resolve(KernelFs.MEMINFO));  // links out of the temporary directory: JUnit warns
        Files.delete(root.resolve(KernelFs.KMSG));
        // the live box's /dev/kmsg is one
        if (Files.isReadable(Path.of("/dev/kmsg"))) {
            try (InputStream in = KernelFs.live().openStream(KernelFs.KMSG)) {
                assertThat(in).isNotNull();
            }
        }
    }
}
