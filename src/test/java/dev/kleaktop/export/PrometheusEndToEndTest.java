package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.ChildJvm;
import dev.kleaktop.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's prometheus package) scrapes a real {@code kleaktop
 * export} on the live kernel, over loopback only; queries through its HTTP API then return
 * the dentry cache's size and, after 30,000 files were created, a positive growth rate.
 * Needs root (/proc/slabinfo is 0400) and the prometheus binary; skipped otherwise.
 */
@Timeout(90)
class PrometheusEndToEndTest {
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    @Test
    void prometheusScrapesDentrySizeAndGrowth() throws Exception {
        var prometheus = Tools.find("prometheus");
        assumeTrue(prometheus.isPresent(), "prometheus not installed (Debian package prometheus)");
        String slabinfo;
        try {
            slabinfo = Files.readString(Path.of("/proc/slabinfo"));
        } catch (IOException e) {
            slabinfo = "";
        }
        assumeTrue(slabinfo.contains("\ndentry "), "/proc/slabinfo not readable (needs root) or has no dentry cache");

        long started = System.nanoTime();
        int kleaktopPort = ChildJvm.freePort();
        int promPort = ChildJvm.freePort();
        Path kdir = Files.createDirectories(dir.resolve("kleaktop"));
        Path pdir = Files.createDirectories(dir.resolve("prometheus"));
        Files.writeString(pdir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: kleaktop",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + kleaktopPort + "']",
                ""));
        Process kleaktop = null;
        Process server = null;
        Path files = dir.resolve("files");
        try {
            kleaktop = ChildJvm.start(kdir, "export", "--listen", "127.0.0.1:" + kleaktopPort, "-d", "1", "--top", "0");
            server = new ProcessBuilder(prometheus.get().toString(),
                    "--config.file=" + pdir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + pdir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true).redirectOutput(pdir.resolve("log").toFile()).start();
            assertThat(ChildJvm.awaitListening(kleaktopPort, kleaktop, 20_000)).as(ChildJvm.stderr(kdir)).isTrue();
            assertThat(ChildJvm.awaitListening(promPort, server, 20_000)).as(log(pdir)).isTrue();

            String size = "kleaktop_slab_cache_size_bytes{cache=\"dentry\"}";
            Map<String, Object> first = awaitOne(promPort, size, v -> v > 0, 20_000, pdir);
            assertThat(labels(first)).containsEntry("cache", "dentry").containsEntry("job", "kleaktop")
                    .doesNotContainKey("index");
            double before = value(first);

            // 30,000 new files: 30,000 new dentries (and inodes)
            Files.createDirectories(files);
            for (int i = 0; i < 30_000; i++) Files.createFile(files.resolve("f" + i));

            Map<String, Object> grown = awaitOne(promPort, size, v -> v > before, 30_000, pdir);
            Map<String, Object> growth = awaitOne(promPort, "kleaktop_slab_cache_growth_bytes_per_second{cache=\"dentry\"}",
                    v -> v > 0, 30_000, pdir);
            assertThat(value(grown)).isGreaterThan(before);
            assertThat(value(growth)).isPositive();
            assertThat(value(awaitOne(promPort, "kleaktop_source_up{source=\"slabinfo\"}", v -> true, 5_000, pdir))).isEqualTo(1.0);
            assertThat((System.nanoTime() - started) / 1_000_000_000L).isLessThan(60);
        } finally {
            ChildJvm.stop(server, 10_000);
            ChildJvm.stop(kleaktop, 10_000);
            if (Files.isDirectory(files)) {
                try (var s = Files.list(files)) {
                    for (Path f : (Iterable<Path>) s::iterator) Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Polls an instant query until its single result satisfies {@code ok}. */
    Map<String, Object> awaitOne(int port, String query, java.util.function.DoublePredicate ok, long timeoutMs, Path pdir)
            throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(HTTP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = r.body();
            if (r.statusCode() == 200) {
                Map<String, Object> body = JSON.std.mapFrom(r.body());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> result = (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("result");
                if (result.size() == 1 && ok.test(value(result.get(0)))) return result.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no result for " + query + "; last answer " + last + "\nprometheus log:\n" + log(pdir));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> labels(Map<String, Object> sample) { return (Map<String, Object>) sample.get("metric"); }

    static double value(Map<String, Object> sample) {
        return Double.parseDouble(String.valueOf(((List<?>) sample.get("value")).get(1)));
    }

    static String log(Path pdir) {
        try {
            String s = Files.readString(pdir.resolve("log"));
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
