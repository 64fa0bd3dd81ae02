package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import dev.kleaktop.testing.TwoTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.kleaktop.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kleaktop snapshot} and {@code kleaktop diff} through Main, as a user runs them. */
class SnapshotDiffCommandTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) { return CliRun.of(args); }

    private Path older;
    private Path newer;

    Path older() {
        if (older == null) older = TwoTrees.older(dir.resolve("old")).root();
        return older;
    }

    Path newer() {
        if (newer == null) newer = TwoTrees.newer(dir.resolve("new")).root();
        return newer;
    }

    /** Snapshots a tree into a file and returns the file. */
    Path snap(Path tree, String name) {
        Path f = dir.resolve(name);
        CliRun r = run("snapshot", "--root", tree.toString(), "-o", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(f + "\n");
        return f;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cache(Map<String, Object> doc, String name, int index) {
        return ((List<Map<String, Object>>) doc.get("caches")).stream()
                .filter(c -> c.get("name").equals(name) && ((Number) c.getOrDefault("index", 0)).intValue() == index)
                .findFirst().orElseThrow();
    }

    @Test
    void snapshotWritesAPrivateFileAndNeverOverwritesWithoutForce() throws Exception {
        Path f = snap(older(), "a.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        byte[] first = Files.readAllBytes(f);

        CliRun again = run("snapshot", "--root", older().toString(), "-o", f.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("kleaktop: " + f + ": already exists (use --force to replace it)\n");
        assertThat(Files.readAllBytes(f)).isEqualTo(first);

        CliRun forced = run("snapshot", "--root", newer().toString(), "-o", f.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)).contains("\"uptime_s\" : 4600.0");
    }

    @Test
    void sharedOptionsWorkBeforeAndAfterTheSubcommand() throws Exception {
        Path snaps = dir.resolve("state");
        CliRun before = run("--root", older().toString(), "--snapshot-dir", snaps.toString(), "snapshot");
        CliRun after = run("snapshot", "--snapshot-dir", snaps.toString(), "--root", newer().toString());
        assertThat(before.code()).as(before.err()).isZero();
        assertThat(after.code()).as(after.err()).isZero();
        Path a = Path.of(before.out().trim());
        Path b = Path.of(after.out().trim());
        assertThat(a.getParent()).isEqualTo(snaps);
        assertThat(b.getParent()).isEqualTo(snaps);
        assertThat(a.getFileName().toString()).matches("kleaktop-\\d{8}T\\d{6}Z-box1(-\\d+)?\\.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snaps))).isEqualTo("rwx------");
        // bare names are found in the snapshot directory, given before or after "diff"
        CliRun d = run("--snapshot-dir", snaps.toString(), "diff", a.getFileName().toString(), b.getFileName().toString(),
                "--format", "json");
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(JSON.std.mapFrom(d.out())).containsEntry("elapsed_s", 3600.0);
        CliRun json = run("snapshot", "--root", older().toString(), "--snapshot-dir", snaps.toString(), "--format", "json");
        assertThat(JSON.std.mapFrom(json.out()).get("path").toString()).startsWith(snaps.toString());
    }

    @Test
    void withoutSlabinfoNoSnapshotIsWritten() throws Exception {
        Path tree = older();
        Files.delete(tree.resolve("proc/slabinfo"));
        Path f = dir.resolve("x.json");
        CliRun r = run("snapshot", "--root", tree.toString(), "-o", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kleaktop: " + tree.resolve("proc/slabinfo") + ": not found")
                .endsWith("; no snapshot written\n");
        assertThat(f).doesNotExist();
    }

    @Test
    void withoutMeminfoTheSnapshotIsWrittenWithAWarning() throws Exception {
        Path tree = older();
        Files.delete(tree.resolve("proc/meminfo"));
        Path f = dir.resolve("x.json");
        CliRun r = run("snapshot", "--root", tree.toString(), "-o", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEqualTo("kleaktop: " + tree.resolve("proc/meminfo") + ": not found; the snapshot has no meminfo\n");
        assertThat(f).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void diffOfTwoCapturedTreesAsJsonHasTheKnownNumbers() throws Exception {
        Path a = snap(older(), "a.json");
        Path b = snap(newer(), "b.json");
        CliRun r = run("diff", a.toString(), b.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertThat(doc.keySet()).containsExactly("old", "new", "elapsed_s", "elapsed_basis", "across_reboot", "caches",
                "meminfo_delta", "kmemleak_new", "oom_events_new", "warnings");
        Map<String, Object> old = (Map<String, Object>) doc.get("old");
        assertThat(old).containsEntry("host", "box1").containsEntry("kernel", "6.18.44")
                .containsEntry("boot_id", TwoTrees.BOOT).containsEntry("file", a.toString()).containsKey("time");
        assertThat(doc).containsEntry("elapsed_s", 3600.0).containsEntry("across_reboot", false)
                .containsEntry("warnings", List.of());
        List<Map<String, Object>> caches = (List<Map<String, Object>>) doc.get("caches");
        assertThat(caches).extracting(c -> c.get("name"))
                .containsExactly("leaky", "nf_conntrack", "newcomer", "nf_conntrack", "vanishing", "dentry");
        assertThat(caches.get(0)).containsExactly(
                Map.entry("name", "leaky"), Map.entry("status", "changed"),
                Map.entry("old_size_bytes", 512000), Map.entry("new_size_bytes", 1024000),
                Map.entry("delta_bytes", 512000), Map.entry("delta_objs", 1000),
                Map.entry("rate_bytes_per_s", 142.2), Map.entry("reclaimable", false),
                Map.entry("aliases", List.of(":0000512", "kmalloc-512")));
        assertThat(cache(doc, "nf_conntrack", 1)).containsEntry("delta_bytes", 32768).containsEntry("delta_objs", 102);
        assertThat(cache(doc, "newcomer", 0)).containsEntry("status", "new").containsEntry("old_size_bytes", null)
                .containsEntry("delta_bytes", 4096);
        assertThat(cache(doc, "vanishing", 0)).containsEntry("status", "gone").containsEntry("new_size_bytes", null)
                .containsEntry("delta_bytes", -4096).containsEntry("rate_bytes_per_s", -1.1);
        assertThat((Map<String, Object>) doc.get("meminfo_delta")).containsEntry("slab_kb", 2048)
                .containsEntry("sunreclaim_kb", 2000).containsEntry("mem_available_kb", -10000)
                .containsEntry("kernel_stack_kb", null);
        assertThat(doc).containsEntry("kmemleak_new", List.of()).containsEntry("oom_events_new", List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void newDefaultsToTheTreeUnderRootReadNow() throws Exception {
        Path a = snap(older(), "a.json");
        CliRun r = run("--root", newer().toString(), "diff", a.toString(), "--format", "json", "-f", "^leak");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertThat((Map<String, Object>) doc.get("new")).containsEntry("file", null).containsEntry("uptime_s", 4600.0);
        assertThat((List<Object>) doc.get("caches")).hasSize(1);
        assertThat(cache(doc, "leaky", 0)).containsEntry("delta_bytes", 512000).containsEntry("rate_bytes_per_s", 142.2);
    }

    @Test
    void textLooksLikeBatchTextWithAHeaderAndTopRows() throws Exception {
        Path a = snap(older(), "a.json");
        Path b = snap(newer(), "b.json");
        CliRun r = run("diff", a.toString(), b.toString(), "--top", "3");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("kleaktop diff  OLD " + a + "  NEW " + b);
        assertThat(lines.get(1)).matches("OLD  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*  host box1  6\\.18\\.44  up 16m  boot 5b0c0d2e");
        assertThat(lines.get(2)).contains("up 1h16m");
        assertThat(lines.get(3)).isEqualTo("elapsed 1h0m0s (by uptime)");
        assertThat(lines.get(4)).isEqualTo("Slab 9.8M -> 11.8M (+2.0M)  SUnreclaim 5.9M -> 7.8M (+2.0M)"
                + "  SReclaimable 3.9M -> 4.0M (+48.0K)  MemAvail 4.8G -> 4.8G (-9.8M)");
        assertThat(lines.get(5)).isEqualTo("kmemleak: not read in NEW: not in the captured tree"
                + "  OOM: log not read in NEW: not found");
        assertThat(lines.get(7)).isEqualTo("NAME              OLD SIZE NEW SIZE   Δ SIZE   Δ OBJS      RATE F  STATUS");
        assertThat(lines.get(8)).isEqualTo("leaky               500.0K     1.0M  +500.0K    +1000    +142/s A");
        assertThat(lines.get(9)).isEqualTo("nf_conntrack#2           0    32.0K   +32.0K     +102      +9/s");
        assertThat(lines.get(10)).isEqualTo("newcomer                 -     4.0K    +4.0K      +64      +1/s    new");
        assertThat(lines.get(11)).isEqualTo("(3 more; --top N shows more)");
        assertThat(lines).hasSize(12);
    }

    @Test
    void filterMatchesAliasesCaseInsensitivelyAndNamesAreEscaped() throws Exception {
        Path old = older();
        Files.writeString(old.resolve("proc/slabinfo"), TwoTrees.line("evil\u001b[2Jcache", 1, 1, 64, 64, 1, 1),
                java.nio.file.StandardOpenOption.APPEND);
        Path a = snap(old, "a.json");
        Path b = snap(newer(), "b.json");
        CliRun r = run("diff", a.toString(), b.toString(), "-f", "KMALLOC-5|evil");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u001b");
        List<String> rows = r.out().lines().dropWhile(l -> !l.startsWith("NAME")).skip(1).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("leaky ");
        assertThat(rows.get(1)).startsWith("evil\\x1b[2Jcache ").endsWith("gone");
    }

    @Test
    void aRebootInBetweenIsWarnedAndHasNoRates() throws Exception {
        Path a = snap(older(), "a.json");
        Path b = snap(TwoTrees.newer(dir.resolve("rebooted"), "box1", "6.18.45", TwoTrees.OTHER_BOOT, "300.00").root(),
                "b.json");
        CliRun r = run("diff", a.toString(), b.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ACROSS A REBOOT: no rates")
                .contains("warning: different kernel: OLD runs 6.18.44, NEW runs 6.18.45")
                .contains("warning: different boot_id: the system rebooted");
        assertThat(r.out().lines().filter(l -> l.startsWith("leaky ")).findFirst().orElseThrow()).contains(" - ");
    }

    @Test
    void everyDamagedSnapshotIsOneLineExitOneAndNoOutput() throws Exception {
        Path good = snap(older(), "good.json");
        byte[] bytes = Files.readAllBytes(good);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("", "empty file, not a kleaktop snapshot");
        cases.put(text.substring(0, text.length() / 3), "truncated JSON: the file ends at line ");
        cases.put("{\"caches\": []}", "not a kleaktop snapshot (no \"format\" field)");
        cases.put(text.replace("\"kleaktop-snapshot\"", "\"other\""), "not a kleaktop snapshot (format is string \"other\"");
        cases.put(text.replace("\"version\" : 1", "\"version\" : 7"), "snapshot format version 7 is newer than this kleaktop");
        cases.put(text.replace("\"num_slabs\" : 125,", ""), "missing field caches[0].num_slabs");
        cases.put(text.replace("\"num_slabs\" : 125", "\"num_slabs\" : \"125\""),
                "caches[0].num_slabs: expected an integer, found string \"125\"");
        cases.put(text + "{}", "not valid JSON: unexpected data after the end of the snapshot");
        cases.put("\u0000\u0001garbage\u001b[2J", "not valid JSON at line 1, column 2: Illegal character");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path bad = dir.resolve("bad" + (i++) + ".json");
            Files.writeString(bad, c.getKey());
            for (String[] args : List.of(new String[] {"diff", bad.toString(), good.toString()},
                    new String[] {"diff", good.toString(), bad.toString(), "--format", "json"},
                    new String[] {"--root", newer().toString(), "diff", bad.toString()})) {
                CliRun r = run(args);
                assertThat(r.code()).as(Arrays.toString(args) + " " + c.getValue()).isEqualTo(1);
                assertThat(r.out()).as("no partial diff").isEmpty();
                assertThat(r.err()).startsWith("kleaktop: " + bad + ": " + c.getValue()).endsWith("\n")
                        .doesNotContain("\u001b").doesNotContain("\tat ").doesNotContain("Exception");
                assertThat(r.err().lines()).hasSize(1);
            }
        }
        CliRun missing = run("diff", dir.resolve("nope.json").toString(), good.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("kleaktop: " + dir.resolve("nope.json") + ": not found\n");
        CliRun directory = run("diff", dir.toString(), good.toString());
        assertThat(directory.err()).isEqualTo("kleaktop: " + dir + ": is a directory, not a snapshot file\n");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path good = snap(older(), "good.json");
        assertThat(run("diff").code()).isEqualTo(2);
        assertThat(run("diff", good.toString(), good.toString(), "--top", "0").err())
                .isEqualTo("kleaktop: --top: must be 1 or more, not 0\n");
        assertThat(run("diff", good.toString(), good.toString(), "--format", "csv").code()).isEqualTo(2);
        assertThat(run("diff", good.toString(), good.toString(), "-f", "(").code()).isEqualTo(2);
        assertThat(run("diff", good.toString(), good.toString(), good.toString()).code()).isEqualTo(2);
        assertThat(run("snapshot", "--format", "csv").code()).isEqualTo(2);
        CliRun same = run("diff", good.toString(), good.toString());
        assertThat(same.code()).isZero();
        assertThat(same.out()).contains("warning: no time passed between OLD and NEW: rates are not computed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kmemleakGroupsAndOomKillsBetweenTwoCapturedTrees() throws Exception {
        String kmsg = Corpus.text("lab/run-memcg-v2/kmsg.txt");
        String beforeOom = String.join("\n", kmsg.lines().limit(500).toList()) + "\n";
        Path oldTree = older();
        new Trees(oldTree).file("proc/uptime", "20.00 30.00\n").file("dev/kmsg", beforeOom)
                .file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt"));
        Path newTree = newer();
        new Trees(newTree).file("proc/uptime", "40.00 70.00\n").file("dev/kmsg", kmsg)
                .file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.txt"));
        Path a = snap(oldTree, "a.json");
        Path b = snap(newTree, "b.json");
        Map<String, Object> snapB = JSON.std.mapFrom(Files.readString(b));
        assertThat((Map<String, Object>) snapB.get("kmemleak")).containsEntry("status", "ok")
                .containsEntry("record_count", 747).containsEntry("total_bytes", 465216);
        assertThat((List<Object>) snapB.get("oom_events")).hasSize(1);

        CliRun r = run("diff", a.toString(), b.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertThat(doc).containsEntry("elapsed_s", 20.0).containsEntry("warnings", List.of());
        List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("kmemleak_new");
        assertThat(groups).hasSize(14);
        assertThat(groups.get(0)).containsEntry("top_frame", "kleak_leak_batch+0x1f/0x30 [kleak_slab]")
                .containsEntry("count", 640).containsEntry("comms", List.of("kworker/0:1"))
                .containsKeys("key", "total_size", "sample_address");
        List<Map<String, Object>> ooms = (List<Map<String, Object>>) doc.get("oom_events_new");
        assertThat(ooms).singleElement().satisfies(e -> assertThat(e).containsEntry("victim_pid", 257)
                .containsEntry("victim_comm", "memhog").containsEntry("kind", "memcg"));

        CliRun text = run("diff", a.toString(), b.toString(), "--top", "1");
        assertThat(text.out()).contains("kmemleak: 14 new groups  OOM: 1 new event")
                .contains("kmemleak groups new in NEW:\n  640x512B kleak_leak_batch+0x1f/0x30 [kleak_slab] kworker/0:1\n")
                .endsWith("OOM events between OLD and NEW:\n  up 31.2s memcg /oomtest memhog[257]  rss 32.3M\n");
    }

    @Test
    void namedLogAndReportFilesAreReadAndMustExist() throws Exception {
        Path f = dir.resolve("x.json");
        Path log = Corpus.path("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log");
        Path report = Corpus.path("lab/run-memcg-v2/kmemleak.scan1.txt");
        CliRun ok = run("snapshot", "--root", older().toString(), "-o", f.toString(), "--dmesg-file", log.toString(),
                "--kmemleak-file", report.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(Files.readString(f));
        assertThat((List<Object>) doc.get("oom_events")).isNotEmpty();
        assertThat(((Map<String, Object>) doc.get("kmemleak")).get("record_count")).isEqualTo(5);
        Path missing = dir.resolve("nope.log");
        CliRun bad = run("snapshot", "--root", older().toString(), "-o", dir.resolve("y.json").toString(),
                "--dmesg-file", missing.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("kleaktop: " + missing + ": not found\n");
        assertThat(dir.resolve("y.json")).doesNotExist();
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        snap(older(), "a.json");
        CliRun r = run("snapshot", "--root", older().toString(), "-o", dir.resolve("a.json").toString());
        assertThat(r.code()).isEqualTo(1);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.json", "old");
        }
    }
}
