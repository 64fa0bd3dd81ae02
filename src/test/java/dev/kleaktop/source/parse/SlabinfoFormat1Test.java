package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.testing.Corpus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * slabinfo of Linux 2.4 (format 1.1) and 2.2 (format 1.0), from /proc/slabinfo pasted into
 * linux-kernel mail of 2001-2002 (corpus/SOURCES-added.md). Every result is checked in both
 * parsers: the refresh loop's byte parser must say exactly what the String parser says.
 */
class SlabinfoFormat1Test {
    static final String RAMFS = "slabinfo/lkml-2001-ramfs-leak-2.4-slab-1.1-up-spaces-in-names.txt";
    static final String SMP = "slabinfo/lkml-2001-herva-2.4.17-rc1-ia64-slab-1.1-smp-spaces-in-names.txt";
    static final String STATS = "slabinfo/lkml-2002-windle-2.4.19-pre9-ac3-slab-1.1-statistics.txt";
    static final String STATS_SMP = "slabinfo/lkml-2001-holzer-2.4.17-32G-slab-1.1-statistics-smp.txt";
    static final String V10 = "slabinfo/lkml-2001-lewis-2.2.19-slab-1.0-two-columns.txt";

    /** The String parser's result, after checking the byte parser gives the same. */
    static SlabInfo both(byte[] b) {
        Object expected = SlabinfoBytesTest.reference(b);
        assertThat(SlabinfoBytesTest.bytes(new SlabinfoBytes(), b)).isEqualTo(expected);
        assertThat(expected).isInstanceOf(SlabInfo.class);
        return (SlabInfo) expected;
    }

    /** The error both parsers give, as "error at LINE: MESSAGE". */
    static String error(byte[] b) {
        Object expected = SlabinfoBytesTest.reference(b);
        assertThat(SlabinfoBytesTest.bytes(new SlabinfoBytes(), b)).isEqualTo(expected);
        assertThat(expected).isInstanceOf(String.class);
        return (String) expected;
    }

    static SlabInfo both(String text) { return both(text.getBytes(StandardCharsets.UTF_8)); }

    static SlabCache find(SlabInfo s, String name) { return SlabinfoParserTest.find(s, name); }

