package dev.kleaktop.source.parse;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakRecord;
import dev.kleaktop.model.KmemleakReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KmemleakParserTest {

    private static KmemleakReport file(String rel) { return KmemleakParser.parse(Corpus.text(rel)); }

    private static KmemleakGroup onlyGroup(KmemleakReport r) {
        assertThat(r.groups()).hasSize(1);
        return r.groups().get(0);
    }

    @Test
    void everyKmemleakCorpusFileIsCovered() {
        Set<String> names = Corpus.files("kmemleak").stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder(
                "lkml-btrfs-hch-6.19-rc-crc-noaddr-16byte-hexdump.txt",
                "lkml-btrfs-yizhang-6.8-rc3-crc-hashed-ptrs.txt",
                "lkml-nvdimm-ndctl-6.4-raw-addrs-unloaded-module.txt",
                "lkml-xfs-qiancai-5.2-next-hashed-ptrs-module.txt",
                "syzkaller-testdata-guilty-48-symbolized-inline-dup.txt",
                "syzkaller-testdata-report-151-hashed-ptrs-4.15.txt",
                "syzkaller-testdata-report-312-ffff-terminator.txt",
                "syzkaller-testdata-report-51-symbolized-trailing-spaces.txt",
                "syzkaller-testdata-report-53-old-no-hexdump-x86_64.txt",
                "syzkaller-testdata-report-54-old-arm32.txt",
                "syzkaller-testdata-report-55-old-i386.txt",
                "syzkaller-testdata-report-752-crc-symbolized-6.x.txt");
    }

    @Test
    void hch619CrcNoAddressFrames() {
        KmemleakReport r = file("kmemleak/lkml-btrfs-hch-6.19-rc-crc-noaddr-16byte-hexdump.txt");
        assertThat(r.recordCount()).isEqualTo(1);
        KmemleakRecord x = r.records().get(0);
        assertThat(x.address()).isEqualTo("0xffff888111f61890");
        assertThat(x.size()).isEqualTo(16);
        assertThat(x.kind()).isEqualTo("object");
        assertThat(x.comm()).isEqualTo("fsstress");
        assertThat(x.pid()).isEqualTo(5252L);
        assertThat(x.jiffies()).isEqualTo(4294898624L);
        assertThat(x.ageS()).isNull();
        assertThat(x.crc()).isEqualTo("d3088d4f");
        assertThat(x.backtrace()).hasSize(16).startsWith("__kmalloc_noprof+0x3c8/0x510", "alloc_rbio.isra.0+0x127/0x390")
                .endsWith("__x64_sys_fallocate+0x44/0xa0");
        KmemleakGroup g = onlyGroup(r);
        assertThat(g.topFrame()).isEqualTo("alloc_rbio.isra.0+0x127/0x390");
        assertThat(g.key()).startsWith("alloc_rbio.isra.0#").hasSize("alloc_rbio.isra.0#".length() + 16);
        assertThat(g.comms()).containsExactly("fsstress");
        assertThat(g.sampleAddress()).isEqualTo("0xffff888111f61890");
        assertThat(g.backtrace()).isEqualTo(x.backtrace());
    }

    @Test
    void yizhang68CrcWithHashedAddressesAndBigJiffies() {
        KmemleakRecord x = file("kmemleak/lkml-btrfs-yizhang-6.8-rc3-crc-hashed-ptrs.txt").records().get(0);
        assertThat(x.size()).isEqualTo(192);
        assertThat(x.comm()).isEqualTo("mount");
        assertThat(x.pid()).isEqualTo(52857L);
        assertThat(x.jiffies()).isEqualTo(4311808306L);
        assertThat(x.crc()).isEqualTo("dcabc4f4");
        assertThat(x.backtrace()).hasSize(14).first().isEqualTo("__kmalloc+0x3e7/0x520");
        assertThat(onlyGroup(file("kmemleak/lkml-btrfs-yizhang-6.8-rc3-crc-hashed-ptrs.txt")).topFrame())
                .isEqualTo("btrfs_alloc_chunk_map.constprop.0+0x20/0xa0");
    }

    @Test
    void nvdimmUnloadedModuleFramesStayInKeyAndDisplay() {
        KmemleakReport r = file("kmemleak/lkml-nvdimm-ndctl-6.4-raw-addrs-unloaded-module.txt");
        assertThat(r.recordCount()).isEqualTo(3);
        assertThat(r.totalBytes()).isEqualTo(96);
        assertThat(r.records()).extracting(KmemleakRecord::comm).containsExactly("ndctl", "modprobe", "modprobe");
        assertThat(r.records().get(0).ageS()).isEqualTo(1283.953);
        assertThat(r.records().get(0).backtrace().get(1)).isEqualTo("badrange_add+0x65/0x1c0 [libnvdimm]");
        assertThat(r.records().get(2).backtrace()).contains("0xffffffffc1a92499", "0xffffffffc071d509");
        assertThat(r.groups()).hasSize(3);
        assertThat(r.groups()).extracting(KmemleakGroup::topFrame).containsExactlyInAnyOrder(
                "badrange_add+0x65/0x1c0 [libnvdimm]",
                "__kstrtabns_cxl_core_test+0x6d92/0x13491 [cxl_core]",
                "0xffffffffc1a92499");
    }

    @Test
    void qiancaiNonBreakingSpacesInIndentation() {
        KmemleakReport r = file("kmemleak/lkml-xfs-qiancai-5.2-next-hashed-ptrs-module.txt");
        KmemleakRecord x = r.records().get(0);
        assertThat(x.size()).isEqualTo(184);
        assertThat(x.comm()).isEqualTo("mount");
        assertThat(x.pid()).isEqualTo(1473L);
        assertThat(x.ageS()).isEqualTo(14914.220);
        assertThat(x.backtrace()).hasSize(16).first().isEqualTo("kmem_cache_alloc+0x272/0x400");
        assertThat(x.backtrace()).contains("xfs_rw_bdev+0x72/0x300 [xfs]");
        assertThat(x.backtrace()).allSatisfy(f -> assertThat(f).doesNotContain("\u00a0"));
        // kmem_cache_alloc, mempool_alloc_slab, mempool_alloc, bio_alloc_bioset are allocators
        assertThat(onlyGroup(r).topFrame()).isEqualTo("xfs_rw_bdev+0x72/0x300 [xfs]");
    }

    @Test
    void guilty48SymbolizedInlineDuplicatesGroupAsOne() {
        KmemleakReport r = file("kmemleak/syzkaller-testdata-guilty-48-symbolized-inline-dup.txt");
        assertThat(r.recordCount()).isEqualTo(5);
        assertThat(r.totalBytes()).isEqualTo(960);
        assertThat(r.records()).extracting(KmemleakRecord::address).containsExactly(
                "0xffff888109b4dc00", "0xffff88810efed240", "0xffff88810efedb40", "0xffff88810efedf00",
                "0xffff88810efedc00");
        assertThat(r.records().get(0).comm()).isEqualTo("kworker/1:2");
        assertThat(r.records().get(0).backtrace()).hasSize(11)
                .startsWith("kmalloc include/linux/slab.h:557 [inline]",
                        "usb_alloc_urb+0x66/0xe0 drivers/usb/core/urb.c:74");
        KmemleakGroup g = onlyGroup(r);
        assertThat(g.count()).isEqualTo(5);
        assertThat(g.totalSize()).isEqualTo(960);
        assertThat(g.topFrame()).isEqualTo("usb_alloc_urb+0x66/0xe0 drivers/usb/core/urb.c:74");
        assertThat(g.comms()).containsExactly("kworker/1:2");
    }

    @Test
    void report151TwoRecordsTwoCallPaths() {
        KmemleakReport r = file("kmemleak/syzkaller-testdata-report-151-hashed-ptrs-4.15.txt");
        assertThat(r.recordCount()).isEqualTo(2);
        assertThat(r.records()).extracting(KmemleakRecord::size).containsExactly(944L, 96L);
        assertThat(r.records().get(0).ageS()).isEqualTo(15.374);
        assertThat(r.records().get(0).pid()).isEqualTo(4094L);
        assertThat(r.records().get(0).backtrace()).hasSize(16);
        assertThat(r.groups()).extracting(KmemleakGroup::topFrame)
                .containsExactly("alloc_inode+0x133/0x190", "selinux_inode_alloc_security+0xf9/0x390");
    }

    @Test
    void report312TerminatorFrameIsShownButNotACallSite() {
        KmemleakReport r = file("kmemleak/syzkaller-testdata-report-312-ffff-terminator.txt");
        KmemleakRecord x = r.records().get(0);
        assertThat(x.size()).isEqualTo(2048);
        assertThat(x.ageS()).isEqualTo(39.460);
        assertThat(x.backtrace()).hasSize(11).last().isEqualTo("0xffffffffffffffff");
        assertThat(onlyGroup(r).topFrame()).isEqualTo("htab_map_alloc+0x447/0x5c0");
    }

    @Test
    void report51TrailingSpacesAreTrimmed() {
        KmemleakReport r = file("kmemleak/syzkaller-testdata-report-51-symbolized-trailing-spaces.txt");
        KmemleakRecord x = r.records().get(0);
        assertThat(x.address()).isEqualTo("0xffff880039a55260");
        assertThat(x.size()).isEqualTo(64);
        assertThat(x.comm()).isEqualTo("executor");
        assertThat(x.pid()).isEqualTo(11746L);
        assertThat(x.ageS()).isEqualTo(16.078);
        assertThat(x.backtrace()).hasSize(6).first().isEqualTo("sock_kmalloc+0x7f/0xc0 net/core/sock.c:1774");
        assertThat(onlyGroup(r).topFrame())
                .isEqualTo("do_ipv6_setsockopt.isra.7+0x15d0/0x2830 net/ipv6/ipv6_sockglue.c:483");
    }

    @Test
    void oldFormatsWithoutHexDumpOrAge() {
        KmemleakReport a = file("kmemleak/syzkaller-testdata-report-53-old-no-hexdump-x86_64.txt");
        assertThat(a.records().get(0).size()).isEqualTo(1024);
        assertThat(a.records().get(0).ageS()).isNull();
        assertThat(a.records().get(0).comm()).isEqualTo("exe");
        assertThat(onlyGroup(a).topFrame()).isEqualTo("ext4_mb_init+0x1b1/0x570");

        KmemleakReport b = file("kmemleak/syzkaller-testdata-report-54-old-arm32.txt");
        assertThat(b.records().get(0).address()).isEqualTo("0xc625e000");
        assertThat(b.records().get(0).size()).isEqualTo(2048);
        assertThat(b.records().get(0).pid()).isEqualTo(1L);
        assertThat(b.records().get(0).backtrace()).first().isEqualTo("create_object+0x11c/0x200");
        assertThat(onlyGroup(b).topFrame()).isEqualTo("eth_rx_fill+0xd8/0x3fc");

        KmemleakReport c = file("kmemleak/syzkaller-testdata-report-55-old-i386.txt");
        assertThat(c.records().get(0).address()).isEqualTo("0xdb8040c0");
        assertThat(c.records().get(0).size()).isEqualTo(20);
        assertThat(c.records().get(0).pid()).isZero();
        assertThat(c.records().get(0).backtrace()).hasSize(6).last().isEqualTo("0xffffffff");
        assertThat(onlyGroup(c).topFrame()).isEqualTo("debug_objects_mem_init+0x63/0x1d9");
    }

    @Test
    void report752NewestFormat() {
        KmemleakReport r = file("kmemleak/syzkaller-testdata-report-752-crc-symbolized-6.x.txt");
        KmemleakRecord x = r.records().get(0);
        assertThat(x.comm()).isEqualTo("syz.0.23");
        assertThat(x.pid()).isEqualTo(5988L);
        assertThat(x.crc()).isEqualTo("c9a1c131");
        assertThat(x.size()).isEqualTo(96);
        assertThat(x.backtrace()).hasSize(21).first().isEqualTo("kmemleak_alloc_recursive include/linux/kmemleak.h:44 [inline]");
        assertThat(onlyGroup(r).topFrame()).isEqualTo("lookup_or_create_module_kobject kernel/params.c:774 [inline]");
    }

    @Test
    void labReportAfterTwoScans() {
        KmemleakReport r = file("lab/run-memcg-v2/kmemleak.txt");
        assertThat(r.recordCount()).isEqualTo(747);
        assertThat(r.records()).hasSize(747);
        assertThat(r.totalBytes()).isEqualTo(465216);
        assertThat(r.groups()).hasSize(17);
        KmemleakGroup top = r.groups().get(0);
        assertThat(top.topFrame()).isEqualTo("kleak_leak_batch+0x1f/0x30 [kleak_slab]");
        assertThat(top.count()).isEqualTo(640);
        assertThat(top.totalSize()).isEqualTo(640 * 512);
        assertThat(top.comms()).containsExactly("kworker/0:1");
        assertThat(top.backtrace()).containsExactly("kmem_cache_alloc+0xfa/0x10d",
                "kleak_leak_batch+0x1f/0x30 [kleak_slab]", "leak_work_fn+0xb/0x7d [kleak_slab]",
                "process_one_work+0x139/0x1e2", "worker_thread+0x166/0x21a", "kthread+0xa6/0xae",
                "ret_from_fork+0x1f/0x30");
        // the module's 672 leaked objects: 640 from its work item, 32 from its init
        assertThat(r.groups()).filteredOn(g -> g.key().startsWith("kleak_leak_batch#"))
                .extracting(KmemleakGroup::count).containsExactly(640L, 32L);
        assertThat(r.groups().get(1).comms()).containsExactly("insmod");
        // the unloaded kmemleak-test module: bare addresses tell its call sites apart
        assertThat(r.groups()).filteredOn(g -> g.topFrame().equals("0xffffffffa00051d2")).singleElement()
                .satisfies(g -> assertThat(g.count()).isEqualTo(30));
    }

    @Test
    void labReportAfterOneScan() {
        KmemleakReport r = file("lab/run-memcg-v2/kmemleak.scan1.txt");
        assertThat(r.recordCount()).isEqualTo(5);
        assertThat(r.totalBytes()).isEqualTo(5 * 4096);
        assertThat(r.records()).extracting(KmemleakRecord::pid).containsExactly(114L, 114L, 116L, 118L, 118L);
        assertThat(r.groups()).extracting(KmemleakGroup::topFrame)
                .containsExactly("0xffffffffa000517b", "0xffffffffa0005194", "0xffffffffa00051ad");
        // the same call path has the same key in both reports
        KmemleakReport later = file("lab/run-memcg-v2/kmemleak.txt");
        assertThat(later.groups()).extracting(KmemleakGroup::key).containsAll(
                r.groups().stream().map(KmemleakGroup::key).toList());
    }

    @Test
    void recordCapCountsEverything() {
        List<KmemleakRecord> seen = new ArrayList<>();
        KmemleakParser p = new KmemleakParser(10, seen::add);
        Corpus.text("lab/run-memcg-v2/kmemleak.txt").lines().forEach(p::accept);
        KmemleakReport r = p.finish();
        assertThat(r.records()).hasSize(10);
        assertThat(r.recordCount()).isEqualTo(747);
        assertThat(r.truncated()).isTrue();
        assertThat(seen).hasSize(747);
        assertThat(r.groups().stream().mapToLong(KmemleakGroup::count).sum()).isEqualTo(747);
    }

    @Test
    void verboseRecordsInTheKernelLog() {
        // what kmemleak.verbose=1 prints: every line through pr_warn with the "kmemleak: " prefix,
        // here built from the first lab record, with other log lines interleaved
        List<String> raw = Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt").lines().limit(14).toList();
        List<String> log = new ArrayList<>();
        log.add("[   28.754000] kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)");
        for (int i = 0; i < raw.size(); i++) {
            log.add("[   28.75" + (4100 + i) + "] kmemleak: " + raw.get(i));
            if (i == 6) log.add("[   28.754200] e1000 0000:00:03.0 eth0: link up");
        }
        log.add("[   28.760000] kmemleak: 5 new suspected memory leaks");
        log.add("[   28.760001] unrelated:  indented but not kmemleak");
        KmemleakParser p = new KmemleakParser();
        log.forEach(p::accept);
        KmemleakReport r = p.finish();
        assertThat(r.recordCount()).isEqualTo(1);
        KmemleakRecord x = r.records().get(0);
        assertThat(x.address()).isEqualTo("0xffa0000000065000");
        assertThat(x.size()).isEqualTo(4096);
        assertThat(x.comm()).isEqualTo("insmod");
        assertThat(x.backtrace()).hasSize(8).first().isEqualTo("__vmalloc_node_range+0x545/0x57e");
        assertThat(r.groups().get(0).topFrame()).isEqualTo("0xffffffffa0005194");
    }

    @Test
    void percpuAndPhysKindsAndCommWithQuotes() {
        KmemleakReport r = KmemleakParser.parse("""
                unreferenced object (percpu) 0x00003c7a8f41b1b8 (size 8):
                  comm "swapper/0", pid 1, jiffies 4294892296
                  hex dump (first 8 bytes on cpu 0):
                    00 00 00 00 00 00 00 00                          ........
                  backtrace (crc 0):
                    pcpu_alloc_noprof+0x3ad/0x3e0
                    bpf_map_alloc_percpu+0x5a/0x90
                unreferenced object (phys) 0x2e8d000 (size 4096):
                  comm "a \\"b\\", pid 2", pid 7, jiffies 1
                  backtrace:
                    [<00000000a1b2c3d4>] memblock_alloc_try_nid+0x8a/0xb0
                    [<00000000a1b2c3d5>] setup_arch+0x1/0x2
                """);
        assertThat(r.records()).extracting(KmemleakRecord::kind).containsExactly("percpu", "phys");
        assertThat(r.records().get(0).address()).isEqualTo("0x00003c7a8f41b1b8");
        assertThat(r.records().get(0).crc()).isEqualTo("0");
        assertThat(r.records().get(1).comm()).isEqualTo("a \\\"b\\\", pid 2");
        assertThat(r.records().get(1).pid()).isEqualTo(7L);
        assertThat(r.groups()).extracting(KmemleakGroup::topFrame)
                .containsExactly("setup_arch+0x1/0x2", "bpf_map_alloc_percpu+0x5a/0x90");
    }

    @Test
    void commsAreDistinctSortedAndBounded() {
        StringBuilder sb = new StringBuilder();
        for (int i = 20; i > 0; i--) {
            sb.append("unreferenced object 0x").append(Integer.toHexString(0x1000 + i)).append(" (size 8):\n")
                    .append("  comm \"c").append(i % 10).append("\", pid ").append(i).append(", jiffies 1\n")
                    .append("  backtrace:\n    kmalloc_trace+0x1/0x2\n    my_alloc+0x3c/0x40 [m]\n");
        }
        KmemleakGroup g = onlyGroup(KmemleakParser.parse(sb.toString()));
        assertThat(g.count()).isEqualTo(20);
        assertThat(g.comms()).containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7");
        assertThat(g.key()).startsWith("my_alloc#");
    }

    @Test
    void allocatorTable() {
        for (String fn : List.of("kmalloc_trace", "__kmalloc_noprof", "kmem_cache_alloc_lru", "__kmem_cache_alloc_node",
                "kmemleak_alloc_recursive", "slab_post_alloc_hook", "__vmalloc_node_range", "kvmalloc_node_noprof",
                "pcpu_create_chunk", "__alloc_percpu_gfp", "create_object.isra.0", "kzalloc_noprof", "krealloc",
                "kmemdup_noprof", "kstrdup", "alloc_pages_exact", "__alloc_pages_nodemask", "mempool_alloc_slab")) {
            assertThat(AllocatorFrames.isInternal(fn)).as(fn).isTrue();
        }
        for (String fn : List.of("kleak_leak_batch", "usb_alloc_urb", "alloc_inode", "0xffffffffa000502d",
                "ext4_mb_init", "do_one_initcall")) {
            assertThat(AllocatorFrames.isInternal(fn)).as(fn).isFalse();
        }
    }

    @Test
    void aHeaderCutAnywhereGivesNoRecordWithAnEmptyAddressOrAnInventedSize() {
        String real = Corpus.text("kmemleak/lkml-btrfs-hch-6.19-rc-crc-noaddr-16byte-hexdump.txt");
        String header = "unreferenced object 0xffff888111f61890 (size 16):";
        int at = real.indexOf(header);
        assertThat(at).isGreaterThanOrEqualTo(0);
        for (int cut = at + "unreferenced object".length(); cut < at + header.length(); cut++) {
            // cut as a truncated file is, and as a mangled line followed by the rest of the report
            for (String text : List.of(real.substring(0, cut), real.substring(0, cut) + "\n" + real.substring(at + header.length() + 1))) {
                KmemleakReport r = KmemleakParser.parse(text);
                for (KmemleakRecord x : r.records()) {
                    assertThat(x.address()).as("cut at " + (cut - at)).isEqualTo("0xffff888111f61890");
                    assertThat(x.size()).as("cut at " + (cut - at)).isEqualTo(16);
                }
                assertThat(r.groups()).allSatisfy(g -> assertThat(g.sampleAddress()).isNotEmpty());
            }
        }
        // the whole header still makes the record
        assertThat(KmemleakParser.parse(real.substring(0, at + header.length())).records())
                .singleElement().satisfies(x -> assertThat(x.size()).isEqualTo(16));
    }
}
