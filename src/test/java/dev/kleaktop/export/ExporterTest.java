package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.app.Monitor;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ExporterTest {
    static final ListenAddress ANY_LOOPBACK_PORT = ListenAddress.parse("127.0.0.1:0");

    @TempDir
    Path dir;

    final StringWriter errText = new StringWriter();
    final PrintWriter err = new PrintWriter(errText, true);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Exporter> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Exporter::close);
    }

    /** The lab's final slabinfo and meminfo (sysfs is not needed here). */
    Path tree() {
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        return root;
    }

    Exporter exporter(Path root, Exporter.Config cfg, KernelEvents events) throws IOException {
        Monitor m = new Monitor(new KernelFs(root), Clock.systemUTC(), 60);
        Exporter e = new Exporter(cfg, m, events, new MetricsMapper(Selection.all()), err);
        started.add(e);
        e.start();
        return e;
    }

    static KernelEvents none() { return KernelEvents.unavailable("not read in this test"); }

    String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        return r.body();
    }

    Map<String, Double> waitFor(int port, Predicate<Map<String, Double>> until) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Map<String, Double> s;
        do {
            s = Exposition.samples(scrape(port));
            if (until.test(s)) return s;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("condition not met; last scrape: " + s.keySet().size() + " series");
    }

    @Test
    void scrapesServeTheLatestRefreshAndNeverReadTheKernel() throws Exception {
        Path root = tree();
        Exporter e = exporter(root, new Exporter.Config(ANY_LOOPBACK_PORT, null, 3600, null), none());
        String key = MetricsMapper.SLAB_SIZE + "{cache=\"kleak_slab_obj\"}";
        assertThat(Exposition.samples(scrape(e.port()))).containsEntry(key, 45.0 * 2 * 4096);
        // The kernel changes; with an hour between refreshes, no scrape may see it.
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt")
                .replace("slabdata     45     45", "slabdata     99     99"));
        for (int i = 0; i < 20; i++) assertThat(Exposition.samples(scrape(e.port()))).containsEntry(key, 45.0 * 2 * 4096);
        assertThat(e.latest().stream().count()).isGreaterThan(5);
    }

    @Test
    void survivesVanishedCachesAndAVanishedSource() throws Exception {
        Path root = tree();
        Trees t = new Trees(root);
        String full = Corpus.text("slabinfo/slabinfo.2-final.txt");
        Exporter e = exporter(root, new Exporter.Config(ANY_LOOPBACK_PORT, null, 0.05, null), none());
        String leak = MetricsMapper.SLAB_SIZE + "{cache=\"kleak_slab_obj\"}";
        String slabUp = MetricsMapper.SOURCE_UP + "{source=\"slabinfo\"}";
        assertThat(Exposition.samples(scrape(e.port()))).containsKey(leak);

        t.file("proc/slabinfo", full.lines().filter(l -> !l.startsWith("kleak_slab_obj ")).reduce("", (a, b) -> a + b + "\n"));
        waitFor(e.port(), s -> !s.containsKey(leak) && s.containsKey(MetricsMapper.SLAB_SIZE + "{cache=\"dentry\"}"));

        Files.delete(root.resolve("proc/slabinfo"));
        Map<String, Double> gone = waitFor(e.port(), s -> Double.valueOf(0).equals(s.get(slabUp)));
        assertThat(gone).containsEntry(MetricsMapper.SOURCE_UP + "{source=\"meminfo\"}", 1.0)
                .doesNotContainKey(MetricsMapper.SLAB_SIZE + "{cache=\"dentry\"}");

        t.file("proc/slabinfo", full);
        waitFor(e.port(), s -> Double.valueOf(1).equals(s.get(slabUp)) && s.containsKey(leak));
        String log = errText.toString();
        assertThat(log).contains("kleaktop: export: source slabinfo (" + root.resolve("proc/slabinfo") + "): not found (")
                .contains("kleaktop: export: source slabinfo (" + root.resolve("proc/slabinfo") + "): ok again");
        // reported on change, not at every refresh
        assertThat(log.split("slabinfo\\): ok again", -1)).hasSize(2);
        assertThat(log.split("slabinfo\\): not found", -1)).hasSize(2);
    }

    @Test
    void oomKillsAccumulateIntoACounterFromZero() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        KernelEvents events = new KernelEvents() {
            @Override
            public OomKills pollOomKills() {
                int n = polls.getAndIncrement();
                return new OomKills(SourceState.OK, n == 0 ? 0 : 1, n % 2);   // first poll: nothing new
            }

            @Override
            public KmemleakCount kmemleakCount() { return new KmemleakCount(SourceState.OK, 7L); }
        };
        Exporter e = exporter(tree(), new Exporter.Config(ANY_LOOPBACK_PORT, null, 0.05, null), events);
        Map<String, Double> s = waitFor(e.port(), m -> m.getOrDefault("kleaktop_oom_kills_total{kind=\"global\"}", 0.0) >= 5);
        double global = s.get("kleaktop_oom_kills_total{kind=\"global\"}");
        double memcg = s.get("kleaktop_oom_kills_total{kind=\"memcg\"}");
        assertThat(memcg).isBetween(Math.floor(global / 2), Math.ceil(global / 2) + 1);
        assertThat(s).containsEntry("kleaktop_kmemleak_suspects", 7.0);
        Map<String, Double> later = waitFor(e.port(), m -> m.get("kleaktop_oom_kills_total{kind=\"global\"}") > global);
        assertThat(later.get("kleaktop_oom_kills_total{kind=\"memcg\"}")).isGreaterThanOrEqualTo(memcg);
    }

    @Test
    void theTextfileIsNeverSeenHalfWritten() throws Exception {
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        Path out = dir.resolve("textfile").resolve("kleaktop.prom");
        Files.createDirectories(out.getParent());
        Exporter e = exporter(root, new Exporter.Config(null, out, 0.01, null), none());
        assertThat(e.port()).isEqualTo(-1);
        AtomicBoolean stop = new AtomicBoolean();
        List<String> bad = new ArrayList<>();
        int reads = 0;
        long end = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < end) {
            String text = Files.readString(out);
            reads++;
            String last = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1);
            if (!text.startsWith("# HELP ") || !text.endsWith("\n") || !last.startsWith(MetricsMapper.SOURCE_UP + "{source=")
                    || Exposition.samples(text).keySet().stream().filter(k -> k.startsWith(MetricsMapper.SLAB_SIZE)).count() != 300) {
                bad.add(text.length() + " chars, ends " + last);
            }
        }
        stop.set(true);
        e.close();
        assertThat(bad).isEmpty();
        assertThat(reads).isGreaterThan(50);
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kleaktop.prom");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
    }

    @Test
    void closeStopsTheServerAndTheSamplingThread() throws Exception {
        Path out = dir.resolve("m.prom");
        Exporter e = exporter(tree(), new Exporter.Config(ANY_LOOPBACK_PORT, out, 0.05, null), none());
        int port = e.port();
        scrape(port);
        assertThat(threads("kleaktop-export-sampler")).isTrue();
        e.close();
        e.close();   // idempotent (the shutdown hook and the command both close)
        e.awaitStop();
        assertThatThrownBy(() -> scrape(port)).isInstanceOf(ConnectException.class);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (threads("kleaktop-export-sampler") && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(threads("kleaktop-export-sampler")).isFalse();
        assertThat(e.failure()).isNull();
    }

    @Test
    void iterationsEndTheRunAfterNRefreshes() throws Exception {
        Path out = dir.resolve("m.prom");
        Exporter e = exporter(tree(), new Exporter.Config(null, out, 0.01, 3), none());
        e.awaitStop();
        assertThat(Files.readString(out)).contains(MetricsMapper.SLAB_GROWTH + "{cache=\"dentry\"}");
    }

    @Test
    void aBusyPortOrAMissingDirectoryFailsAtStart() throws Exception {
        Path root = tree();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenAddress a = ListenAddress.parse("127.0.0.1:" + busy.getLocalPort());
            assertThatThrownBy(() -> exporter(root, new Exporter.Config(a, null, 1, null), none()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("--listen 127.0.0.1:" + busy.getLocalPort() + ": Address already in use");
        }
        Path out = dir.resolve("no/such/dir/m.prom");
        assertThatThrownBy(() -> exporter(root, new Exporter.Config(null, out, 1, null), none()))
                .isInstanceOf(IOException.class).hasMessage(out + ": no such file or directory")
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    static boolean threads(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
