package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.ChildJvm;
import dev.kleaktop.testing.SlabSlack;
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
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's prometheus package) scrapes a real {@code kleaktop
 * export} on the live kernel, over loopback only, every second; queries through its HTTP API
 * check what arrived. Needs root (/proc/slabinfo is 0400) and the prometheus binary; skipped
 * otherwise. Each test is bounded well under a minute and stops both servers in finally.
 */
@Timeout(90)
class PrometheusEndToEndTest {
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    static final Path RULES = Path.of(System.getProperty("basedir", "."), "contrib/prometheus/kleaktop.rules.yml").toAbsolutePath();
    static final Path MEMCG = Path.of("/sys/fs/cgroup/memory");

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    /** kleaktop export and a Prometheus server scraping it, both on loopback. */
    final class Stack implements AutoCloseable {
        final int promPort = ChildJvm.freePort();
        final Path pdir;
        final Process kleaktop;
        final Process server;

        Stack(String... exportArgs) throws Exception {
            var prometheus = Tools.find("prometheus");
            assumeTrue(prometheus.isPresent(), "prometheus not installed (Debian package prometheus)");
            String slabinfo;
            try {
                slabinfo = Files.readString(Path.of("/proc/slabinfo"));
            } catch (IOException e) {
                slabinfo = "";
            }
            assumeTrue(slabinfo.contains("\ndentry "), "/proc/slabinfo not readable (needs root) or has no dentry cache");
            int kleaktopPort = ChildJvm.freePort();
            Path kdir = Files.createDirectories(dir.resolve("kleaktop"));
            pdir = Files.createDirectories(dir.resolve("prometheus"));
            Files.writeString(pdir.resolve("prometheus.yml"), String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  scrape_timeout: 1s",
                    "  evaluation_interval: 1s",
                    "rule_files: ['" + RULES + "']",
                    "scrape_configs:",
                    "  - job_name: kleaktop",
                    "    static_configs:",
                    "      - targets: ['127.0.0.1:" + kleaktopPort + "']",
                    ""));
            List<String> args = new java.util.ArrayList<>(List.of("export", "--listen", "127.0.0.1:" + kleaktopPort));
            args.addAll(List.of(exportArgs));
            kleaktop = ChildJvm.start(kdir, args.toArray(String[]::new));
            Process s = null;
            try {
                s = new ProcessBuilder(prometheus.get().toString(),
                        "--config.file=" + pdir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + pdir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + promPort)
                        .redirectErrorStream(true).redirectOutput(pdir.resolve("log").toFile()).start();
            } finally {
                server = s;
                if (s == null) ChildJvm.stop(kleaktop, 5_000);
            }
            try {
                assertThat(ChildJvm.awaitListening(kleaktopPort, kleaktop, 20_000)).as(ChildJvm.stderr(kdir)).isTrue();
                assertThat(ChildJvm.awaitListening(promPort, server, 20_000)).as(log()).isTrue();
            } catch (Throwable t) {
                close();
                throw t;
            }
        }

