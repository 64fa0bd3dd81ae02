package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.ChildJvm;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kleaktop export as the daemon it is: a separate JVM, stopped by SIGTERM. */
@Timeout(120)
class ExportDaemonTest {
    @TempDir
    Path dir;

    /** A tree of {@code caches} synthetic caches (as many lines in /proc/slabinfo) and the lab's meminfo. */
    Path tree(int caches) {
        StringBuilder b = new StringBuilder("slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize>"
                + " <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs>"
                + " <num_slabs> <sharedavail>\n");
        for (int i = 0; i < caches; i++) {
            int slabs = 2 + i / 64;
            b.append(String.format("cache_%05d %6d %6d   64   64    1 : tunables    0    0    0 : slabdata %5d %5d      0%n",
                    i, 100 + i, 128 + i, slabs, slabs));
        }
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", b.toString()).file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        return root;
    }

    /** One GET /metrics on a fresh connection: the whole answer, status line first. */
    static String get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lines of the child's stderr after its start-up announcement. */
    List<String> linesAfterStart() {
        List<String> lines = ChildJvm.stderr(dir).lines().toList();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("kleaktop export: serving")) start = i + 1;
        return lines.subList(start, lines.size());
    }

    @Test
    void clientsThatDisconnectEarlyCostOneLineOfStderrAtMost() throws Exception {
        Path root = tree(300);
        int port = ChildJvm.freePort();
        Process p = ChildJvm.start(dir, "export", "--root", root.toString(), "--listen", "127.0.0.1:" + port, "--top", "0");
        try {
            assertThat(ChildJvm.awaitListening(port, p, 20_000)).as(ChildJvm.stderr(dir)).isTrue();
            for (int i = 0; i < 100; i++) {
                try (Socket s = new Socket()) {
                    // a small window, so that the answer cannot be in the kernel's buffers at once,
                    // and a reset after its first bytes: the server's write fails mid-answer
                    s.setReceiveBufferSize(4096);
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    assertThat(in.read(new byte[100])).isPositive();
                    s.setSoLinger(true, 0);
                }
            }
            assertThat(get(port)).startsWith("HTTP/1.1 200");   // still serving, and whatever it said is written
            List<String> after = linesAfterStart();
            assertThat(after).as(ChildJvm.stderr(dir)).hasSizeLessThanOrEqualTo(1);
            assertThat(ChildJvm.stderr(dir)).doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            ChildJvm.stop(p, 5_000);
        }
    }

    @Test
    void tenThousandCachesUnderThirtyParallelScrapesStayWithinTheHeap() throws Exception {
        Path root = tree(10_000);
        int port = ChildJvm.freePort();
        // ChildJvm runs with the launcher's -Xmx96m
        Process p = ChildJvm.start(dir, "export", "--root", root.toString(), "--listen", "127.0.0.1:" + port, "--top", "0", "-d", "1");
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            assertThat(ChildJvm.awaitListening(port, p, 30_000)).as(ChildJvm.stderr(dir)).isTrue();
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 90; i++) answers.add(pool.submit(() -> get(port)));
            int complete = 0;
            for (Future<String> f : answers) {
                String r = f.get(60, TimeUnit.SECONDS);
                if (r.startsWith("HTTP/1.1 200 OK") && r.contains("kleaktop_slab_cache_size_bytes{cache=\"cache_09999\"} ")
                        && r.endsWith("kleaktop_source_up{source=\"sysfs_slab\"} 0.0\n")) {
                    complete++;
                }
            }
            assertThat(complete).as(ChildJvm.stderr(dir)).isEqualTo(90);
            assertThat(p.isAlive()).isTrue();
            assertThat(ChildJvm.stderr(dir)).doesNotContain("OutOfMemoryError").doesNotContain("out of memory")
                    .doesNotContain("\tat ");
        } finally {
            pool.shutdownNow();
            ChildJvm.stop(p, 5_000);
        }
    }

    /**
     * A child JVM's main: starts the JVM's shutdown as SIGHUP does, holds it open with a slow
     * hook of its own, and only then runs kleaktop export, which so meets the shutdown at
     * its own start, deterministically (a real signal finds that moment only by chance).
     */
    public static final class ShutdownUnderWay {
        public static void main(String[] args) throws Exception {
            java.util.concurrent.CountDownLatch inShutdown = new java.util.concurrent.CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                inShutdown.countDown();
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
            inShutdown.await();
            dev.kleaktop.cli.Main.run(args, System.out, System.err);
        }
    }

    @Test
    void aSignalWhileExportStartsEndsQuietly() throws Exception {
        Path root = tree(50);
        int port = ChildJvm.freePort();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), ShutdownUnderWay.class.getName(),
                "export", "--root", root.toString(), "--listen", "127.0.0.1:" + port, "--textfile", dir.resolve("k.prom").toString())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(129);
            assertThat(ChildJvm.stderr(dir)).isEmpty();
        } finally {
            ChildJvm.stop(p, 5_000);
        }
    }

    @Test
    void aSignalAtAnyMomentOfTheStartEndsQuietly() throws Exception {
        Path root = tree(50);
        Path out = dir.resolve("k.prom");
        for (int delayMs : new int[] {0, 80, 160, 240, 400, 700}) {
            int port = ChildJvm.freePort();
            Process p = ChildJvm.start(dir, "export", "--root", root.toString(), "--listen", "127.0.0.1:" + port,
                    "--textfile", out.toString(), "-d", "0.1");
            try {
                Thread.sleep(delayMs);
                new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("stopped after SIGHUP at %d ms", delayMs).isTrue();
                String err = ChildJvm.stderr(dir);
                assertThat(err).as("SIGHUP at %d ms", delayMs).doesNotContain("Exception").doesNotContain("Error")
                        .doesNotContain("\tat ");
                for (String line : err.lines().toList()) assertThat(line).startsWith("kleaktop");
                assertThat(p.exitValue()).as("SIGHUP at %d ms: %s", delayMs, err).isIn(129, 0);
            } finally {
                ChildJvm.stop(p, 5_000);
            }
        }
    }

    @Test
    void sigtermStopsTheServerAndTheTextfileCleanly() throws Exception {
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        Path out = dir.resolve("kleaktop.prom");
        int port = ChildJvm.freePort();
        Process p = ChildJvm.start(dir, "export", "--root", root.toString(), "--listen", "127.0.0.1:" + port,
                "--textfile", out.toString(), "-d", "0.2");
        try {
            assertThat(ChildJvm.awaitListening(port, p, 20_000)).as(ChildJvm.stderr(dir)).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("kleaktop_slab_cache_size_bytes{cache=\"dentry\"} " + 197.0 * 4096);
            assertThat(Files.readString(out)).contains("kleaktop_slab_cache_size_bytes{cache=\"dentry\"} ");

            long t0 = System.nanoTime();
            p.destroy();   // SIGTERM
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(6_000);
            assertThat(p.exitValue()).isEqualTo(143);   // 128 + SIGTERM, after the shutdown hook ran
            assertThat(ChildJvm.listening(port)).isFalse();
            String err = ChildJvm.stderr(dir);
            assertThat(err).contains("kleaktop export: serving http://127.0.0.1:" + port + "/metrics, writing " + out)
                    .doesNotContain("Exception").doesNotContain("\tat ");
            // the last textfile stays complete, and no temporary file is left behind
            assertThat(Files.readString(out)).endsWith("\n").contains("kleaktop_source_up{source=\"slabinfo\"} 1.0");
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        } finally {
            ChildJvm.stop(p, 5_000);
        }
    }
}
