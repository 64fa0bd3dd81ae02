package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.OomEvent.Reaped;
import dev.kleaktop.model.OomEvent.UnreclaimableSlab;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OomParserTest {

    private static OomEvent only(String rel) {
        List<OomEvent> events = Corpus.oom(rel);
        assertThat(events).as(rel).hasSize(1);
        return events.get(0);
    }

    @Test
    void everyOomCorpusFileIsCovered() {
        Set<String> names = Corpus.files("oom").stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder(
                "cadvisor-containerOomExampleLog-memcg-3.13.log",
                "cadvisor-systemOomExampleLog-global-3.13.log",
                "lkml-cgroups-chrisdown-6.7.4-memcg-v2-systemd-indented.log",
                "lkml-cgroups-hannes-5.2-slub-alloc-failure-memcg-cache-name.log",
                "lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log",
                "lkml-cgroups-tetsuo-5.3-rc3-caller-id-memcg-v1-stats.log",
                "lkml-kbuild-masahiro-arm-6.0-rc7-caller-id-unreclaimable-slab-panic.log",
                "lkml-next-yafang-k8s-kubepods-memcg-7digit-uptime-partial.log",
                "lkml-xfs-mcgrof-6.10-rc1-journalctl-alloc-profiling-unreclaimable-slab.log",
                "lkml-xfs-xiubo-6.9-rc3-loglevel-prefix-flowed-wrapped-global.log",
                "kleaktop-vm-6.18.44-memcg-v1-tail-full-report.log",
                "kleaktop-vm-6.18.44-memcg-v1-tail-grep-oom-kill.log",
                "ltp-list-kozlowski-5.8-ubuntu-no-timestamps-elided.log",
                "pingcap-docs-tidb-rhel7-3.10-uid-variant-elided.log",
                "saxonsoc-readme-riscv-5.0.9-unreclaimable-slab.log",
                "zehonghuang-blog-k8s-kubepods-v1-memcg-3line-fragment.log");
    }

    @Test
    void cadvisorMemcg313OldKillLinesAndTaskIn() {
        OomEvent e = only("oom/cadvisor-containerOomExampleLog-memcg-3.13.log");
        assertThat(e.uptimeS()).isEqualTo(5864.708440);
        assertThat(e.time()).isEqualTo("Jan  5 15:19:27");
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.constraint()).isNull();
        assertThat(e.triggerComm()).isEqualTo("memorymonster");
        assertThat(e.gfpMask()).isEqualTo("0xd0");
        assertThat(e.order()).isZero();
        assertThat(e.victimPid()).isEqualTo(13536L);
        assertThat(e.victimComm()).isEqualTo("memorymonster");
        assertThat(e.totalVmKb()).isEqualTo(33558652L);
        assertThat(e.anonRssKb()).isEqualTo(920L);
        assertThat(e.fileRssKb()).isEqualTo(452L);
        assertThat(e.shmemRssKb()).isNull();
        assertThat(e.oomScoreAdj()).isZero();   // from the task table
        assertThat(e.taskMemcg()).isEqualTo("/mem2");
        assertThat(e.oomMemcg()).isEqualTo("/mem2");
        assertThat(e.unreclaimableSlab()).isEmpty();
        assertThat(e.reaped()).isNull();
    }

    @Test
    void cadvisorGlobal313() {
        OomEvent e = only("oom/cadvisor-systemOomExampleLog-global-3.13.log");
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.time()).isEqualTo("Jan 28 19:58:45");
        assertThat(e.uptimeS()).isEqualTo(455.498827);
        assertThat(e.triggerComm()).isEqualTo("badsysprogram");
        assertThat(e.gfpMask()).isEqualTo("0x280da");
        assertThat(e.victimPid()).isEqualTo(1532L);
        assertThat(e.victimComm()).isEqualTo("badsysprogram");
        assertThat(e.totalVmKb()).isEqualTo(1641388L);
        assertThat(e.anonRssKb()).isEqualTo(1595164L);
        assertThat(e.fileRssKb()).isEqualTo(76L);
        assertThat(e.oomScoreAdj()).isZero();
        assertThat(e.oomMemcg()).isNull();
    }

    @Test
    void chrisdownStartsWithTheTailOfAnEarlierEvent() {
        List<OomEvent> ev = Corpus.oom("oom/lkml-cgroups-chrisdown-6.7.4-memcg-v2-systemd-indented.log");
        assertThat(ev).hasSize(2);
        OomEvent tail = ev.get(0);
        assertThat(tail.uptimeS()).isEqualTo(41368.535735);
        assertThat(tail.kind()).isEqualTo("memcg");
        assertThat(tail.victimPid()).isEqualTo(128824L);
        assertThat(tail.victimComm()).isEqualTo("rsync");
        assertThat(tail.anonRssKb()).isEqualTo(256L);
        assertThat(tail.fileRssKb()).isEqualTo(5504L);
        assertThat(tail.oomScoreAdj()).isEqualTo(200);
        assertThat(tail.triggerComm()).isNull();
        assertThat(tail.oomMemcg()).isNull();

        OomEvent e = ev.get(1);
        assertThat(e.uptimeS()).isEqualTo(41369.847965);
        assertThat(e.triggerComm()).isEqualTo("rsync");
        assertThat(e.gfpMask()).isEqualTo("0x408d40(GFP_NOFS|__GFP_NOFAIL|__GFP_ZERO|__GFP_ACCOUNT)");
        assertThat(e.constraint()).isEqualTo("CONSTRAINT_MEMCG");
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.oomMemcg()).isEqualTo("/user.slice/user-1000.slice/user@1000.service/app.slice/run-u640.service");
        assertThat(e.taskMemcg()).isEqualTo(e.oomMemcg());
        assertThat(e.victimPid()).isEqualTo(128825L);
        assertThat(e.totalVmKb()).isEqualTo(13796L);
        assertThat(e.anonRssKb()).isZero();
        assertThat(e.fileRssKb()).isEqualTo(3456L);
        assertThat(e.shmemRssKb()).isZero();
        assertThat(e.oomScoreAdj()).isEqualTo(200);
    }

    @Test
    void slubAllocationFailureIsNotAnOomKill() {
        assertThat(Corpus.oom("oom/lkml-cgroups-hannes-5.2-slub-alloc-failure-memcg-cache-name.log")).isEmpty();
    }

    @Test
    void panicWithNoKillableProcessesIsAnEventWithoutAKill() {
        OomEvent e = only("oom/lkml-kbuild-masahiro-arm-6.0-rc7-caller-id-unreclaimable-slab-panic.log");
        assertThat(e.triggerComm()).isEqualTo("kthreadd");
        assertThat(e.gfpMask()).isEqualTo("0x40cc0(GFP_KERNEL|__GFP_COMP)");
        assertThat(e.order()).isEqualTo(1);
        assertThat(e.victimPid()).isNull();
        assertThat(e.victimComm()).isNull();
        assertThat(e.kind()).isNull();   // no oom-kill: line, no kill line: the log does not say
        assertThat(e.isKill()).isFalse();
        assertThat(e.complete()).isFalse();
        assertThat(e.missing()).containsExactly(OomEvent.KILLED_PROCESS);
        assertThat(e.unreclaimableSlab()).contains(new UnreclaimableSlab("kmemleak_object", 9091, 9091));
    }

    @Test
    void mhockoMemcgV1WithReaper() {
        OomEvent e = only("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log");
        assertThat(e.uptimeS()).isEqualTo(337533.314245);
        assertThat(e.gfpMask()).isEqualTo("0x100cca(GFP_HIGHUSER_MOVABLE)");
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.oomMemcg()).isEqualTo("/leaker");
        assertThat(e.taskMemcg()).isEqualTo("/leaker");
        assertThat(e.victimPid()).isEqualTo(23793L);
        assertThat(e.victimComm()).isEqualTo("leaker");
        assertThat(e.totalVmKb()).isEqualTo(2623712L);
        assertThat(e.anonRssKb()).isEqualTo(506500L);
        assertThat(e.fileRssKb()).isEqualTo(1268L);
        assertThat(e.shmemRssKb()).isZero();
        assertThat(e.reaped()).isEqualTo(new Reaped(23793L, "leaker", 0L, 0L, 0L));
    }

    @Test
    void tetsuoCallerIdsAndReaperFromAnotherThread() {
        OomEvent e = only("oom/lkml-cgroups-tetsuo-5.3-rc3-caller-id-memcg-v1-stats.log");
        assertThat(e.uptimeS()).isEqualTo(49.921978);
        assertThat(e.victimPid()).isEqualTo(6736L);
        assertThat(e.anonRssKb()).isEqualTo(521704L);
        assertThat(e.fileRssKb()).isEqualTo(1180L);
        assertThat(e.oomMemcg()).isEqualTo("/leaker");
        assertThat(e.reaped()).isEqualTo(new Reaped(6736L, "leaker", 0L, 0L, 0L));
    }

    @Test
    void yafangPartialKubepodsTakesAdjFromTheTaskTable() {
        OomEvent e = only("oom/lkml-next-yafang-k8s-kubepods-memcg-7digit-uptime-partial.log");
        assertThat(e.uptimeS()).isEqualTo(7516987.983293);
        assertThat(e.triggerComm()).isNull();
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.oomMemcg()).isEqualTo("/kubepods/podf1c273d3-9b36-11ea-b3df-246e9693c184");
        assertThat(e.taskMemcg()).startsWith("/kubepods/podf1c273d3-9b36-11ea-b3df-246e9693c184/1f246a3eeea8");
        assertThat(e.victimPid()).isEqualTo(5740L);
        assertThat(e.victimComm()).isEqualTo("pause");
        assertThat(e.totalVmKb()).isEqualTo(1028L);
        assertThat(e.anonRssKb()).isEqualTo(4L);
        assertThat(e.oomScoreAdj()).isEqualTo(-998);
        assertThat(e.reaped().pid()).isEqualTo(5740L);
    }

    @Test
    void mcgrofJournalGlobalWithLongSlabTable() {
        OomEvent e = only("oom/lkml-xfs-mcgrof-6.10-rc1-journalctl-alloc-profiling-unreclaimable-slab.log");
        assertThat(e.uptimeS()).isNull();
        assertThat(e.time()).isEqualTo("May 30 14:08:25");
        assertThat(e.triggerComm()).isEqualTo("t_open_tmpfiles");
        assertThat(e.gfpMask()).isEqualTo("0x40cc0(GFP_KERNEL|__GFP_COMP)");
        assertThat(e.order()).isEqualTo(1);
        assertThat(e.constraint()).isEqualTo("CONSTRAINT_NONE");
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.oomMemcg()).isNull();
        assertThat(e.taskMemcg()).isEqualTo("/system.slice/fstests-generic-531.scope");
        assertThat(e.victimPid()).isEqualTo(2102L);
        assertThat(e.victimComm()).isEqualTo("531");
        assertThat(e.totalVmKb()).isEqualTo(7492L);
        assertThat(e.anonRssKb()).isEqualTo(3840L);
        assertThat(e.fileRssKb()).isEqualTo(160L);
        assertThat(e.oomScoreAdj()).isEqualTo(250);
        List<UnreclaimableSlab> slab = e.unreclaimableSlab();
        assertThat(slab).hasSize(153);
        assertThat(slab.get(0)).isEqualTo(new UnreclaimableSlab("xfs_iul_item", 932, 932));
        assertThat(slab).contains(new UnreclaimableSlab("kmemleak_object", 878221, 879281),
                new UnreclaimableSlab("btrfs_delayed_extent_op", 75, 75),
                new UnreclaimableSlab("page->ptl", 153, 293));
        assertThat(slab.get(slab.size() - 1)).isEqualTo(new UnreclaimableSlab("kmem_cache", 109, 109));
    }

    @Test
    void xiuboFlowedWrappedLinesAreRejoined() {
        OomEvent e = only("oom/lkml-xfs-xiubo-6.9-rc3-loglevel-prefix-flowed-wrapped-global.log");
        assertThat(e.uptimeS()).isEqualTo(76541.325574);
        assertThat(e.triggerComm()).isEqualTo("cc1plus");
        assertThat(e.gfpMask()).isEqualTo("0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO)");
        assertThat(e.order()).isZero();
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.taskMemcg()).isEqualTo("/user.slice/user-1000.slice/session-4.scope");
        assertThat(e.victimPid()).isEqualTo(33365L);
        assertThat(e.victimComm()).isEqualTo("cc1plus");
        assertThat(e.totalVmKb()).isEqualTo(11127840L);
        assertThat(e.anonRssKb()).isEqualTo(10600360L);
        assertThat(e.fileRssKb()).isEqualTo(4900L);
        assertThat(e.shmemRssKb()).isZero();
        assertThat(e.oomScoreAdj()).isZero();
    }

    @Test
    void ltpWithoutTimestamps() {
        OomEvent e = only("oom/ltp-list-kozlowski-5.8-ubuntu-no-timestamps-elided.log");
        assertThat(e.uptimeS()).isNull();
        assertThat(e.time()).isNull();
        assertThat(e.triggerComm()).isEqualTo("memcg_process");
        assertThat(e.gfpMask()).isEqualTo("0xcc0(GFP_KERNEL)");
        assertThat(e.oomMemcg()).isEqualTo("/ltp_19257");
        assertThat(e.victimPid()).isEqualTo(19289L);
        assertThat(e.shmemRssKb()).isEqualTo(4L);
        assertThat(e.fileRssKb()).isEqualTo(1468L);
        assertThat(e.reaped()).isEqualTo(new Reaped(19289L, "memcg_process", 0L, 0L, 4L));
    }

    @Test
    void saxonsocSacrificedChildIsTheVictim() {
        OomEvent e = only("oom/saxonsoc-readme-riscv-5.0.9-unreclaimable-slab.log");
        assertThat(e.uptimeS()).isEqualTo(5201.325838);  // behind "Running sysctl: "
        assertThat(e.triggerComm()).isEqualTo("klogd");
        assertThat(e.gfpMask()).isEqualTo("0x6200ca(GFP_HIGHUSER_MOVABLE)");
        assertThat(e.constraint()).isEqualTo("CONSTRAINT_NONE");
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.victimPid()).isEqualTo(52L);         // not the selected rcS (38)
        assertThat(e.victimComm()).isEqualTo("S02sysctl");
        assertThat(e.totalVmKb()).isEqualTo(2652L);
        assertThat(e.anonRssKb()).isEqualTo(76L);
        assertThat(e.oomScoreAdj()).isZero();
        assertThat(e.unreclaimableSlab()).hasSize(35);
        assertThat(e.unreclaimableSlab().get(0)).isEqualTo(new UnreclaimableSlab("request_queue", 15, 15));
        assertThat(e.unreclaimableSlab()).contains(new UnreclaimableSlab("kernfs_node_cache", 622, 622),
                new UnreclaimableSlab("kmalloc-4k", 800, 800));
        assertThat(e.reaped()).isEqualTo(new Reaped(52L, "S02sysctl", 0L, 0L, 0L));
    }

    @Test
    void zehonghuangThreeLineFragmentNegativeAdj() {
        OomEvent e = only("oom/zehonghuang-blog-k8s-kubepods-v1-memcg-3line-fragment.log");
        assertThat(e.uptimeS()).isEqualTo(539381.757126);
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.oomMemcg()).isEqualTo("/kubepods/poda41b2cd5-5451-4bbc-b740-c908d58d652e");
        assertThat(e.victimPid()).isEqualTo(238343L);
        assertThat(e.victimComm()).isEqualTo("go-oom-test");
        assertThat(e.totalVmKb()).isEqualTo(3950264L);
        assertThat(e.anonRssKb()).isEqualTo(204516L);
        assertThat(e.oomScoreAdj()).isEqualTo(-997);
        assertThat(e.reaped().comm()).isEqualTo("go-oom-test");
    }

    @Test
    void labMemcgV2FromDmesgAndFromRawKmsgAgree() {
        OomEvent a = only("lab/run-memcg-v2/dmesg.txt");
        OomEvent b = only("lab/run-memcg-v2/kmsg.txt");
        assertThat(b).isEqualTo(a);
        assertThat(a.uptimeS()).isEqualTo(31.199775);
        assertThat(a.triggerComm()).isEqualTo("memhog");
        assertThat(a.gfpMask()).isEqualTo("0xcc0(GFP_KERNEL)");
        assertThat(a.kind()).isEqualTo("memcg");
        assertThat(a.oomMemcg()).isEqualTo("/oomtest");
        assertThat(a.taskMemcg()).isEqualTo("/oomtest");
        assertThat(a.victimPid()).isEqualTo(257L);
        assertThat(a.victimComm()).isEqualTo("memhog");
        assertThat(a.totalVmKb()).isEqualTo(33876L);
        assertThat(a.anonRssKb()).isEqualTo(32412L);
        assertThat(a.fileRssKb()).isEqualTo(4L);
        assertThat(a.shmemRssKb()).isEqualTo(648L);
        assertThat(a.oomScoreAdj()).isZero();
        assertThat(a.reaped()).isNull();
    }

    @Test
    void kmsgCorpusOomKillRecordAloneIsAPartialEvent() {
        List<LogRecord> r = Corpus.records("kmsg/zehonghuang-blog-k8s-cri-containerd-oom-kill-record.kmsg");
        assertThat(r).hasSize(1);
        List<OomEvent> ev = OomParser.parseAll(r);
        assertThat(ev).hasSize(1);
        OomEvent e = ev.get(0);
        assertThat(e.uptimeS()).isEqualTo(3812.808832);
        assertThat(e.kind()).isEqualTo("memcg");
        assertThat(e.victimPid()).isEqualTo(61436L);
        assertThat(e.victimComm()).isEqualTo("go-oom-test");
        assertThat(e.oomMemcg()).isEqualTo("/kubepods.slice/kubepods-pod57a0b3fe_c602_4585_b2f3_b07076fb3961.slice");
        assertThat(e.taskMemcg()).startsWith(e.oomMemcg() + "/cri-containerd-8471f80af798");
        assertThat(e.triggerComm()).isNull();
        assertThat(e.anonRssKb()).isNull();
        assertThat(e.isKill()).isTrue();
        assertThat(e.complete()).isFalse();
        assertThat(e.missing()).containsExactly(OomEvent.HEADER, OomEvent.KILLED_PROCESS);
    }

    // --- the state machine on small hand-written sequences ---

    private static List<OomEvent> run(String... texts) {
        List<LogRecord> recs = new ArrayList<>();
        double t = 1.0;
        for (String s : texts) recs.add(new LogRecord(-1, 4, t += 0.001, null, s));
        return OomParser.parseAll(recs);
    }

    @Test
    void headerWithoutKillIsEndedByTheNextHeader() {
        List<OomEvent> ev = run(
                "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
                "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=/x,task_memcg=/x,task=a,pid=1,uid=0",
                "b invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=2, oom_score_adj=0",
                "Out of memory: Killed process 2 (b) total-vm:10kB, anon-rss:5kB, file-rss:1kB, shmem-rss:0kB");
        assertThat(ev).hasSize(2);
        OomEvent cut = ev.get(0);   // the /x report, cut before its kill line
        assertThat(cut.triggerComm()).isEqualTo("a");
        assertThat(cut.oomMemcg()).isEqualTo("/x");
        assertThat(cut.victimPid()).isEqualTo(1L);
        assertThat(cut.complete()).isFalse();
        assertThat(cut.missing()).containsExactly(OomEvent.KILLED_PROCESS);
        OomEvent e = ev.get(1);
        assertThat(e.triggerComm()).isEqualTo("b");
        assertThat(e.order()).isEqualTo(2);
        assertThat(e.oomMemcg()).isNull();   // nothing of the /x report leaks into it
        assertThat(e.kind()).isEqualTo("global");
        assertThat(e.complete()).isTrue();
        assertThat(e.missing()).isEmpty();
    }

    @Test
    void reportCutBeforeTheKillNamesTheChosenTask() {
        List<OomEvent> ev = run("a invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0",
                "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),task=a,pid=1,uid=0");
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).victimPid()).isEqualTo(1L);
        assertThat(ev.get(0).kind()).isEqualTo("global");
        assertThat(ev.get(0).totalVmKb()).isNull();
        assertThat(ev.get(0).missing()).containsExactly(OomEvent.KILLED_PROCESS);
    }

    @Test
    void unrelatedLinesAndLateReaperLine() {
        List<OomEvent> ev = run(
                "a invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0",
                "e1000: link up",
                "Memory cgroup out of memory: Killed process 7 (a b) total-vm:10kB, anon-rss:5kB, file-rss:1kB, shmem-rss:0kB",
                "usb 1-1: new device",
                "oom_reaper: reaped process 8 (other), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
                "audit: something",
                "oom_reaper: reaped process 7 (a b), now anon-rss:1kB, file-rss:0kB, shmem-rss:0kB");
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).victimComm()).isEqualTo("a b");
        assertThat(ev.get(0).kind()).isEqualTo("memcg");
        assertThat(ev.get(0).reaped()).isEqualTo(new Reaped(7L, "a b", 1L, 0L, 0L));
    }

    @Test
    void reaperLineAfterTheWindowIsNotAttached() {
        List<String> lines = new ArrayList<>();
        lines.add("Out of memory: Killed process 7 (a) total-vm:10kB, anon-rss:5kB, file-rss:1kB, shmem-rss:0kB");
        for (int i = 0; i < OomParser.REAP_WINDOW + 1; i++) lines.add("noise " + i);
        lines.add("oom_reaper: reaped process 7 (a), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB");
        List<OomEvent> ev = run(lines.toArray(new String[0]));
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).reaped()).isNull();
    }

    @Test
    void pendingShowsAKillWaitingForItsReaper() {
        List<OomEvent> out = new ArrayList<>();
        OomParser p = new OomParser(out::add);
        p.accept(new LogRecord(1, 3, 2.0, null,
                "Out of memory: Killed process 7 (a) total-vm:10kB, anon-rss:5kB, file-rss:1kB, shmem-rss:0kB"));
        assertThat(out).isEmpty();
        assertThat(p.pending()).hasValueSatisfying(e -> assertThat(e.victimPid()).isEqualTo(7L));
        p.accept(new LogRecord(2, 6, 2.1, null,
                "oom_reaper: reaped process 7 (a), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB"));
        assertThat(out).hasSize(1);
        assertThat(p.pending()).isEmpty();
    }

    @Test
    void oomGroupKillsShareTheirReport() {
        List<OomEvent> ev = run(
                "a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
                "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/g,task_memcg=/g/a,task=a,pid=1,uid=0",
                "Memory cgroup out of memory: Killed process 1 (a) total-vm:10kB, anon-rss:5kB, file-rss:1kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0",
                "Tasks in /g are going to be killed due to memory.oom.group set",
                "Memory cgroup out of memory: Killed process 2 (b) total-vm:20kB, anon-rss:6kB, file-rss:2kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0");
        assertThat(ev).extracting(OomEvent::victimPid).containsExactly(1L, 2L);
        assertThat(ev).allSatisfy(e -> assertThat(e.oomMemcg()).isEqualTo("/g"));
    }

    @Test
    void otherConstraintsAreLowerCasedAndCommasInPathsSurvive() {
        List<OomEvent> ev = run(
                "oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=(null),cpuset=a,b,mems_allowed=0,task_memcg=/x,y,task=t,pid=3,uid=0",
                "Out of memory: Killed process 3 (t) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB");
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).kind()).isEqualTo("cpuset");
        assertThat(ev.get(0).constraint()).isEqualTo("CONSTRAINT_CPUSET");
        assertThat(ev.get(0).taskMemcg()).isEqualTo("/x,y");
        assertThat(OomParser.kindOf("CONSTRAINT_MEMORY_POLICY")).isEqualTo("memory_policy");
    }

    @Test
    void oldSharingSameMemoryLineIsNotAKill() {
        List<OomEvent> ev = run(
                "Out of memory: Kill process 5 (x) score 900 or sacrifice child",
                "Killed process 5 (x) total-vm:100kB, anon-rss:50kB, file-rss:0kB",
                "Kill process 6 (y) sharing same memory");
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).victimPid()).isEqualTo(5L);
        assertThat(ev.get(0).kind()).isEqualTo("global");
    }

    @Test
    void staleContextIsNotAttachedToALaterKill() {
        List<OomEvent> ev = OomParser.parseAll(List.of(
                new LogRecord(-1, 4, 10.0, null, "a invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0"),
                new LogRecord(-1, 4, 10.1, null, "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=/x,task_memcg=/x,task=a,pid=1,uid=0"),
                new LogRecord(-1, 3, 5000.0, null, "Out of memory: Killed process 9 (z) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB")));
        assertThat(ev).hasSize(2);
        assertThat(ev.get(0).oomMemcg()).isEqualTo("/x");    // the stale report, on its own
        assertThat(ev.get(0).missing()).containsExactly(OomEvent.KILLED_PROCESS);
        assertThat(ev.get(1).triggerComm()).isNull();
        assertThat(ev.get(1).oomMemcg()).isNull();
        assertThat(ev.get(1).kind()).isEqualTo("global");
        assertThat(ev.get(1).uptimeS()).isEqualTo(5000.0);
        assertThat(ev.get(1).missing()).containsExactly(OomEvent.HEADER);
    }

    @Test
    void corpusFilesAreFoundFromTheClassPath() {
        assertThat(Corpus.path("oom")).isDirectory();
        assertThat(Path.of(".").toAbsolutePath()).isNotNull();
    }
}