        /** Polls an instant query until its single result satisfies {@code ok}. */
        Map<String, Object> awaitOne(String query, DoublePredicate ok, long timeoutMs) throws Exception {
            return awaitApi("query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), data -> {
                List<Map<String, Object>> result = list(data.get("result"));
                return result.size() == 1 && ok.test(value(result.get(0))) ? result.get(0) : null;
            }, timeoutMs);
        }

        <T> T awaitApi(String path, java.util.function.Function<Map<String, Object>, T> pick, long timeoutMs) throws Exception {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            String last = "";
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + promPort + "/api/v1/" + path)).timeout(HTTP_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200) {
                    @SuppressWarnings("unchecked")
                    T t = pick.apply((Map<String, Object>) JSON.std.mapFrom(r.body()).get("data"));
                    if (t != null) return t;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("no answer to " + path + "; last answer " + last + "\nprometheus log:\n" + log());
        }

        String log() {
            try {
                String s = Files.readString(pdir.resolve("log"));
                return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
            } catch (IOException e) {
                return "(no log)";
            }
        }

        @Override
        public void close() throws InterruptedException {
            ChildJvm.stop(server, 10_000);
            ChildJvm.stop(kleaktop, 10_000);
        }
    }

    @Test
    void prometheusScrapesDentrySizeAndGrowth() throws Exception {
        long started = System.nanoTime();
        Path files = dir.resolve("files");
        // free dentries left by earlier deletions would take the new files without growth
        SlabSlack.fill(dir.resolve("slack"), "dentry", 2_000_000);
        try (Stack st = new Stack("-d", "1", "--top", "0")) {
            String size = "kleaktop_slab_cache_size_bytes{cache=\"dentry\"}";
            Map<String, Object> first = st.awaitOne(size, v -> v > 0, 20_000);
            assertThat(labels(first)).containsEntry("cache", "dentry").containsEntry("job", "kleaktop")
                    .doesNotContainKey("index");
            double before = value(first);

            // 30,000 new files: 30,000 new dentries (and inodes)
            Files.createDirectories(files);
            for (int i = 0; i < 30_000; i++) Files.createFile(files.resolve("f" + i));

            Map<String, Object> grown = st.awaitOne(size, v -> v > before, 30_000);
            Map<String, Object> growth = st.awaitOne("kleaktop_slab_cache_growth_bytes_per_second{cache=\"dentry\"}",
                    v -> v > 0, 30_000);
            assertThat(value(grown)).isGreaterThan(before);
            assertThat(value(growth)).isPositive();
            assertThat(value(st.awaitOne("kleaktop_source_up{source=\"slabinfo\"}", v -> true, 5_000))).isEqualTo(1.0);
            assertThat((System.nanoTime() - started) / 1_000_000_000L).isLessThan(60);
        } finally {
            if (Files.isDirectory(files)) {
                try (var s = Files.list(files)) {
                    for (Path f : (Iterable<Path>) s::iterator) Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * A real OOM kill, in a 16 MiB cgroup v1 memory group made for the test (the child also
     * runs under {@code ulimit -v}, so it cannot grow past 256 MiB even outside the group),
     * reaches Prometheus as {@code kleaktop_oom_kills_total{kind="memcg"}} and fires the
     * contrib rule KleaktopOomKill.
     */
    @Test
    void aRealMemcgOomKillFiresTheAlert() throws Exception {
        assumeTrue(Files.isRegularFile(MEMCG.resolve("memory.limit_in_bytes")), "needs the cgroup v1 memory controller");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/usr/bin/tail")), "needs sh and tail");
        long started = System.nanoTime();
        Path group = MEMCG.resolve("kleaktop-export-test-" + ProcessHandle.current().pid());
        Process child = null;
        try (Stack st = new Stack("-d", "1")) {
            st.awaitOne("kleaktop_oom_kills_total{kind=\"memcg\"}", v -> v == 0, 20_000);
            Files.createDirectory(group);
            Files.writeString(group.resolve("memory.limit_in_bytes"), "16777216");
            if (Files.exists(group.resolve("memory.memsw.limit_in_bytes"))) {
                Files.writeString(group.resolve("memory.memsw.limit_in_bytes"), "16777216");
            }
            child = new ProcessBuilder("/bin/sh", "-c", "ulimit -v 262144 || exit 97; echo $$ > "
                    + group.resolve("cgroup.procs") + " || exit 99; exec /usr/bin/tail /dev/zero")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            st.awaitOne("kleaktop_oom_kills_total{kind=\"memcg\"}", v -> v == 1, 20_000);
            Map<String, Object> alert = st.awaitApi("alerts", data -> {
                for (Map<String, Object> a : PrometheusEndToEndTest.<Map<String, Object>>list(data.get("alerts"))) {
                    Map<String, Object> l = labels(a.get("labels"));
                    if ("KleaktopOomKill".equals(l.get("alertname")) && "memcg".equals(l.get("kind"))
                            && "firing".equals(a.get("state"))) return a;
                }
                return null;
            }, 20_000);
            assertThat(labels(alert.get("labels"))).containsEntry("severity", "warning").containsEntry("job", "kleaktop");
            assertThat((System.nanoTime() - started) / 1_000_000_000L).isLessThan(60);
        } finally {
            if (child != null) child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(group);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object o) { return (List<T>) o; }

    @SuppressWarnings("unchecked")
    static Map<String, Object> labels(Object o) {
        return o instanceof Map<?, ?> m && m.containsKey("metric") ? (Map<String, Object>) m.get("metric") : (Map<String, Object>) o;
    }

    static double value(Map<String, Object> sample) {
        return Double.parseDouble(String.valueOf(((List<?>) sample.get("value")).get(1)));
    }
}
