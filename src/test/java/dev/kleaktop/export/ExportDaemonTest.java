package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.ChildJvm;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kleaktop export as the daemon it is: a separate JVM, stopped by SIGTERM. */
@Timeout(60)
class ExportDaemonTest {
    @TempDir
    Path dir;

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
