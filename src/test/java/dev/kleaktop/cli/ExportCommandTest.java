package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.net.InetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.kleaktop.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class ExportCommandTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) { return CliRun.of(args); }

    Path tree() {
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        return root;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--listen|nonsense:port|kleaktop: --listen nonsense:port: port must be a number from 0 to 65535, not 'port'",
        "--listen|127.0.0.1:70000|kleaktop: --listen 127.0.0.1:70000: port must be a number from 0 to 65535, not 70000",
        "--listen|::1:9899|kleaktop: --listen ::1:9899: an IPv6 address goes in brackets: [ADDR]:PORT, e.g. [::1]:9899",
        "--top|-1|kleaktop: --top: must be 0 (all) or more, not -1",
        "-d|0|kleaktop: -d/--delay: must be more than 0 seconds, not 0.0",
        "-f|[|kleaktop: -f/--filter: invalid regular expression '[': Unclosed character class",
        "--dmesg-file|/var/log/dmesg|kleaktop: export: unknown option '--dmesg-file' (see kleaktop export --help)",
        "--format|json|kleaktop: export: unknown option '--format' (see kleaktop export --help)",
        "--textfile|/nonexistent-dir/k.prom|kleaktop: --textfile /nonexistent-dir/k.prom: directory /nonexistent-dir does not exist",
    })
    void badValuesAreUsageErrors(String option, String value, String message) {
        CliRun r = run("--root", tree().toString(), "export", option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + System.lineSeparator());
    }

    @Test
    void writesTheTextfileForNRefreshesWithSharedOptionsBeforeOrAfter() throws Exception {
        Path out = dir.resolve("kleaktop.prom");
        CliRun r = run("--root", tree().toString(), "-d", "0.05", "export", "--textfile", out.toString(), "-n", "3", "-f", "^kleak|^dentry$");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("kleaktop export: writing " + out);
        String text = Files.readString(out);
        assertThat(text).contains("kleaktop_slab_cache_size_bytes{cache=\"dentry\"} ")
                .contains("kleaktop_slab_cache_size_bytes{cache=\"kleak_slab_obj\"} ")
                .contains("kleaktop_slab_cache_growth_bytes_per_second{cache=\"dentry\"} 0.0")
                .doesNotContain("cache=\"TCP\"");
    }

    @Test
    void oomKillsAndKmemleakSuspectsOfACapturedTree() throws Exception {
        Path root = tree();
        new Trees(root).file("dev/kmsg", Corpus.text("lab/run-memcg-v2/kmsg.txt"))
                .file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.txt"));
        Path out = dir.resolve("kleaktop.prom");
        CliRun r = run("export", "--root", root.toString(), "--textfile", out.toString(), "-n", "1");
        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(out);
        assertThat(text).contains("kleaktop_oom_kills_total{kind=\"global\"} 0.0\n")
                .contains("kleaktop_oom_kills_total{kind=\"memcg\"} 1.0\n")
                .contains("kleaktop_kmemleak_suspects 747.0\n")
                .contains("kleaktop_source_up{source=\"kmsg\"} 1.0\n")
                .contains("kleaktop_source_up{source=\"kmemleak\"} 1.0\n");
    }

    @Test
    void metricsOfASourceThatIsDownAreAbsentAndItsSourceUpIsZero() throws Exception {
        // a slabinfo with nothing else, as published fixtures are: no meminfo, log or kmemleak
        Path root = new Trees(dir.resolve("only-slabinfo"))
                .file("proc/slabinfo", Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt")).root();
        Path out = dir.resolve("down.prom");
        CliRun r = run("export", "--root", root.toString(), "--textfile", out.toString(), "-n", "1");
        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(out);
        assertThat(text).contains("kleaktop_slab_cache_size_bytes{cache=\"kmalloc-64\"}")
                .doesNotContain("kleaktop_meminfo_bytes{", "kleaktop_kmemleak_suspects ", "kleaktop_oom_kills_total{",
                        "kleaktop_slab_cache_growth_bytes_per_second{")
                .contains("kleaktop_source_up{source=\"slabinfo\"} 1.0\n", "kleaktop_source_up{source=\"meminfo\"} 0.0\n",
                        "kleaktop_source_up{source=\"kmsg\"} 0.0\n", "kleaktop_source_up{source=\"kmemleak\"} 0.0\n");
    }

    static int sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void aRunWhoseLastTextfileWriteFailedExitsOne() throws Exception {
        // a file system of its own that can be filled: a 1 MiB tmpfs (needs root)
        Path small = Files.createDirectories(dir.resolve("small"));
        assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", small.toString()) == 0, "cannot mount a tmpfs");
        try {
            Path out = small.resolve("kleaktop.prom");
            String root = tree().toString();
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                    () -> run("--root", root, "export", "--textfile", out.toString(), "-d", "1", "-n", "3"));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(out) && System.nanoTime() < deadline && !run.isDone()) Thread.sleep(10);
            assertThat(out).exists();   // the first write, at start, went through
            try (OutputStream fill = Files.newOutputStream(small.resolve("filler"))) {
                byte[] block = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) fill.write(block);
            } catch (IOException full) {
                // ENOSPC: the next writes of the textfile fail
            }
            CliRun r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("kleaktop: " + out + ": No space left on device")
                    .contains("kleaktop: " + out + ": the last write failed").doesNotContain("Exception");
            assertThat(r.err().lines()).allMatch(l -> l.startsWith("kleaktop"));
            assertThat(Files.readString(out)).contains("kleaktop_slab_cache_size_bytes{cache=\"dentry\"} ");   // the earlier one, whole
        } finally {
            sh("umount", "-l", small.toString());
        }
    }

    @Test
    void aBusyPortIsARuntimeFailure() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = run("export", "--root", tree().toString(), "--listen", "127.0.0.1:" + busy.getLocalPort(), "-n", "1");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("kleaktop: --listen 127.0.0.1:" + busy.getLocalPort() + ": Address already in use"
                    + System.lineSeparator());
        }
    }

    @Test
    void helpDocumentsTheDefaults() {
        CliRun r = run("export", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("127.0.0.1:9899").contains("--top").contains("--textfile").contains("index label")
                .contains("default 15");
    }
}
