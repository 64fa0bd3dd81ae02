package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kleaktop kmemleak} and {@code kleaktop oom} on what the e2e lab guest's kernel
 * wrote (corpus/lab-e2e): the kmemleak report after two scans and the raw /dev/kmsg records
 * with the memcg OOM kill of memhog.
 */
class LabEventsTest {
    @TempDir
    Path dir;

    static Map<String, Object> json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.std.mapFrom(r.out());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> doc, String key) {
        return (List<Map<String, Object>>) doc.get(key);
    }

    @Test
    void oneFunctionsLeaksFromTwoCallPathsAreTwoGroupsWithOneTopFrame() throws Exception {
        Path f = dir.resolve("kmemleak.txt");
        Files.write(f, Corpus.bytes("lab-e2e/kmemleak.txt"));
        Map<String, Object> doc = json("kmemleak", "report", "--file", f.toString(), "--format", "json");
        assertThat(doc).containsEntry("count", 481);
        assertThat(list(doc, "records")).hasSize(481);
        List<Map<String, Object>> groups = list(doc, "groups");
        // kleak_leak_batch ran once from module init (insmod run as "busybox insmod") and then
        // from the work item: different backtraces, the same top frame
        List<Map<String, Object>> kleak = groups.stream()
                .filter(g -> "kleak_leak_batch+0x1f/0x30 [kleak_slab]".equals(g.get("top_frame"))).toList();
        assertThat(kleak).extracting(g -> g.get("count")).containsExactlyInAnyOrder(400, 8);
        assertThat(kleak).extracting(g -> g.get("comms")).containsExactlyInAnyOrder(List.of("kworker/1:1"), List.of("busybox"));
        assertThat(kleak).allSatisfy(g -> assertThat(((Number) g.get("total_size")).longValue())
                .isEqualTo(((Number) g.get("count")).longValue() * 4096));
        assertThat(groups.get(0)).containsEntry("count", 400);
        // kmemleak-test was unloaded before the scans: its frames are bare addresses, and one
        // of them is the top frame of the list-node leaks (10 a load, 3 loads)
        assertThat(groups).anySatisfy(g -> {
            assertThat(g.get("top_frame")).isEqualTo("0xffffffffa00051d2");
            assertThat(g.get("count")).isEqualTo(30);
            assertThat(g.get("comms")).isEqualTo(List.of("insmod"));
        });
    }

    @Test
    void theMemcgOomKillFromRawKmsgRecords() throws Exception {
        new Trees(dir).file("dev/kmsg", Corpus.text("lab-e2e/kmsg.txt"));
        Map<String, Object> doc = json("oom", "--root", dir.toString(), "--format", "json");
        assertThat(list(doc, "events")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("kind", "memcg")
                .containsEntry("constraint", "CONSTRAINT_MEMCG")
                .containsEntry("trigger_comm", "memhog")
                .containsEntry("victim_pid", 369)
                .containsEntry("victim_comm", "memhog")
                .containsEntry("oom_memcg", "/oomtest")
                .containsEntry("task_memcg", "/oomtest")
                .containsEntry("anon_rss_kb", 32412)
                .containsEntry("uptime_s", 66.529866));
    }

    @Test
    void theSameKillFromTheBusyboxDmesgCopy() throws Exception {
        Path f = dir.resolve("dmesg.txt");
        Files.write(f, Corpus.bytes("lab-e2e/dmesg.txt"));
        Map<String, Object> doc = json("oom", "--dmesg-file", f.toString(), "--format", "json");
        assertThat(list(doc, "events")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("victim_pid", 369).containsEntry("victim_comm", "memhog").containsEntry("kind", "memcg"));
    }
}
