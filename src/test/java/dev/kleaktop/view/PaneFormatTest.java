package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.kleaktop.testing.KernelData.kmemleak;
import static dev.kleaktop.testing.KernelData.oom;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The side pane's text from real kmemleak reports and kernel logs. */
class PaneFormatTest {
    @Test
    void labKmemleakReportGroupsAsInTheSpecPicture() {
        PaneSection s = PaneFormat.kmemleak(SourceState.OK, kmemleak("lab/run-memcg-v2/kmemleak.txt"), Glyphs.UNICODE);
        assertThat(s.title()).isEqualTo("KMEMLEAK  747 suspects");
        assertThat(s.items()).hasSize(17);
        PaneItem top = s.items().get(0);
        assertThat(top.summary()).isEqualTo("640×512B kleak_leak_batch+0x1f kworker/0:1");
        assertThat(s.items().get(1).summary()).isEqualTo("32×512B kleak_leak_batch+0x1f insmod");
        assertThat(top.detailTitle()).isEqualTo("memory leak in kleak_leak_batch");
        assertThat(top.details()).contains("title          memory leak in kleak_leak_batch","objects        640, 320.0K in all (327680 bytes)",
                "allocated at   kleak_leak_batch+0x1f/0x30 [kleak_slab]", "by             kworker/0:1",
                "sample object  0xff11000002418410", "backtrace:", "  kmem_cache_alloc+0xfa/0x10d",
                "  kleak_leak_batch+0x1f/0x30 [kleak_slab]", "  ret_from_fork+0x1f/0x30");
        assertThat(PaneFormat.kmemleak(SourceState.OK, kmemleak("lab/run-memcg-v2/kmemleak.txt"), Glyphs.ASCII)
                .items().get(0).summary()).isEqualTo("640x512B kleak_leak_batch+0x1f kworker/0:1");
    }

    @Test
    void symbolizedFramesAreShortenedToTheFunction() {
        PaneSection s = PaneFormat.kmemleak(SourceState.OK,
                kmemleak("kmemleak/syzkaller-testdata-report-752-crc-symbolized-6.x.txt"), Glyphs.UNICODE);
        assertThat(s.title()).isEqualTo("KMEMLEAK  1 suspect");
        assertThat(s.items().get(0).summary()).isEqualTo("1×96B lookup_or_create_module_kobject syz.0.23");
        assertThat(PaneFormat.shortFrame("my_alloc+0x3c/0x60 [kleak]")).isEqualTo("my_alloc+0x3c");
    }

    @Test
    void theTitlesFunctionFollowsATopFrameThatIsAnAllocatorWrapper() {
        // syzbot names it "memory leak in raid56_parity_write"; the top frame is alloc_rbio
        assertThat(PaneFormat.kmemleak(SourceState.OK,
                kmemleak("kmemleak/lkml-btrfs-hch-6.19-rc-crc-noaddr-16byte-hexdump.txt"), Glyphs.UNICODE)
                .items().get(0).summary()).isEqualTo("1×16B alloc_rbio.isra.0+0x127 (in raid56_parity_write) fsstress");
        assertThat(PaneFormat.kmemleak(SourceState.OK,
                kmemleak("kmemleak/syzkaller-testdata-report-151-hashed-ptrs-4.15.txt"), Glyphs.UNICODE)
                .items()).extracting(PaneItem::summary).containsExactly(
                        "1×944B alloc_inode+0x133 (in new_inode_pseudo) syz-executor1",
                        "1×96B selinux_inode_alloc_security+0xf9 (in inode_init_always) syz-executor1");
        // the same function under a compiler suffix is not repeated
        assertThat(PaneFormat.kmemleak(SourceState.OK,
                kmemleak("kmemleak/syzkaller-testdata-report-51-symbolized-trailing-spaces.txt"), Glyphs.UNICODE)
                .items().get(0).summary()).isEqualTo("1×64B do_ipv6_setsockopt.isra.7+0x15d0 executor");
    }

