package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.ChildJvm;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, items 6 and 10 as the attacker ran them: kleaktop in a JVM of its own with the
 * launcher's -Xmx96m, against 1 GiB sparse files, a slabinfo of 100,000 caches, FIFOs and
 * /dev/zero. Each run must end, within a bounded wait, with exit 1 and one line naming the
 * file (and the limit); the old code ended in OutOfMemoryError traces, exit 0, or a hang.
 * The children of one test run side by side, each in a directory of its own.
 */
class HostileReadsTest {
    static final String SLABINFO_HEAD = "slabinfo - version: 2.1\n"
            + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
            + " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
    static final String CACHE_LINE =
            "kmalloc-64          6400   6400     64   64    1 : tunables    0    0    0 : slabdata    100    100      0\n";
    /** Generous for a JVM start on a busy machine; the old code's hangs never end at all. */
    static final long BOUND_S = 90;

    @TempDir
    Path tmp;

    /** A small tree that reads fine: one cache with its sysfs directory, identity files. */
    Path tree(String name) {
        Trees t = new Trees(tmp.resolve(name))
                .file("proc/slabinfo", SLABINFO_HEAD + CACHE_LINE)
                .file("proc/meminfo", "MemTotal: 2000000 kB\nSlab: 1000 kB\nSReclaimable: 400 kB\nSUnreclaim: 600 kB\n")
                .file("proc/uptime", "1000.00 900.00\n")
                .file("sys/kernel/slab/kmalloc-64/reclaim_account", "0\n")
                .identity("box", "6.1.0", "2f3c1a8e-0000-4000-8000-000000000001")
                .file("page_size", "4096\n");
        return t.root();
    }

    static void sparse(Path p, long size) throws IOException {
        Files.deleteIfExists(p);
        Files.createDirectories(p.getParent());
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    static void fifo(Path p) throws Exception {
        Files.deleteIfExists(p);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mk.exitValue()).isZero();
    }

    record Outcome(int code, String stderr) {}

    /** Runs each command line in a child JVM, all at once; each must end within the bound. */
    Map<String, Outcome> runAll(Map<String, List<String>> runs) throws Exception {
        Map<String, Process> started = new LinkedHashMap<>();
        Map<String, Path> dirs = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, List<String>> e : runs.entrySet()) {
            Path dir = Files.createDirectories(tmp.resolve("run" + n++));
            dirs.put(e.getKey(), dir);
            started.put(e.getKey(), ChildJvm.start(dir, e.getValue().toArray(String[]::new)));
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
        for (Map.Entry<String, Process> e : started.entrySet()) {
            Process p = e.getValue();
            long left = Math.max(1, end - System.nanoTime());
            boolean ended = p.waitFor(left, TimeUnit.NANOSECONDS);
            if (!ended) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            out.put(e.getKey(), new Outcome(ended ? p.exitValue() : -1, ChildJvm.stderr(dirs.get(e.getKey()))));
        }
        return out;
    }

    static void assertOneLineFailure(String what, Outcome o, String line) {
        assertThat(o.code()).as(what + ": exit code (-1: did not end); stderr:\n" + o.stderr()).isEqualTo(1);
        assertThat(o.stderr()).as(what).isEqualTo(line + "\n");
    }

