package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.kleaktop.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kleaktop oom}, {@code kleaktop kmemleak} and the kmemleak/OOM parts of batch output. */
class EventCommandsTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) { return CliRun.of(args); }

    Path corpusFile(String name) throws Exception {
        Path p = dir.resolve(name.replace('/', '_'));
        Files.write(p, Corpus.bytes(name));
        return p;
    }

    @Test
    void oomFromASavedLogAsText() throws Exception {
        Path log = corpusFile("lab/run-memcg-v2/dmesg.txt");
        CliRun r = run("oom", "--dmesg-file", log.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("WHEN +KIND/MEMCG +VICTIM +RSS +ADJ +TOP UNRECLAIMABLE SLAB +REPORT");
        assertThat(lines.get(1)).matches("up 31\\.\\d+s +memcg /oomtest +memhog\\[257\\] +32\\.3M +0 + complete");
        assertThat(lines).last().asString().isEqualTo("1 OOM-killer event in " + log);
    }

    @Test
    void oomListsEveryEventOfALongLogNotOnlyWhatTheScreenKeeps() throws Exception {
        String one = new String(Corpus.bytes("lab/run-memcg-v2/dmesg.txt"), java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100; i++) b.append(one).append('\n');
        Path log = dir.resolve("hundred.log");
        Files.writeString(log, b);
        CliRun r = run("oom", "--dmesg-file", log.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat((List<?>) JSON.std.mapFrom(r.out()).get("events")).hasSize(100);
        CliRun t = run("oom", "--dmesg-file", log.toString());
        assertThat(t.out().lines().toList()).last().asString().isEqualTo("100 OOM-killer events in " + log);
    }

    @Test
    void oomAsJsonHasSpecFields() throws Exception {
        Path log = corpusFile("oom/lkml-xfs-mcgrof-6.10-rc1-journalctl-alloc-profiling-unreclaimable-slab.log");
        CliRun r = run("oom", "--dmesg-file", log.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) doc.get("events");
        assertThat(events).hasSize(1);
        Map<String, Object> e = events.get(0);
        assertThat(e.keySet()).containsExactly("uptime_s", "time", "kind", "constraint", "trigger_comm", "gfp_mask",
                "order", "victim_pid", "victim_comm", "total_vm_kb", "anon_rss_kb", "file_rss_kb", "shmem_rss_kb",
                "oom_score_adj", "oom_memcg", "task_memcg", "unreclaimable_slab", "reaped", "complete", "missing");
        assertThat(e).containsEntry("victim_pid", 2102).containsEntry("victim_comm", "531")
                .containsEntry("kind", "global").containsEntry("oom_score_adj", 250);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slab = (List<Map<String, Object>>) e.get("unreclaimable_slab");
        assertThat(slab).isNotEmpty().allSatisfy(s -> assertThat(s).containsOnlyKeys("name", "used_kb", "total_kb"));
    }

    @Test
    void oomOfLogsFilteredWithGrepShowsPartialEvents() throws Exception {
        // the VM's report cut to its oom-kill: line (dmesg | grep oom-kill:), then a header alone
        String grep = Corpus.text("oom/kleaktop-vm-6.18.44-memcg-v1-tail-grep-oom-kill.log");
        String header = Corpus.text("oom/kleaktop-vm-6.18.44-memcg-v1-tail-full-report.log").lines().findFirst().orElseThrow();
        Path log = dir.resolve("grep.log");
        Files.writeString(log, grep + header.replace("342.377961", "400.000000") + "\n");
        CliRun r = run("oom", "--dmesg-file", log.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) JSON.std.mapFrom(r.out()).get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).containsEntry("victim_pid", 7729).containsEntry("victim_comm", "tail")
                .containsEntry("oom_memcg", "/kleaktop-capture-i15").containsEntry("complete", false)
                .containsEntry("missing", List.of("header", "killed_process")).containsEntry("anon_rss_kb", null);
        assertThat(events.get(1)).containsEntry("trigger_comm", "tail").containsEntry("victim_pid", null)
                .containsEntry("complete", false).containsEntry("missing", List.of("killed_process"));
        CliRun t = run("oom", "--dmesg-file", log.toString());
        List<String> lines = t.out().lines().toList();
        assertThat(lines.get(1)).matches("up 342\\.4s +memcg /kleaktop-capture-i15 +tail\\[7729\\] +- +- +partial: no header, no Killed process line");
        assertThat(lines.get(2)).matches("up 400\\.0s +\\? +- +- +- +partial: no Killed process line");
        assertThat(lines).last().asString().isEqualTo("2 OOM-killer events in " + log + " (1 kill); 2 from partial reports (see REPORT)");
    }

    @Test
    void oomFromACapturedTreesKmsg() throws Exception {
        new Trees(dir).file("dev/kmsg", Corpus.text("lab/run-memcg-v2/kmsg.txt"));
        CliRun r = run("oom", "--root", dir.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"victim_comm\":\"memhog\"").contains("\"oom_memcg\":\"/oomtest\"");
    }

    @Test
    void oomOnAMissingFileIsOneLineExit1() {
        CliRun r = run("oom", "--dmesg-file", dir.resolve("nope.log").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("kleaktop: " + dir.resolve("nope.log") + ": not found");
    }

    @Test
    void kmemleakReportFromASavedFile() throws Exception {
        Path f = corpusFile("lab/run-memcg-v2/kmemleak.txt");
        CliRun text = run("kmemleak", "report", "--file", f.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("kmemleak: 747 suspects, ");
        assertThat(text.out()).containsPattern("\\n +640 +320\\.0K +memory leak in kleak_leak_batch +kleak_leak_batch\\+0x1f/0x30 \\[kleak_slab\\] +kworker/0:1\\n");
        assertThat(text.out()).containsPattern("\\nCOUNT +SIZE +TITLE +TOP FRAME +COMMS\\n");
        CliRun json = run("kmemleak", "--kmemleak-file", f.toString(), "--format", "json");
        Map<String, Object> doc = JSON.std.mapFrom(json.out());
        assertThat(doc).containsKeys("status", "records", "groups").containsEntry("count", 747);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("groups");
        assertThat(groups.get(0)).containsKeys("key", "count", "total_size", "top_frame", "title", "comms", "sample_address")
                .containsEntry("title", "memory leak in kleak_leak_batch")
                .containsEntry("count", 640).containsEntry("top_frame", "kleak_leak_batch+0x1f/0x30 [kleak_slab]");
    }

    @Test
    void scanAndClearNeverOverwriteACapturedReport() throws Exception {
        String report = Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt");
        new Trees(dir).file("sys/kernel/debug/kmemleak", report);
        Path km = dir.resolve("sys/kernel/debug/kmemleak");
        for (String action : List.of("scan", "clear")) {
            CliRun r = run("kmemleak", action, "--root", dir.toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().trim()).isEqualTo("kleaktop: " + km + ": cannot " + action
                    + " a captured tree (--root) (run on the live system without --root)");
            assertThat(Files.readString(km)).isEqualTo(report);
        }
        CliRun saved = run("kmemleak", "scan", "--file", km.toString());
        assertThat(saved.code()).isEqualTo(1);
        assertThat(saved.err()).contains("cannot scan a saved report");
    }

    @Test
    void readOnlyRefusesWritesAndWritesNothing() throws Exception {
        new Trees(dir).file("sys/kernel/debug/kmemleak", "");
        for (String action : List.of("scan", "clear")) {
            CliRun r = run("--read-only", "kmemleak", action, "--root", dir.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("kleaktop: " + dir.resolve("sys/kernel/debug/kmemleak") + ": refused to "
                    + action + ": --read-only").hasLineCount(1);
            assertThat(Files.readString(dir.resolve("sys/kernel/debug/kmemleak"))).isEmpty();
        }
    }

    @Test
    void unavailableKmemleakStates() throws Exception {
        CliRun none = run("kmemleak", "--root", dir.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err().trim()).isEqualTo("kleaktop: " + dir.resolve("sys/kernel/debug/kmemleak")
                + ": not in the captured tree");
        Files.createDirectories(dir.resolve("sys/kernel/debug"));
        CliRun unmounted = run("kmemleak", "--root", dir.toString());
        assertThat(unmounted.err()).contains("debugfs not mounted (mount -t debugfs none /sys/kernel/debug)");
        new Trees(dir).file("sys/kernel/debug/tracing/x", "");
        CliRun noConfig = run("kmemleak", "--root", dir.toString());
        assertThat(noConfig.code()).isEqualTo(1);
        assertThat(noConfig.err()).contains("CONFIG_DEBUG_KMEMLEAK");
        CliRun bad = run("kmemleak", "frobnicate", "--root", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void batchJsonCarriesKmemleakAndOomParts() throws Exception {
        Trees.labFinal(dir).file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.txt"))
                .file("dev/kmsg", Corpus.text("lab/run-memcg-v2/kmsg.txt"));
        CliRun r = run("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> km = (Map<String, Object>) doc.get("kmemleak");
        assertThat(km).containsEntry("status", "ok").containsEntry("count", 747);
        assertThat((List<?>) km.get("groups")).hasSize(17);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> oom = (List<Map<String, Object>>) doc.get("oom_events");
        assertThat(oom).hasSize(1).first().satisfies(e -> assertThat(e).containsEntry("victim_comm", "memhog")
                .containsEntry("complete", true).containsEntry("missing", List.of()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) km.get("groups");
        assertThat(groups.get(0)).containsEntry("title", "memory leak in kleak_leak_batch");
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) doc.get("sources");
        assertThat(sources).containsEntry("kmsg", "ok").containsEntry("kmemleak", "ok");
        CliRun text = run("-b", "-n", "1", "--root", dir.toString());
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow()).endsWith("kmemleak 747  OOM 1");
    }

    @Test
    void batchJsonCarriesAPartialEventFromARawKmsgRecordAlone() throws Exception {
        // the VM's real report with only its oom-kill: record left (raw /dev/kmsg)
        String rec = Corpus.text("kmsg/kleaktop-vm-6.18.44-memcg-v1-tail-report.kmsg").lines()
                .filter(l -> l.contains(";oom-kill:")).findFirst().orElseThrow();
        Trees.labFinal(dir).file("dev/kmsg", rec + "\n");
        CliRun r = run("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> oom = (List<Map<String, Object>>) JSON.std.mapFrom(r.out()).get("oom_events");
        assertThat(oom).singleElement().satisfies(e -> assertThat(e).containsEntry("victim_pid", 7729)
                .containsEntry("kind", "memcg").containsEntry("complete", false)
                .containsEntry("missing", List.of("header", "killed_process")).containsEntry("total_vm_kb", null));
    }

    @Test
    void untrustedCommsAreEscapedInText() throws Exception {
        Path log = dir.resolve("evil.log");
        Files.writeString(log, "[  10.000000] evil invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
                + "[  10.100000] Out of memory: Killed process 42 (ev\u001b[2Jil) total-vm:100kB, anon-rss:10kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n");
        CliRun r = run("oom", "--dmesg-file", log.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").contains("ev\\x1b[2Jil[42]");
    }
}
