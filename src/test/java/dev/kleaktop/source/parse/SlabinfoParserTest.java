package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.testing.Corpus;
import java.util.HashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlabinfoParserTest {

    @ParameterizedTest
    @CsvSource({
        "jc-fixtures-linux-proc-slub-5x.txt, 145",
        "lkml-xfs-buczek-5.4.54-SLAB-allocator-nonzero-tunables.txt, 175",
        "pcp-qa-meminfo-root-002-slub-per-netns-conntrack.txt, 129",
        "pcp-qa-meminfo-root-006-slub-truncated-capture.txt, 36",
        "pcp-qa-meminfo-root-007-slub-5x-294lines.txt, 292",
        "prometheus-procfs-fixtures-slub-300caches.txt, 300",
        "slabinfo.0-boot.txt, 113",
        "slabinfo.2-final.txt, 114",
    })
    void everyCorpusFileParsesToItsCacheCount(String file, int caches) throws Exception {
        SlabInfo s = SlabinfoParser.parse(Corpus.text("slabinfo/" + file));
        assertThat(s.version()).isEqualTo("2.1");
        assertThat(s.caches()).hasSize(caches);
        assertThat(s.truncated()).isFalse();
    }

    @Test
    void slabAllocatorKeepsItsTunables() throws Exception {
        SlabInfo s = SlabinfoParser.parse(Corpus.text("slabinfo/lkml-xfs-buczek-5.4.54-SLAB-allocator-nonzero-tunables.txt"));
        SlabCache dentry = find(s, "dentry");
        assertThat(dentry.activeObjs()).isEqualTo(35011852);
        assertThat(dentry.numObjs()).isEqualTo(35447601);
        assertThat(dentry.objSize()).isEqualTo(192);
        assertThat(dentry.objPerSlab()).isEqualTo(21);
        assertThat(dentry.pagesPerSlab()).isEqualTo(1);
        assertThat(dentry.limit()).isEqualTo(120);
        assertThat(dentry.batchCount()).isEqualTo(60);
        assertThat(dentry.sharedFactor()).isEqualTo(8);
        assertThat(dentry.activeSlabs()).isEqualTo(1687981);
        assertThat(dentry.numSlabs()).isEqualTo(1687981);
        assertThat(dentry.sharedAvail()).isEqualTo(480);
        assertThat(dentry.sizeBytes(4096)).isEqualTo(1687981L * 4096);
        SlabCache xfs = find(s, "xfs_inode");
        assertThat(xfs.numSlabs()).isEqualTo(7799208);
        assertThat(xfs.sharedAvail()).isEqualTo(434);
    }

    @Test
    void overflowingColumnsAndOddNamesParse() throws Exception {
        SlabInfo s = SlabinfoParser.parse(Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt"));
        SlabCache iwl = find(s, "iwl_cmd_pool:0000:04:00.0");
        assertThat(iwl.numObjs()).isEqualTo(128);
        assertThat(iwl.objSize()).isEqualTo(512);
        assertThat(iwl.pagesPerSlab()).isEqualTo(4);
        assertThat(iwl.numSlabs()).isEqualTo(4);
        assertThat(find(s, "L2TP/IPv6").pagesPerSlab()).isEqualTo(8);
        assertThat(find(s, "nvidia_p2p_page_cache").objSize()).isEqualTo(368);
        SlabInfo slab = SlabinfoParser.parse(Corpus.text("slabinfo/lkml-xfs-buczek-5.4.54-SLAB-allocator-nonzero-tunables.txt"));
        assertThat(slab.caches()).anySatisfy(c -> assertThat(c.objSize()).isEqualTo(4194304));
    }

    @Test
    void perNamespaceCachesHaveDistinctNames() throws Exception {
        SlabInfo s = SlabinfoParser.parse(Corpus.text("slabinfo/pcp-qa-meminfo-root-002-slub-per-netns-conntrack.txt"));
        assertThat(s.caches()).filteredOn(c -> c.name().startsWith("nf_conntrack_ffff")).hasSize(3)
                .allSatisfy(c -> assertThat(c.id().index()).isZero());
    }

    @Test
    void theLabsLeakingCacheIsRead() throws Exception {
        SlabInfo s = SlabinfoParser.parse(Corpus.text("slabinfo/slabinfo.2-final.txt"));
        SlabCache k = find(s, "kleak_slab_obj");
        assertThat(k.activeObjs()).isEqualTo(675);
        assertThat(k.objSize()).isEqualTo(520);
        assertThat(k.objPerSlab()).isEqualTo(15);
        assertThat(k.pagesPerSlab()).isEqualTo(2);
        assertThat(k.numSlabs()).isEqualTo(45);
        assertThat(k.sizeBytes(4096)).isEqualTo(45L * 2 * 4096);
        assertThat(k.activeBytes()).isEqualTo(675L * 520);
        assertThat(k.usePct()).isEqualTo(100);
    }

    @Test
    void duplicateNamesGetOccurrenceIndexes() throws Exception {
        String text = """
                slabinfo - version: 2.1
                # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
                bio-312               12     12    320   12    1 : tunables    0    0    0 : slabdata      1      1      0
                bio-312               24     24    320   12    1 : tunables    0    0    0 : slabdata      2      2      0
                dentry                21     21    192   21    1 : tunables    0    0    0 : slabdata      1      1      0
                bio-312               36     36    320   12    1 : tunables    0    0    0 : slabdata      3      3      0
                """;
        SlabInfo s = SlabinfoParser.parse(text);
        assertThat(s.caches()).extracting(SlabCache::id).containsExactly(
                new CacheId("bio-312", 0), new CacheId("bio-312", 1), new CacheId("dentry", 0), new CacheId("bio-312", 2));
        assertThat(s.caches().get(3).numSlabs()).isEqualTo(3);
    }

    @Test
    void aTruncatedLastLineIsDroppedAndReported() throws Exception {
        String full = Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt");
        String cut = full.substring(0, full.length() - 30);
        SlabInfo s = SlabinfoParser.parse(cut);
        assertThat(s.truncated()).isTrue();
        assertThat(s.caches()).hasSize(299);
        SlabInfo whole = SlabinfoParser.parse(full.substring(0, full.lastIndexOf('\n', full.length() - 2) + 1));
        assertThat(whole.truncated()).isFalse();
        assertThat(whole.caches()).hasSize(299);
    }

    @Test
    void anUnknownFormatIsAClearError() {
        String v3 = "slabinfo - version: 3.0\nkmem_cache 59 78 100 2 2 1\n";
        assertThatThrownBy(() -> SlabinfoParser.parse(v3)).isInstanceOf(ParseException.class)
                .hasMessage("unsupported slabinfo format version 3.0 (formats 1.1 and 2.x are read)")
                .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(1));
    }

    @Test
    void notSlabinfoAndGarbledLinesAreErrorsWithTheLine() {
        assertThatThrownBy(() -> SlabinfoParser.parse("MemTotal: 1 kB\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("not a slabinfo file");
        assertThatThrownBy(() -> SlabinfoParser.parse("")).isInstanceOf(ParseException.class);
        String garbled = "slabinfo - version: 2.1\n# name\nfoo 1 2 3 : tunables 0 0 0 : slabdata 1 1 0\nbar 1 1 1 1 1 : tunables 0 0 0 : slabdata 1 1 0\n";
        assertThatThrownBy(() -> SlabinfoParser.parse(garbled)).isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(3));
    }

    @Property(tries = 300)
    void anyPrefixOfARealFileParsesOrFailsCleanly(@ForAll("prefixes") String text) {
        try {
            SlabInfo s = SlabinfoParser.parse(text);
            assertThat(s.caches().size()).isLessThanOrEqualTo(300);
        } catch (ParseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void randomTextNeverThrowsAnythingButParseException(@ForAll String text) {
        try {
            SlabinfoParser.parse("slabinfo - version: 2.1\n" + text);
        } catch (ParseException e) {
            assertThat(e.line()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> prefixes() {
        String full = Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt");
        return Arbitraries.integers().between(0, full.length()).map(n -> full.substring(0, n));
    }

    @Test
    void parseLineRejectsNonNumbers() {
        assertThat(SlabinfoParser.parseLine("x a b c d e : tunables 0 0 0 : slabdata 0 0 0", new HashMap<>())).isNull();
        assertThat(SlabinfoParser.parseLine("x 1 2 3 4 5 : tunables 0 0 0 : slabdata 0 0 0", new HashMap<>())).isNotNull();
    }

    static SlabCache find(SlabInfo s, String name) {
        return s.caches().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
