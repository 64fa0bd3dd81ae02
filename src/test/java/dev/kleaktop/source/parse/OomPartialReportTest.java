package dev.kleaktop.source.parse;

import dev.kleaktop.model.OomEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real OOM reports cut the way real logs cut them: filtered with grep, truncated after the
 * header, old kernels' lines, raw /dev/kmsg records. Each cut is made from a corpus file, so
 * every line is the kernel's own; the full report still gives one complete event.
 */
class OomPartialReportTest {
    /** Captured on this project's VM (6.18.44, cgroup v1 memcg of 16 MiB; see corpus/SOURCES-added.md). */
    static final String VM = "oom/kleaktop-vm-6.18.44-memcg-v1-tail-full-report.log";
    static final String VM_GREP = "oom/kleaktop-vm-6.18.44-memcg-v1-tail-grep-oom-kill.log";
    static final String VM_KMSG = "kmsg/kleaktop-vm-6.18.44-memcg-v1-tail-report.kmsg";
    static final String CADVISOR_GLOBAL = "oom/cadvisor-systemOomExampleLog-global-3.13.log";
    static final String CADVISOR_MEMCG = "oom/cadvisor-containerOomExampleLog-memcg-3.13.log";

    @TempDir
    Path dir;

    private List<OomEvent> parse(List<String> lines) {
        try {
            Path f = Files.createTempFile(dir, "cut", ".log");
            Files.writeString(f, String.join("\n", lines) + "\n");
            return OomParser.parseAll(Corpus.records(f));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(String rel) {
        return Corpus.text(rel).lines().toList();
    }

    private static List<String> grep(String rel, Predicate<String> keep) {
        return lines(rel).stream().filter(keep).toList();
    }

    private static OomEvent one(List<OomEvent> ev) {
        assertThat(ev).hasSize(1);
        return ev.get(0);
    }

    @Test
    void theFullVmReportIsOneCompleteEvent() {
        OomEvent e = one(Corpus.oom(VM));
        assertThat(e.complete()).isTrue();
        assertThat(e.missing()).isEmpty();
        assertThat(e.uptimeS()).isEqualTo(342.377961);
        assertThat(e.triggerComm()).isEqualTo("tail");
        assertThat(e.gfpMask()).isEqualTo("0xcc0(GFP_KERNEL)");
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.oomMemcg()).isEqualTo("/kleaktop-capture-i15");
        assertThat(e.taskMemcg()).isEqualTo("/kleaktop-capture-i15");
        assertThat(e.victimPid()).isEqualTo(7729L);
        assertThat(e.victimComm()).isEqualTo("tail");
        assertThat(e.totalVmKb()).isEqualTo(19076L);
        assertThat(e.anonRssKb()).isEqualTo(16256L);
        assertThat(e.fileRssKb()).isEqualTo(1556L);
        assertThat(e.shmemRssKb()).isZero();
        assertThat(e.oomScoreAdj()).isZero();
        // the raw /dev/kmsg records of the same report give the same event
        assertThat(one(Corpus.oom(VM_KMSG))).isEqualTo(e);
    }

    @Test
    void theOomKillLineAloneAsGrepLeavesItIsAnEvent() {
        // made with: dmesg | grep 'oom-kill:'
        OomEvent e = one(Corpus.oom(VM_GREP));
        assertThat(e.uptimeS()).isEqualTo(342.387585);
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.constraint()).isEqualTo("CONSTRAINT_MEMCG");
        assertThat(e.oomMemcg()).isEqualTo("/kleaktop-capture-i15");
        assertThat(e.taskMemcg()).isEqualTo("/kleaktop-capture-i15");
        assertThat(e.victimPid()).isEqualTo(7729L);
        assertThat(e.victimComm()).isEqualTo("tail");
        // what the line does not say stays unknown
        assertThat(e.triggerComm()).isNull();
        assertThat(e.gfpMask()).isNull();
        assertThat(e.order()).isNull();
        assertThat(e.totalVmKb()).isNull();
        assertThat(e.anonRssKb()).isNull();
        assertThat(e.oomScoreAdj()).isNull();
        assertThat(e.isKill()).isTrue();
        assertThat(e.complete()).isFalse();
        assertThat(e.missing()).containsExactly(OomEvent.HEADER, OomEvent.KILLED_PROCESS);
    }