    @ParameterizedTest
    @CsvSource({
        "lkml-2001-ramfs-leak-2.4-slab-1.1-up-spaces-in-names.txt, 54",
        "lkml-2001-herva-2.4.17-rc1-ia64-slab-1.1-smp-spaces-in-names.txt, 36",
        "lkml-2002-windle-2.4.19-pre9-ac3-slab-1.1-statistics.txt, 59",
        "lkml-2001-holzer-2.4.17-32G-slab-1.1-statistics-smp.txt, 63",
    })
    void everyRealFormat11FileParsesInBothParsersToItsCacheCount(String file, int caches) {
        SlabInfo s = both(Corpus.bytes("slabinfo/" + file));
        assertThat(s.version()).isEqualTo("1.1");
        assertThat(s.caches()).hasSize(caches);
        assertThat(s.truncated()).isFalse();
        // no name is cut at a blank, and none is repeated
        assertThat(s.caches()).allSatisfy(c -> {
            assertThat(c.name()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain(":");
            assertThat(c.id().index()).isZero();
        });
    }

    @Test
    void namesWithBlanksAreKeptWhole() {
        SlabInfo s = both(Corpus.bytes(RAMFS));
        assertThat(s.caches()).extracting(SlabCache::name)
                .contains("dnotify cache", "file lock cache", "fasync cache")
                .doesNotContain("dnotify", "file", "file lock", "cache", "lock cache");
        SlabCache lock = find(s, "file lock cache");
        assertThat(lock.activeObjs()).isZero();
        assertThat(lock.numObjs()).isEqualTo(42);
        assertThat(lock.objSize()).isEqualTo(92);
        assertThat(lock.activeSlabs()).isZero();
        assertThat(lock.numSlabs()).isEqualTo(1);
        assertThat(lock.pagesPerSlab()).isEqualTo(1);
        assertThat(lock.objPerSlab()).isEqualTo(42);
        assertThat(lock.sizeBytes(4096)).isEqualTo(4096);
        SlabCache fasync = find(s, "fasync cache");
        assertThat(fasync.activeObjs()).isEqualTo(2);
        assertThat(fasync.numObjs()).isEqualTo(202);
        assertThat(fasync.objSize()).isEqualTo(16);
        assertThat(fasync.activeBytes()).isEqualTo(32);
        // a uniprocessor 2.4 kernel has no per-CPU caches: limit and batchcount are 0
        assertThat(s.caches()).allSatisfy(c -> {
            assertThat(c.limit()).isZero();
            assertThat(c.batchCount()).isZero();
        });
        SlabCache big = find(s, "size-131072");
        assertThat(big.objSize()).isEqualTo(131072);
        assertThat(big.pagesPerSlab()).isEqualTo(32);
        assertThat(big.objPerSlab()).as("no slab, so objects per slab are not known").isZero();
    }

    @Test
    void smpLimitAndBatchcountAreTheTunables() {
        SlabInfo s = both(Corpus.bytes(SMP));
        SlabCache kmem = find(s, "kmem_cache");
        assertThat(kmem.activeObjs()).isEqualTo(111);
        assertThat(kmem.numObjs()).isEqualTo(111);
        assertThat(kmem.objSize()).isEqualTo(432);
        assertThat(kmem.objPerSlab()).isEqualTo(37);
        assertThat(kmem.limit()).isEqualTo(124);
        assertThat(kmem.batchCount()).isEqualTo(62);
        assertThat(kmem.sharedFactor()).isZero();
        assertThat(kmem.sharedAvail()).isZero();
        SlabCache lock = find(s, "file lock cache");
        assertThat(lock.activeObjs()).isEqualTo(99);
        assertThat(lock.numObjs()).isEqualTo(198);
        assertThat(lock.objSize()).isEqualTo(160);
        assertThat(lock.activeSlabs()).isEqualTo(1);
        assertThat(lock.numSlabs()).isEqualTo(2);
        assertThat(lock.objPerSlab()).isEqualTo(99);
        assertThat(lock.limit()).isEqualTo(252);
        assertThat(lock.batchCount()).isEqualTo(126);
        SlabCache sock = find(s, "sock");
        assertThat(sock.limit()).isEqualTo(60);
        assertThat(sock.batchCount()).isEqualTo(30);
        SlabCache bh = find(s, "buffer_head");
        assertThat(bh.activeObjs()).isEqualTo(393459);
        assertThat(bh.numObjs()).isEqualTo(394333);
        assertThat(bh.activeSlabs()).isEqualTo(4746);
        assertThat(bh.numSlabs()).isEqualTo(4751);
        assertThat(bh.objPerSlab()).isEqualTo(83);
        // ia64 of 2001 had 16 KiB pages: a tree that records its page size gets them
        assertThat(bh.sizeBytes(16384)).isEqualTo(4751L * 16384);
    }

    @Test
    void statisticsColumnsAreSkippedAloneAndWithSmp() {
        SlabInfo up = both(Corpus.bytes(STATS));
        SlabCache sock = find(up, "sock");
        assertThat(sock.activeObjs()).isEqualTo(4);
        assertThat(sock.numObjs()).isEqualTo(9);
        assertThat(sock.objSize()).isEqualTo(832);
        assertThat(sock.pagesPerSlab()).isEqualTo(2);
        assertThat(sock.objPerSlab()).isEqualTo(9);
        assertThat(sock.limit()).as("the statistics counters are not tunables").isZero();
        assertThat(sock.batchCount()).isZero();
        assertThat(find(up, "vm_area_struct").numSlabs()).isEqualTo(2);

        SlabInfo smp = both(Corpus.bytes(STATS_SMP));
        SlabCache bh = find(smp, "buffer_head");
        assertThat(bh.activeObjs()).isEqualTo(2557740);
        assertThat(bh.numObjs()).isEqualTo(2559882);
        assertThat(bh.objSize()).isEqualTo(104);
        assertThat(bh.activeSlabs()).isEqualTo(69151);
        assertThat(bh.numSlabs()).isEqualTo(69186);
        assertThat(bh.pagesPerSlab()).isEqualTo(1);
        assertThat(bh.objPerSlab()).isEqualTo(37);
        assertThat(bh.limit()).isEqualTo(252);
        assertThat(bh.batchCount()).isEqualTo(126);
        assertThat(bh.sizeBytes(4096)).isEqualTo(69186L * 4096);
        SlabCache lock = find(smp, "file lock cache");
        assertThat(lock.numObjs()).isEqualTo(312);
        assertThat(lock.objPerSlab()).isEqualTo(39);
        assertThat(lock.limit()).isEqualTo(252);
        assertThat(find(smp, "size-4096").limit()).isEqualTo(60);
        SlabCache big = find(smp, "size-32768");
        assertThat(big.limit()).isZero();
        assertThat(big.pagesPerSlab()).isEqualTo(8);
        assertThat(big.objPerSlab()).isEqualTo(1);
    }

    @Test
    void objectsPerSlabAreOnlyDerivedWhereExact() {
        SlabInfo s = both("slabinfo - version: 1.1\nodd                    1      7      8    1    2    1\n"
                + "even                   1      8      8    1    2    1\n");
        assertThat(find(s, "odd").objPerSlab()).isZero();
        assertThat(find(s, "even").objPerSlab()).isEqualTo(4);
    }

    @Test
    void aLineWithoutTheColumnsItsHeaderAnnouncesIsAnErrorWithItsLine() {
        String smp = "slabinfo - version: 1.1 (SMP)\nkmem_cache 1 1 8 1 1 1 :  252  126\nfilp 1 1 8 1 1 1\nsock 1 1 8 1 1 1 :  60 30\n";
        assertThat(error(smp.getBytes(StandardCharsets.UTF_8))).startsWith("error at 3: unrecognised slabinfo line: filp");
        String up = "slabinfo - version: 1.1\nkmem_cache 1 1 8 1 1 1\nfilp 1 1 8 1 1 1 :  252  126\nsock 1 1 8 1 1 1\n";
        assertThat(error(up.getBytes(StandardCharsets.UTF_8))).startsWith("error at 3: unrecognised slabinfo line: filp");
        String five = "slabinfo - version: 1.1\nkmem_cache 1 1 8 1 1\nsock 1 1 8 1 1 1\n";
        assertThat(error(five.getBytes(StandardCharsets.UTF_8))).startsWith("error at 2: ");
    }

    @Test
    void aLastLineCutShortIsDroppedAndReported() {
        String full = Corpus.text(SMP);
        String cut = full.substring(0, full.lastIndexOf(" :") + 2);
        SlabInfo s = both(cut);
        assertThat(s.truncated()).isTrue();
        assertThat(s.caches()).hasSize(35).extracting(SlabCache::name).doesNotContain("signal_act");
    }

    @Test
    void format10IsRefusedBecauseItHasNoObjectSizes() {
        // Linux 2.2 prints "name active_objs num_objs" only: the bytes of a cache are unknown,
        // and 0 bytes would be a lie. 2.1.x printed slab counts under 1.0, still without objsize.
        String why = "error at 1: unsupported slabinfo format version 1.0 (Linux 2.2): it has no object sizes,"
                + " so the memory of its caches is unknown; formats 1.1 and 2.x are read";
        assertThat(error(Corpus.bytes(V10))).isEqualTo(why);
        assertThat(error("slabinfo - version: 1.0\nkmem_cache 29 42 2 3 1\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(why);
        assertThat(error("slabinfo - version: 1.0 (statistics)\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(why);
    }
}