    @Test
    void aGibiByteSparseFileAtAnyPathOfATreeIsOneLineNamingTheLimit() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("proc/uptime", "4 KiB");
        files.put("proc/meminfo", "64 KiB");
        files.put("proc/sys/kernel/hostname", "4 KiB");
        files.put("proc/sys/kernel/osrelease", "4 KiB");
        files.put("proc/sys/kernel/random/boot_id", "4 KiB");
        files.put("page_size", "4 KiB");
        files.put("sys/kernel/slab/kmalloc-64/reclaim_account", "4 KiB");
        files.put("proc/slabinfo", "4 MiB");
        Map<String, List<String>> runs = new LinkedHashMap<>();
        Map<String, Path> paths = new LinkedHashMap<>();
        int i = 0;
        for (String rel : files.keySet()) {
            Path root = tree("gib" + i++);
            sparse(root.resolve(rel), 1L << 30);
            paths.put(rel, root.resolve(rel));
            runs.put(rel, List.of("--root", root.toString(), "-b", "-n", "1"));
        }
        Map<String, Outcome> got = runAll(runs);
        for (String rel : files.keySet()) {
            assertOneLineFailure(rel, got.get(rel),
                    "kleaktop: " + paths.get(rel) + ": larger than " + files.get(rel) + " (the limit for this file)");
        }
    }

    @Test
    void aSlabinfoOfAHundredThousandCachesIsRefusedWithTheLimit() throws Exception {
        Path root = tree("100k");
        Path slab = root.resolve("proc/slabinfo");
        try (Writer w = Files.newBufferedWriter(slab, StandardCharsets.US_ASCII)) {
            w.write(SLABINFO_HEAD);
            for (int c = 0; c < 100_000; c++) {
                w.write(String.format("cache-%06d          6400   6400     64   64    1 : tunables    0    0    0"
                        + " : slabdata    100    100      0%n", c));
            }
        }
        Map<String, Outcome> got = runAll(Map.of(
                "batch", List.of("--root", root.toString(), "-b", "-n", "2", "-d", "0.1"),
                "snapshot", List.of("--root", root.toString(), "snapshot", "-o", tmp.resolve("s.json").toString())));
        assertOneLineFailure("batch", got.get("batch"),
                "kleaktop: " + slab + ": larger than 4 MiB (the limit for this file)");
        assertThat(got.get("snapshot").code()).isEqualTo(1);
        assertThat(got.get("snapshot").stderr()).startsWith("kleaktop: " + slab + ": larger than 4 MiB (the limit for this file)")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void fifosAndDevicesAreRefusedNotWaitedOn() throws Exception {
        Path root = tree("fifo");
        Path fifo = tmp.resolve("saved.fifo");
        fifo(fifo);
        Path fifoTree = tree("fifo-tree");
        fifo(fifoTree.resolve("proc/slabinfo"));
        Path snap = tmp.resolve("a.json");
        assertThat(CliRun.of("--root", root.toString(), "snapshot", "-o", snap.toString()).code()).isZero();
        Map<String, List<String>> runs = new LinkedHashMap<>();
        runs.put("diff /dev/zero", List.of("diff", "/dev/zero", snap.toString()));
        runs.put("diff FIFO", List.of("diff", snap.toString(), fifo.toString()));
        runs.put("--dmesg-file FIFO", List.of("--root", root.toString(), "-b", "-n", "1", "--dmesg-file", fifo.toString()));
        runs.put("--dmesg-file /dev/zero", List.of("--root", root.toString(), "-b", "-n", "1", "--dmesg-file", "/dev/zero"));
        runs.put("--kmemleak-file FIFO", List.of("--root", root.toString(), "-b", "-n", "1", "--kmemleak-file", fifo.toString()));
        runs.put("kmemleak report --file FIFO", List.of("kmemleak", "report", "--file", fifo.toString()));
        runs.put("oom --dmesg-file FIFO", List.of("oom", "--dmesg-file", fifo.toString()));
        runs.put("FIFO slabinfo", List.of("--root", fifoTree.toString(), "-b", "-n", "1"));
        Map<String, Outcome> got = runAll(runs);
        assertOneLineFailure("diff /dev/zero", got.get("diff /dev/zero"),
                "kleaktop: /dev/zero: not a regular file (a character device); save the snapshot to a file first");
        assertOneLineFailure("diff FIFO", got.get("diff FIFO"),
                "kleaktop: " + fifo + ": not a regular file (a FIFO or pipe); save the snapshot to a file first");
        for (String what : List.of("--dmesg-file FIFO", "--kmemleak-file FIFO", "kmemleak report --file FIFO",
                "oom --dmesg-file FIFO")) {
            assertOneLineFailure(what, got.get(what),
                    "kleaktop: " + fifo + ": not a regular file (a FIFO) (give the path of a saved file)");
        }
        assertOneLineFailure("--dmesg-file /dev/zero", got.get("--dmesg-file /dev/zero"),
                "kleaktop: /dev/zero: not a regular file (a character device) (give the path of a saved file)");
        assertOneLineFailure("FIFO slabinfo", got.get("FIFO slabinfo"),
                "kleaktop: " + fifoTree.resolve("proc/slabinfo") + ": not a regular file (a FIFO)");
    }

    @Test
    void aValidSnapshotTooLargeForTheHeapIsRefusedWithTheLimit() throws Exception {
        Path root = tree("snap");
        Path snap = tmp.resolve("big.json");
        assertThat(CliRun.of("--root", root.toString(), "snapshot", "-o", snap.toString()).code()).isZero();
        // still valid json: whitespace after the snapshot, to 20 MiB (the old limit was 256 MiB)
        try (OutputStream out = Files.newOutputStream(snap, java.nio.file.StandardOpenOption.APPEND)) {
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 20; i++) out.write(spaces);
        }
        List<String> diff = new ArrayList<>(List.of("diff", snap.toString(), snap.toString()));
        Map<String, Outcome> got = runAll(Map.of("diff", diff));
        assertOneLineFailure("diff", got.get("diff"), "kleaktop: " + snap + ": larger than 16 MiB (the limit for a snapshot)");
    }
}