    @Test
    void aRawKmsgRecordCountsTheSameAsTheDmesgLine() {
        List<OomEvent> ev = parse(grep(VM_KMSG, l -> l.contains(";oom-kill:")));
        assertThat(one(ev)).isEqualTo(one(Corpus.oom(VM_GREP)));
    }

    @Test
    void theHeaderAloneIsAnEventWithoutAVictim() {
        OomEvent e = one(parse(lines(VM).subList(0, 1)));
        assertThat(e.triggerComm()).isEqualTo("tail");
        assertThat(e.gfpMask()).isEqualTo("0xcc0(GFP_KERNEL)");
        assertThat(e.order()).isZero();
        assertThat(e.uptimeS()).isEqualTo(342.377961);
        assertThat(e.victimPid()).isNull();
        assertThat(e.victimComm()).isNull();
        assertThat(e.kind()).isNull();
        assertThat(e.isKill()).isFalse();
        assertThat(e.complete()).isFalse();
        assertThat(e.missing()).containsExactly(OomEvent.KILLED_PROCESS);
    }

    @Test
    void aReportTruncatedBeforeItsKillLineKeepsWhatItHad() {
        List<String> all = lines(VM);
        OomEvent e = one(parse(all.subList(0, all.size() - 1)));
        assertThat(e.triggerComm()).isEqualTo("tail");
        assertThat(e.victimPid()).isEqualTo(7729L);
        assertThat(e.oomScoreAdj()).isZero();   // from the task table
        assertThat(e.oomMemcg()).isEqualTo("/kleaktop-capture-i15");
        assertThat(e.anonRssKb()).isNull();
        assertThat(e.missing()).containsExactly(OomEvent.KILLED_PROCESS);
        // cut in the middle of the task table: the header's event, nothing invented
        OomEvent mid = one(parse(all.subList(0, 40)));
        assertThat(mid.triggerComm()).isEqualTo("tail");
        assertThat(mid.victimPid()).isNull();
    }

    @Test
    void theThreeLinesOfOneReportAreOneEvent() {
        Predicate<String> key = l -> l.contains("invoked oom-killer:") || l.contains("oom-kill:")
                || l.contains("Killed process");
        OomEvent e = one(parse(grep(VM, key)));
        assertThat(e.complete()).isTrue();
        assertThat(e.victimPid()).isEqualTo(7729L);
        assertThat(e.anonRssKb()).isEqualTo(16256L);
        OomEvent noHeader = one(parse(grep(VM, l -> l.contains("oom-kill:") || l.contains("Killed process"))));
        assertThat(noHeader.missing()).containsExactly(OomEvent.HEADER);
        assertThat(noHeader.oomMemcg()).isEqualTo("/kleaktop-capture-i15");
        assertThat(noHeader.anonRssKb()).isEqualTo(16256L);
        // the same for the raw records
        assertThat(one(parse(grep(VM_KMSG, key)))).isEqualTo(e);
    }

