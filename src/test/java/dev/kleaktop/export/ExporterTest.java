package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.session.Collector;
import dev.kleaktop.session.SessionConfig;
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

    Exporter exporter(Path root, Exporter.Config cfg) throws IOException {
        Exporter e = new Exporter(cfg, session(root), new MetricsMapper(Selection.all()), err);
        started.add(e);
        e.start();
        return e;
    }

    /** The export's session on a tree: its dev/kmsg (read whole) and kmemleak file when it has them. */
    static Collector session(Path root) {
        return SessionConfig.export(new KernelFs(root), Clock.systemUTC(), 60).open();
    }

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
        Exporter e = exporter(root, new Exporter.Config(ANY_LOOPBACK_PORT, null, 3600, null));
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
        Exporter e = exporter(root, new Exporter.Config(ANY_LOOPBACK_PORT, null, 0.05, null));
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
    void oomKillsAndTheKmemleakCountComeFromTheSessionsKernelLogAndKmemleak() throws Exception {
        Path root = tree();
        new Trees(root).file("dev/kmsg", Corpus.text("lab/run-memcg-v2/kmsg.txt"))
                .file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt"));
        Exporter e = exporter(root, new Exporter.Config(ANY_LOOPBACK_PORT, null, 0.05, null));
        Map<String, Double> s = waitFor(e.port(), m -> m.containsKey("kleaktop_oom_kills_total{kind=\"memcg\"}"));
        // the lab's one kill, inside its memory cgroup; counted once however often it is refreshed
        assertThat(s).containsEntry("kleaktop_oom_kills_total{kind=\"memcg\"}", 1.0)
                .containsEntry("kleaktop_oom_kills_total{kind=\"global\"}", 0.0)
                .containsEntry("kleaktop_kmemleak_suspects", 5.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"kmsg\"}", 1.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"kmemleak\"}", 1.0);
        Thread.sleep(200);
        assertThat(Exposition.samples(scrape(e.port()))).containsEntry("kleaktop_oom_kills_total{kind=\"memcg\"}", 1.0);
    }

    @Test
    void recordsLostToAFloodAreReportedOnceAndKillsAfterThemStillCount() throws Exception {
        List<String> lab = Corpus.text("lab/run-memcg-v2/kmsg.txt").lines().toList();
        StringBuilder log = new StringBuilder();
        for (int seq = 0; seq < 10; seq++) log.append(record(seq, "before " + seq));
        // sequence numbers 10..41 were overwritten before they could be read (EPIPE)
        int seq = 42;
        for (String l : lab.subList(lab.size() - 2, lab.size())) log.append(record(seq++, l.substring(l.indexOf(';') + 1)));
        Path root = tree();
        new Trees(root).file("dev/kmsg", log.toString());
        Exporter e = exporter(root, new Exporter.Config(ANY_LOOPBACK_PORT, null, 0.05, null));
        waitFor(e.port(), m -> Double.valueOf(1).equals(m.get("kleaktop_oom_kills_total{kind=\"memcg\"}")));
        Thread.sleep(200);
        String lost = "kleaktop: export: " + root.resolve("dev/kmsg")
                + ": 32 records overwritten before they could be read; OOM kills among them are not counted"
                + System.lineSeparator();
        assertThat(errText.toString()).contains(lost);
        assertThat(errText.toString().split("records overwritten", -1)).hasSize(2);
    }

    static String record(int seq, String text) { return "6," + seq + "," + (1_000_000L + seq * 1000L) + ",-;" + text + "\n"; }

    @Test
    void theTextfileIsNeverSeenHalfWritten() throws Exception {
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        Path out = dir.resolve("textfile").resolve("kleaktop.prom");
        Files.createDirectories(out.getParent());
        Exporter e = exporter(root, new Exporter.Config(null, out, 0.01, null));
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
        Exporter e = exporter(tree(), new Exporter.Config(ANY_LOOPBACK_PORT, out, 0.05, null));
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
        Exporter e = exporter(tree(), new Exporter.Config(null, out, 0.01, 3));
        e.awaitStop();
        assertThat(Files.readString(out)).contains(MetricsMapper.SLAB_GROWTH + "{cache=\"dentry\"}");
    }

    @Test
    void aBusyPortOrAMissingDirectoryFailsAtStart() throws Exception {
        Path root = tree();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenAddress a = ListenAddress.parse("127.0.0.1:" + busy.getLocalPort());
            assertThatThrownBy(() -> exporter(root, new Exporter.Config(a, null, 1, null)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("--listen 127.0.0.1:" + busy.getLocalPort() + ": Address already in use");
        }
        Path out = dir.resolve("no/such/dir/m.prom");
        assertThatThrownBy(() -> exporter(root, new Exporter.Config(null, out, 1, null)))
                .isInstanceOf(IOException.class).hasMessage(out + ": no such file or directory")
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    static boolean threads(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
