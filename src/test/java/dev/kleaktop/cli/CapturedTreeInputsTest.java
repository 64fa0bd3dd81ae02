package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured trees as they reach a support engineer: a slabinfo pasted from a mailing list or
 * taken from another project's fixtures, with nothing else; a tree that saved its kernel log
 * and says when it was captured. All real data from the corpus.
 */
class CapturedTreeInputsTest {
    @TempDir
    Path dir;

    static final String FIXTURE = "slabinfo/prometheus-procfs-fixtures-slub-300caches.txt";

    Path slabinfoOnly() {
        return new Trees(dir.resolve("only-slabinfo")).file("proc/slabinfo", Corpus.text(FIXTURE)).root();
    }

    @Test
    void aTreeWithOnlySlabinfoIsShownWithTheOtherSourcesUnavailableAndSucceeds() throws Exception {
        Path tree = slabinfoOnly();
        CliRun text = CliRun.of("-b", "-n", "1", "--root", tree.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).contains("unavailable: meminfo: not found", "kmalloc-64");

        CliRun json = CliRun.of("-b", "-n", "1", "--root", tree.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(json.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) doc.get("sources");
        assertThat(sources).containsEntry("slabinfo", "ok").containsEntry("meminfo", "not found");
        assertThat((List<?>) doc.get("caches")).hasSizeGreaterThan(200);

        Path snap = dir.resolve("s.json");
        CliRun s = CliRun.of("snapshot", "--root", tree.toString(), "-o", snap.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(snap).isRegularFile();
        CliRun d = CliRun.of("diff", snap.toString(), "--root", tree.toString());
        assertThat(d.code()).as(d.err()).isZero();
        CliRun d2 = CliRun.of("diff", snap.toString(), snap.toString());
        assertThat(d2.code()).as(d2.err()).isZero();
    }

    @Test
    void onlyAnUnreadableSlabinfoFailsTheRun() {
        Path tree = new Trees(dir.resolve("meminfo-only")).file("proc/meminfo", "MemTotal: 1000 kB\n").root();
        CliRun r = CliRun.of("-b", "-n", "1", "--root", tree.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("kleaktop: " + tree.resolve("proc/slabinfo") + ": not found").hasLineCount(1);
    }

    @Test
    void theKernelLogSavedInTheTreeIsReadWhenNoDmesgFileIsGiven() throws Exception {
        String log = "oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log";
        Path tree = new Trees(dir.resolve("with-log")).file("proc/slabinfo", Corpus.text(FIXTURE))
                .file("dmesg.txt", Corpus.text(log)).root();
        CliRun json = CliRun.of("-b", "-n", "1", "--root", tree.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(json.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) doc.get("sources");
        assertThat(sources).containsEntry("dmesg_file", "ok").doesNotContainKey("kmsg");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) doc.get("oom_events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).containsEntry("victim_comm", "leaker").containsEntry("oom_memcg", "/leaker");

        // the same events as --dmesg-file of that file, and oom names the file it read
        CliRun named = CliRun.of("oom", "--dmesg-file", Corpus.path(log).toString(), "--format", "json");
        CliRun fromTree = CliRun.of("oom", "--root", tree.toString(), "--format", "json");
        assertThat(fromTree.code()).as(fromTree.err()).isZero();
        assertThat(fromTree.out()).isEqualTo(named.out());
        assertThat(CliRun.of("oom", "--root", tree.toString()).out()).contains("1 OOM-killer event in " + tree.resolve("dmesg.txt"));

        // --dmesg-file still wins, and a tree with its own dev/kmsg reads that
        Path other = Corpus.path("oom/cadvisor-systemOomExampleLog-global-3.13.log");
        CliRun over = CliRun.of("oom", "--root", tree.toString(), "--dmesg-file", other.toString(), "--format", "json");
        assertThat(over.out()).contains("badsysprogram").doesNotContain("leaker");
        Files.createDirectories(tree.resolve("dev"));
        Files.writeString(tree.resolve("dev/kmsg"), Corpus.text("kmsg/go-kmsg-parser-testdata-sample1.kmsg"));
        CliRun kmsg = CliRun.of("-b", "-n", "1", "--root", tree.toString(), "--format", "json");
        assertThat(kmsg.out()).contains("\"kmsg\":\"ok\"").doesNotContain("dmesg_file");
    }

    @Test
    void theHeaderOfATreeThatSaysWhenItWasCapturedShowsThatTime() {
        Instant at = Instant.parse("2026-11-26T02:33:56Z");
        Path tree = new Trees(dir.resolve("dated")).file("proc/slabinfo", Corpus.text(FIXTURE))
                .file("captured_at", "2026-11-26T02:33:56Z\n").root();
        CliRun r = CliRun.of("-b", "-n", "1", "--root", tree.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String first = r.out().lines().findFirst().orElseThrow();
        String shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(LocalDateTime.ofInstant(at, SystemZone.get()));
        assertThat(first).endsWith("  captured " + shown);

        // an offset, as date -Iseconds writes it, is the same instant; garbage is no time at all
        new Trees(tree).file("captured_at", "2026-11-26T03:33:56+01:00\n");
        assertThat(CliRun.of("-b", "-n", "1", "--root", tree.toString()).out().lines().findFirst().orElseThrow())
                .endsWith("  captured " + shown);
        new Trees(tree).file("captured_at", "last tuesday\n");
        assertThat(CliRun.of("-b", "-n", "1", "--root", tree.toString()).out().lines().findFirst().orElseThrow())
                .doesNotContain("captured").matches(".*  \\d\\d:\\d\\d:\\d\\d");
    }
}