    @Test
    void grepOfSeveralReportsGivesOneEventEach() {
        List<String> lines = new ArrayList<>();
        for (String f : List.of("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log",
                "oom/ltp-list-kozlowski-5.8-ubuntu-no-timestamps-elided.log", "lab/run-memcg-v2/dmesg.txt", VM)) {
            lines.addAll(grep(f, l -> l.contains("oom-kill:")));
        }
        List<OomEvent> ev = parse(lines);
        assertThat(ev).extracting(OomEvent::victimPid).containsExactly(23793L, 19289L, 257L, 7729L);
        assertThat(ev).extracting(OomEvent::oomMemcg)
                .containsExactly("/leaker", "/ltp_19257", "/oomtest", "/kleaktop-capture-i15");
        assertThat(ev).allSatisfy(e -> assertThat(e.complete()).isFalse());

        // with the kill lines too, still one event per report
        lines.clear();
        for (String f : List.of("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log",
                "oom/ltp-list-kozlowski-5.8-ubuntu-no-timestamps-elided.log", "lab/run-memcg-v2/dmesg.txt", VM)) {
            lines.addAll(grep(f, l -> l.contains("oom-kill:") || l.contains("Killed process")));
        }
        ev = parse(lines);
        assertThat(ev).extracting(OomEvent::victimPid).containsExactly(23793L, 19289L, 257L, 7729L);
        assertThat(ev).allSatisfy(e -> assertThat(e.missing()).containsExactly(OomEvent.HEADER));
    }

    @Test
    void pre419KillProcessLineAloneNamesTheChosenTask() {
        OomEvent e = one(parse(grep(CADVISOR_GLOBAL, l -> l.contains("Kill process"))));
        assertThat(e.uptimeS()).isEqualTo(455.669006);
        assertThat(e.time()).isEqualTo("Jan 28 19:58:45");
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.victimPid()).isEqualTo(1532L);
        assertThat(e.victimComm()).isEqualTo("badsysprogram");
        assertThat(e.totalVmKb()).isNull();
        assertThat(e.missing()).containsExactly(OomEvent.HEADER, OomEvent.KILLED_PROCESS);