    @Test
    void unavailableOrEmptyKmemleakSaysWhy() {
        PaneSection s = PaneFormat.kmemleak(SourceState.unavailable("debugfs not mounted", "mount -t debugfs none /sys/kernel/debug"),
                null, Glyphs.UNICODE);
        assertThat(s.title()).isEqualTo("KMEMLEAK");
        assertThat(s.items()).isEmpty();
        assertThat(s.empty()).isEqualTo("debugfs not mounted (mount -t debugfs none /sys/kernel/debug)");
        assertThat(PaneFormat.kmemleak(SourceState.OK, KmemleakReport.EMPTY, Glyphs.UNICODE).empty()).isEqualTo("no suspects");
    }

    @Test
    void labOomKillFromTheKernelLog() {
        List<OomEvent> ev = oom("lab/run-memcg-v2/dmesg.txt");
        PaneSection s = PaneFormat.oom(SourceState.OK, ev, ZoneOffset.UTC);
        assertThat(s.title()).isEqualTo("OOM  1 kill");
        PaneItem it = s.items().get(0);
        assertThat(it.summary()).isEqualTo("up 31s memcg /oomtest memhog[257]");
        assertThat(it.details()).contains("kind           memcg", "constraint     CONSTRAINT_MEMCG", "invoked by     memhog",
                "killed         memhog[257]", "anon-rss       31.7M", "oom memcg      /oomtest",
                "no unreclaimable slab table in this report");
    }

    @Test
    void wallClockEventsNewestFirstWithTheUnreclaimableSlabTable() {
        List<OomEvent> ev = new ArrayList<>(oom("oom/lkml-xfs-mcgrof-6.10-rc1-journalctl-alloc-profiling-unreclaimable-slab.log"));
        ev.addAll(oom("oom/cadvisor-containerOomExampleLog-memcg-3.13.log"));
        PaneSection s = PaneFormat.oom(SourceState.OK, ev, ZoneOffset.UTC);
        assertThat(s.title()).isEqualTo("OOM  2 kills");
        assertThat(s.items().get(0).summary()).isEqualTo("15:19 memcg /mem2 memorymonster[13536]");
        PaneItem global = s.items().get(1);
        assertThat(global.summary()).isEqualTo("14:08 global /system.slice/fstests-generic-531.scope 531[2102]");
        List<String> d = global.details();
        int head = d.indexOf("unreclaimable slab at the time, largest first:");
        assertThat(head).isPositive();
        assertThat(d.get(head + 2)).matches("  kmemleak_object +857\\.6M +858\\.7M");
        assertThat(d.get(head + 3)).startsWith("  filp ");
    }

    @Test
    void partialReportsSayWhatTheLogDidNotHave() {
        // the VM's real report as grep leaves it (oom-kill: line alone), and the panic's header-only report
        List<OomEvent> ev = new ArrayList<>(oom("oom/kleaktop-vm-6.18.44-memcg-v1-tail-grep-oom-kill.log"));
        ev.addAll(oom("oom/lkml-kbuild-masahiro-arm-6.0-rc7-caller-id-unreclaimable-slab-panic.log"));
        PaneSection s = PaneFormat.oom(SourceState.OK, ev, ZoneOffset.UTC);
        assertThat(s.title()).isEqualTo("OOM  2 events");   // one of them is not a kill
        PaneItem panic = s.items().get(0);
        assertThat(panic.summary()).isEqualTo("up 7s oom no victim in the log (partial)");
        assertThat(panic.detailTitle()).isEqualTo("OOM event at up 7s");
        assertThat(panic.details()).contains("report         partial: no Killed process line", "invoked by     kthreadd",
                "killed         no victim in the log");
        PaneItem grep = s.items().get(1);
        assertThat(grep.summary()).isEqualTo("up 5m memcg /kleaktop-capture-i15 tail[7729] (partial)");
        assertThat(grep.details()).contains("report         partial: no header, no Killed process line",
                "killed         tail[7729]", "anon-rss       -", "invoked by     -");
        assertThat(PaneFormat.oom(SourceState.OK, oom("lab/run-memcg-v2/dmesg.txt"), ZoneOffset.UTC).items().get(0)
                .details()).contains("report         complete");
    }

