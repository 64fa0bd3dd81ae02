package dev.kleaktop.source.parse;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakRecord;
import dev.kleaktop.model.KmemleakReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group titles ({@code memory leak in FUNC}) on real reports. The syzkaller files' expected
 * titles are the ones syzkaller's own report tests hold (pkg/report/testdata/linux/report/N,
 * {@code TITLE:} line, at google/syzkaller e5ac4886d488861659d58630bc79431b6a526c71).
 */
class KmemleakTitleTest {

    private static KmemleakReport file(String rel) { return KmemleakParser.parse(Corpus.text(rel)); }

    /** Titles of the groups in report order (the order of their first record). */
    private static List<String> titlesInOrder(String rel) {
        KmemleakReport r = file(rel);
        List<String> out = new ArrayList<>();
        for (KmemleakRecord x : r.records()) {
            String t = r.groups().stream().filter(g -> g.backtrace().equals(x.backtrace())).findFirst()
                    .orElseThrow().title();
            if (!out.contains(t)) out.add(t);
        }
        return out;
    }

    @Test
    void syzkallersOwnExpectedTitles() {
        Map<String, String> expected = Map.of(
                "syzkaller-testdata-report-151-hashed-ptrs-4.15.txt", "memory leak in new_inode_pseudo",
                "syzkaller-testdata-report-312-ffff-terminator.txt", "memory leak in map_create",
                "syzkaller-testdata-report-51-symbolized-trailing-spaces.txt", "memory leak in do_ipv6_setsockopt",
                "syzkaller-testdata-report-53-old-no-hexdump-x86_64.txt", "memory leak in ext4_mb_init",
                "syzkaller-testdata-report-54-old-arm32.txt", "memory leak in eth_rx_fill",
                "syzkaller-testdata-report-55-old-i386.txt", "memory leak in start_kernel",
                "syzkaller-testdata-report-752-crc-symbolized-6.x.txt", "memory leak in lookup_or_create_module_kobject");
        expected.forEach((f, title) ->
                assertThat(titlesInOrder("kmemleak/" + f).get(0)).as(f).isEqualTo(title));
    }

    @Test
    void allocatorLikeCallersArePassedOverButTopFrameStaysAsSpecDefinesIt() {
        // 312: __kmalloc, pcpu_*, __alloc_percpu_gfp, htab_map_alloc are all allocator-like
        KmemleakGroup g = file("kmemleak/syzkaller-testdata-report-312-ffff-terminator.txt").groups().get(0);
        assertThat(g.title()).isEqualTo("memory leak in map_create");
        assertThat(g.topFrame()).isEqualTo("htab_map_alloc+0x447/0x5c0");
        // 151's second record: selinux_inode_alloc_security and security_inode_alloc pass memory on
        assertThat(titlesInOrder("kmemleak/syzkaller-testdata-report-151-hashed-ptrs-4.15.txt"))
                .containsExactly("memory leak in new_inode_pseudo", "memory leak in inode_init_always");
    }

    @Test
    void anInlineFrameIsNamedByTheFunctionItWasInlinedInto() {
        KmemleakGroup sym = file("kmemleak/syzkaller-testdata-report-752-crc-symbolized-6.x.txt").groups().get(0);
        assertThat(sym.topFrame()).isEqualTo("lookup_or_create_module_kobject kernel/params.c:774 [inline]");
        assertThat(sym.title()).isEqualTo("memory leak in lookup_or_create_module_kobject");
        // usb_alloc_urb and ath9k_hif_usb_alloc_urbs allocate; ath9k_hif_usb_dev_init is
        // inlined into ath9k_hif_usb_firmware_cb (the same address), the function to search for
        KmemleakGroup inl = file("kmemleak/syzkaller-testdata-guilty-48-symbolized-inline-dup.txt").groups().get(0);
        assertThat(inl.count()).isEqualTo(5);
        assertThat(inl.title()).isEqualTo("memory leak in ath9k_hif_usb_firmware_cb");
    }

    @Test
    void mailingListReportsAreNamedAsTheirAuthorsNamedThem() {
        // "memory leaks from xfs_rw_bdev()" (linux-xfs, 2019): kmem_cache_alloc, mempool_*, bio_alloc_bioset
        assertThat(file("kmemleak/lkml-xfs-qiancai-5.2-next-hashed-ptrs-module.txt").groups().get(0).title())
                .isEqualTo("memory leak in xfs_rw_bdev");
        assertThat(file("kmemleak/lkml-btrfs-hch-6.19-rc-crc-noaddr-16byte-hexdump.txt").groups().get(0).title())
                .isEqualTo("memory leak in raid56_parity_write");   // alloc_rbio.isra.0 allocates
        assertThat(file("kmemleak/lkml-btrfs-yizhang-6.8-rc3-crc-hashed-ptrs.txt").groups().get(0).title())
                .isEqualTo("memory leak in read_one_chunk");
        assertThat(titlesInOrder("kmemleak/lkml-nvdimm-ndctl-6.4-raw-addrs-unloaded-module.txt"))
                .contains("memory leak in badrange_add");
    }

    @Test
    void codeOfAnUnloadedModuleHasNoTitleAndTheLabsModuleHasItsFunction() {
        KmemleakReport lab = file("lab/run-memcg-v2/kmemleak.txt");
        assertThat(lab.groups().get(0).title()).isEqualTo("memory leak in kleak_leak_batch");
        // kmemleak-test.ko was unloaded: its frames are bare addresses, not names to search for
        KmemleakGroup unloaded = lab.groups().stream().filter(g -> g.topFrame().startsWith("0x")).findFirst().orElseThrow();
        assertThat(unloaded.title()).isNull();
        assertThat(titlesInOrder("kmemleak/lkml-nvdimm-ndctl-6.4-raw-addrs-unloaded-module.txt")).contains((String) null);
    }

    @Test
    void aCutBacktraceOfAllocatorFramesNamesItsOutermostFrame() {
        List<String> real = file("kmemleak/syzkaller-testdata-report-151-hashed-ptrs-4.15.txt").records().get(0).backtrace();
        assertThat(KmemleakTitle.of(real.subList(0, 2))).isEqualTo("memory leak in alloc_inode");
        assertThat(KmemleakTitle.of(real.subList(0, 3))).isEqualTo("memory leak in new_inode_pseudo");
        assertThat(KmemleakTitle.of(List.of())).isNull();
        assertThat(KmemleakTitle.of(List.of("0xffffffffffffffff"))).isNull();
    }
}