        OomEvent memcg = one(parse(grep(CADVISOR_MEMCG, l -> l.contains("Kill process"))));
        assertThat(memcg.kind()).isEqualTo("memcg");
        assertThat(memcg.victimPid()).isEqualTo(13536L);
        assertThat(memcg.victimComm()).isEqualTo("memorymonster");
    }

    @Test
    void pre419KilledProcessLineAloneAndBothLinesTogether() {
        OomEvent killed = one(parse(grep(CADVISOR_GLOBAL, l -> l.contains("Killed process"))));
        assertThat(killed.victimPid()).isEqualTo(1532L);
        assertThat(killed.anonRssKb()).isEqualTo(1595164L);
        assertThat(killed.kind()).isNull();   // "Killed process" had no prefix before 4.19
        assertThat(killed.missing()).containsExactly(OomEvent.HEADER);

        OomEvent both = one(parse(grep(CADVISOR_GLOBAL, l -> l.contains("Kill process") || l.contains("Killed process"))));
        assertThat(both.kind()).isEqualTo("global");
        assertThat(both.victimPid()).isEqualTo(1532L);
        assertThat(both.anonRssKb()).isEqualTo(1595164L);
        assertThat(both.missing()).containsExactly(OomEvent.HEADER);

        OomEvent cut = one(parse(grep(CADVISOR_GLOBAL, l -> !l.contains("Killed process"))));
        assertThat(cut.triggerComm()).isEqualTo("badsysprogram");
        assertThat(cut.victimPid()).isEqualTo(1532L);
        assertThat(cut.oomScoreAdj()).isZero();
        assertThat(cut.missing()).containsExactly(OomEvent.KILLED_PROCESS);
        assertThat(one(Corpus.oom(CADVISOR_GLOBAL)).complete()).isTrue();
    }

    @Test
    void pre419LinesWithoutTimestamps() {
        // as dmesg -t prints them: the text after the kernel's stamp
        List<String> bare = grep(CADVISOR_GLOBAL, l -> l.contains("Kill process") || l.contains("Killed process"))
                .stream().map(l -> l.substring(l.indexOf("] ") + 2)).toList();
        assertThat(bare.get(0)).startsWith("Out of memory: Kill process 1532");
        OomEvent e = one(parse(bare));
        assertThat(e.uptimeS()).isNull();
        assertThat(e.time()).isNull();
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.victimPid()).isEqualTo(1532L);
        assertThat(e.victimComm()).isEqualTo("badsysprogram");
        assertThat(e.anonRssKb()).isEqualTo(1595164L);
        assertThat(one(parse(bare.subList(0, 1))).missing()).containsExactly(OomEvent.HEADER, OomEvent.KILLED_PROCESS);
    }

    @Test
    void rhel7KilledProcessLineWithItsUidBetweenCommAndSizes() {
        String rel = "oom/pingcap-docs-tidb-rhel7-3.10-uid-variant-elided.log";
        OomEvent e = one(Corpus.oom(rel));
        assertThat(e.time()).isEqualTo("Mar 14 16:55:03");
        assertThat(e.uptimeS()).isNull();
        assertThat(e.triggerComm()).isEqualTo("tidb-server");
        assertThat(e.gfpMask()).isEqualTo("0x201da");
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.victimPid()).isEqualTo(21945L);
        assertThat(e.victimComm()).isEqualTo("tidb-server");
        assertThat(e.totalVmKb()).isEqualTo(33027492L);
        assertThat(e.anonRssKb()).isEqualTo(31303276L);
        assertThat(e.shmemRssKb()).isZero();
        assertThat(e.complete()).isTrue();
        // grep 'Killed process' of the same log: the kill, without its header
        OomEvent killed = one(parse(grep(rel, l -> l.contains("Killed process"))));
        assertThat(killed.victimComm()).isEqualTo("tidb-server");
        assertThat(killed.anonRssKb()).isEqualTo(31303276L);
        assertThat(killed.missing()).containsExactly(OomEvent.HEADER);
        // and as the doc's own command leaves it (dmesg -T | grep tidb-server): every line kept
        assertThat(one(parse(grep(rel, l -> l.contains("tidb-server"))))).isEqualTo(e);
    }

    @Test
    void sacrificedChildOfA50KernelWhenItsKillLineIsLost() {
        OomEvent e = one(parse(grep("oom/saxonsoc-readme-riscv-5.0.9-unreclaimable-slab.log",
                l -> l.contains("oom-kill:") || l.contains("Kill process"))));
        assertThat(e.victimPid()).isEqualTo(38L);   // the chosen task; the child killed is not in the log
        assertThat(e.victimComm()).isEqualTo("rcS");
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.missing()).containsExactly(OomEvent.HEADER, OomEvent.KILLED_PROCESS);
    }

    @Test
    void everyFullReportOfTheCorpusIsComplete() {
        for (String f : List.of(CADVISOR_GLOBAL, CADVISOR_MEMCG, "oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log",
                "oom/lkml-xfs-mcgrof-6.10-rc1-journalctl-alloc-profiling-unreclaimable-slab.log",
                "oom/lkml-xfs-xiubo-6.9-rc3-loglevel-prefix-flowed-wrapped-global.log",
                "oom/ltp-list-kozlowski-5.8-ubuntu-no-timestamps-elided.log",
                "oom/saxonsoc-readme-riscv-5.0.9-unreclaimable-slab.log", "lab/run-memcg-v2/dmesg.txt", VM,
                "oom/pingcap-docs-tidb-rhel7-3.10-uid-variant-elided.log")) {
            OomEvent e = one(Corpus.oom(f));
            assertThat(e.complete()).as(f).isTrue();
            assertThat(e.missing()).as(f).isEmpty();
        }
        for (String f : List.of("oom/lkml-next-yafang-k8s-kubepods-memcg-7digit-uptime-partial.log",
                "oom/zehonghuang-blog-k8s-kubepods-v1-memcg-3line-fragment.log")) {
            assertThat(one(Corpus.oom(f)).missing()).as(f).containsExactly(OomEvent.HEADER);
        }
        List<OomEvent> chris = Corpus.oom("oom/lkml-cgroups-chrisdown-6.7.4-memcg-v2-systemd-indented.log");
        assertThat(chris).extracting(OomEvent::complete).containsExactly(false, true);
    }
}