    @Test
    void isoTimesAreShownInTheLocalZone() {
        OomEvent e = new OomEvent(100.0, "2026-11-26T22:41:05Z", "memcg", null, null, null, null, 4532L, "python3",
                null, null, null, null, null, "/x", null, List.of(), null, true, List.of());
        assertThat(PaneFormat.event(e, ZoneId.of("Europe/Berlin")).summary()).isEqualTo("23:41 memcg /x python3[4532]");
        OomEvent noTime = new OomEvent(3 * 86400.0 + 4 * 3600, null, null, null, null, null, null, null,
                "evil\u001b[2J", null, null, null, null, null, null, null, List.of(), null, true, List.of());
        assertThat(PaneFormat.event(noTime, ZoneOffset.UTC).summary()).isEqualTo("up 3d4h oom evil\\x1b[2J");
    }

    @Test
    void clockOfUtcEventTimesAgreesWithTheJdkInEveryKindOfZone() {
        java.util.Random rnd = new java.util.Random(5);
        ZoneId[] zones = {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHours(-9), ZoneId.of("Europe/Berlin"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata")};
        for (int i = 0; i < 20_000; i++) {
            java.time.Instant t = java.time.Instant.ofEpochSecond(1_600_000_000L + rnd.nextInt(400_000_000), rnd.nextInt(1000) * 1_000_000);
            String iso = dev.kleaktop.model.IsoTime.millis(t);
            ZoneId z = zones[i % zones.length];
            OomEvent e = new OomEvent(1.0, iso, "memcg", null, null, null, null, 1L, "x",
                    null, null, null, null, null, null, null, List.of(), null, true, List.of());
            String expected = String.format(java.util.Locale.ROOT, "%tR", java.time.OffsetDateTime.parse(iso).atZoneSameInstant(z));
            assertThat(PaneFormat.clock(e, z)).as(iso + " " + z).isEqualTo(expected);
        }
        // times in other forms (a saved log's own offset) keep the full parser's reading
        OomEvent offset = new OomEvent(1.0, "2026-11-26T22:41:05+01:00", "memcg", null, null, null, null, 1L, "x",
                null, null, null, null, null, null, null, List.of(), null, true, List.of());
        assertThat(PaneFormat.clock(offset, ZoneOffset.UTC)).isEqualTo("21:41");
        OomEvent comma = new OomEvent(1.0, "2026-11-26T22:41:05,123456+01:00", "memcg", null, null, null, null, 1L, "x",
                null, null, null, null, null, null, null, List.of(), null, true, List.of());
        assertThat(PaneFormat.clock(comma, ZoneOffset.UTC)).isEqualTo("22:41");
    }

    @Test
    void detailsAreMadeWhenFirstAskedForAndKept() {
        int[] made = {0};
        PaneItem it = PaneItem.lazy("s", "title", () -> {
            made[0]++;
            return List.of("a", "b");
        });
        assertThat(made[0]).isZero();
        assertThat(it.summary()).isEqualTo("s");
        assertThat(it.detailTitle()).isEqualTo("title");
        assertThat(it.details()).containsExactly("a", "b");
        assertThat(it.details()).containsExactly("a", "b");
        assertThat(made[0]).isEqualTo(1);
    }

    @Test
    void countsForTheMemoryLine() {
        PaneFormat.Data d = new PaneFormat.Data(SourceState.OK, kmemleak("lab/run-memcg-v2/kmemleak.txt"), SourceState.OK,
                oom("lab/run-memcg-v2/dmesg.txt"));
        assertThat(PaneFormat.counts(d)).isEqualTo("kmemleak 747  OOM 1");
        assertThat(PaneFormat.counts(new PaneFormat.Data(null, null, null, null))).isEqualTo("kmemleak -  OOM 0");
    }
}
