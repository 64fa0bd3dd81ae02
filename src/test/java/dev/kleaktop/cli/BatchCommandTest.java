package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.kleaktop.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) { return CliRun.of(args); }

    @Test
    void textOnACapturedTreeLooksLikeTopB() {
        Trees.labFinal(dir);
        CliRun r = run("-b", "-n", "1", "--root", dir.toString(), "-s", "size");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("kleaktop  host kmemlab  6.1.192-kmemlab  up 20m");
        assertThat(lines.get(1)).startsWith("Slab 12.4M  SUnreclaim 9.7M  SReclaimable 2.7M  Unacct 1.8M  MemAvail ");
        // the captured tree has no kernel log and no debugfs: the header says so, then a blank line
        assertThat(lines.subList(2, 5)).containsExactly(
                "unavailable: kmsg: not found", 
                "unavailable: kmemleak: not in the captured tree", "");
        assertThat(lines.get(5)).matches("NAME +OBJS +ACTIVE +USE OBJSIZE +SIZE +Δ START +RATE F");
        // sorted by size, largest first; the header and every row align on the SIZE column
        int sizeEnd = lines.get(5).indexOf("SIZE") + 4;
        for (String row : lines.subList(6, lines.size())) {
            assertThat(row.charAt(sizeEnd - 1)).as(row).isNotEqualTo(' ');
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("kleak_slab_obj +675 +675 +100% +520 +360\\.0K +0 +- *"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("dentry .* R$"));
    }

    @Test
    void jsonHasSpecFieldNames() throws Exception {
        Trees.labFinal(dir);
        CliRun r = run("-b", "-n", "2", "-d", "0", "--root", dir.toString(), "--format", "json", "-f", "^kleak");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        Map<String, Object> doc = JSON.std.mapFrom(lines.get(1));
        assertThat(doc).containsKeys("time", "uptime_s", "host", "kernel", "interval_s", "window_s", "meminfo",
                "caches", "kmemleak", "oom_events", "sources");
        assertThat(doc.get("host")).isEqualTo("kmemlab");
        assertThat(doc.get("interval_s")).isEqualTo(0.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> mem = (Map<String, Object>) doc.get("meminfo");
        assertThat(mem).containsEntry("slab_kb", 12668).containsEntry("sunreclaim_kb", 9904)
                .containsKeys("mem_total_kb", "mem_available_kb", "sreclaimable_kb");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> caches = (List<Map<String, Object>>) doc.get("caches");
        assertThat(caches).hasSize(1);
        Map<String, Object> c = caches.get(0);
        assertThat(c.keySet()).containsAll(List.of("name", "active_objs", "num_objs", "objsize", "objperslab",
                "pagesperslab", "active_slabs", "num_slabs", "size_bytes", "active_bytes", "use_pct",
                "growth_bytes_per_s", "growth_objs_per_s", "delta_bytes", "delta_objs", "reclaimable", "aliases",
                "leak_suspect"));
        assertThat(c).containsEntry("name", "kleak_slab_obj").containsEntry("size_bytes", 368640)
                .containsEntry("active_bytes", 351000).containsEntry("reclaimable", false)
                .containsEntry("leak_suspect", false);
        // two samples of an unchanged tree: a known rate of zero (the first line has it unknown)
        assertThat(((Number) c.get("growth_bytes_per_s")).doubleValue()).isZero();
        Map<String, Object> first = JSON.std.mapFrom(lines.get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> c0 = ((List<Map<String, Object>>) first.get("caches")).get(0);
        assertThat(c0).containsEntry("growth_bytes_per_s", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) doc.get("sources");
        assertThat(sources).containsEntry("slabinfo", "ok").containsEntry("meminfo", "ok");
    }

    @Test
    void csvHasAHeaderOnceAndQuotesNames() {
        new Trees(dir).file("proc/slabinfo", "slabinfo - version: 2.1\n"
                + "we,ird\"name      1      1    64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n")
                .file("proc/meminfo", "Slab: 4 kB\n");
        CliRun r = run("-b", "-n", "2", "-d", "0", "--root", dir.toString(), "--format", "csv");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("time,name,active_objs,num_objs,objsize,");
        assertThat(lines.get(1)).contains(",\"we,ird\"\"name\",1,1,64,64,1,1,1,4096,64,100,,,0,0,,,false");
    }

    @Test
    void slabtopLettersSortAsInSlabtop() {
        new Trees(dir).file("proc/slabinfo", Corpus.text("slabinfo/jc-fixtures-linux-proc-slub-5x.txt"))
                .file("proc/meminfo", "Slab: 4 kB\n");
        CliRun byName = run("-b", "-n", "1", "--root", dir.toString(), "-s", "n");
        List<String> lines = byName.out().lines().toList();
        List<String> names = lines.subList(lines.indexOf(lines.stream().filter(l -> l.startsWith("NAME")).findFirst()
                .orElseThrow()) + 1, lines.size()).stream().map(l -> l.split(" +")[0]).toList();
        assertThat(names).hasSize(145).contains("btrfs_delayed_node");
        assertThat(names).isSortedAccordingTo(String::compareTo);
        CliRun byObjs = run("-b", "-n", "1", "--root", dir.toString(), "-s", "o", "--format", "csv");
        List<Long> objs = byObjs.out().lines().skip(1).map(l -> Long.parseLong(l.split(",")[3])).toList();
        assertThat(objs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void unreadableSlabinfoIsReportedAndTheRestWorks() throws Exception {
        new Trees(dir).file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        CliRun r = run("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("kleaktop: " + dir.resolve("proc/slabinfo")
                + ": not found (kernel without CONFIG_SLUB_DEBUG/CONFIG_SLAB, or not a captured tree)");
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertThat(doc.get("caches")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) doc.get("sources");
        assertThat((String) sources.get("slabinfo")).startsWith("not found");
        assertThat(sources.get("meminfo")).isEqualTo("ok");
    }

    @Test
    void aNamedLogOrReportThatCannotBeReadIsAnErrorAfterTheFrame() {
        Trees.labFinal(dir);
        Path log = dir.resolve("no-such.log");
        Path report = dir.resolve("no-such-kmemleak.txt");
        CliRun r = run("-b", "-n", "1", "--root", dir.toString(), "--dmesg-file", log.toString(),
                "--kmemleak-file", report.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("NAME").contains("dentry"); // the frame is printed, as for slabinfo
        assertThat(r.err()).isEqualTo("kleaktop: " + log + ": not found\nkleaktop: " + report + ": not found\n");
        // the same files, readable: no error
        CliRun ok = run("-b", "-n", "1", "--root", dir.toString(), "--dmesg-file",
                Corpus.path("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).isEmpty();
    }

    @Test
    void aCorruptSlabinfoNamesTheFileAndLine() {
        new Trees(dir).file("proc/slabinfo", "slabinfo - version: 2.1\ngarbage line here\nmore\n").file("proc/meminfo", "");
        CliRun r = run("-b", "-n", "1", "--root", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("kleaktop: " + dir.resolve("proc/slabinfo")
                + ":2: unrecognised slabinfo line: garbage line here");
    }

    @Test
    void usageErrorsAreOneLineAndExit2() {
        for (String[] args : List.of(new String[] {"--bogus"}, new String[] {"-b", "-s", "nosuch"},
                new String[] {"-b", "-n", "0"}, new String[] {"-b", "-d", "-1"}, new String[] {"-b", "-f", "("},
                new String[] {"-b", "--format", "xml"}, new String[] {"-b", "-w", "0"},
                new String[] {"-b", "--root", "/nonexistent/dir"}, new String[] {"-b", "-d", "abc"})) {
            CliRun r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("kleaktop: ").hasLineCount(1);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void interactiveModeWithoutATerminalPointsToBatch() {
        CliRun r = run("--root", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not a terminal").contains("-b");
    }

    @Test
    void versionAndHelp() {
        CliRun v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).matches("kleaktop \\d+\\.\\d+\\.\\d+.*\\s*");
        CliRun h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("--batch", "--root", "--window", "--format");
        assertThat(h.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    }
}
