package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture saved with CRLF line ends parses as the LF original does (as CRLF logs already
 * did), in both slabinfo parsers and in meminfo; and only the blanks between fields are
 * trimmed from a cache name, so control bytes at its ends keep names apart.
 */
class SlabinfoLineEndsTest {
    @TempDir
    Path dir;

    static String crlf(String lf) { return lf.replace("\n", "\r\n"); }

    static SlabInfo bytes(String text) throws ParseException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new SlabinfoBytes().parse(b, b.length);
    }

    @Test
    void aCrlfCorpusSlabinfoParsesEqualToTheLfOne() throws Exception {
        for (String f : SlabinfoBytesTest.FILES) {
            String lf = Corpus.text("slabinfo/" + f);
            SlabInfo expected = SlabinfoParser.parse(lf);
            assertThat(SlabinfoParser.parse(crlf(lf))).as(f).isEqualTo(expected);
            assertThat(bytes(crlf(lf))).as(f).isEqualTo(expected);
        }
        // SLAB's tunables and a real kernel's file, both parsers agree and nothing is lost
        SlabInfo slab = bytes(crlf(Corpus.text("slabinfo/lkml-xfs-buczek-5.4.54-SLAB-allocator-nonzero-tunables.txt")));
        assertThat(slab.caches()).isNotEmpty();
        assertThat(slab.truncated()).isFalse();
    }

    @Test
    void aCrlfMeminfoParsesEqualToTheLfOne() {
        String lf = Corpus.text("slabinfo/meminfo.2-final.txt");
        assertThat(MeminfoParser.parse(crlf(lf))).isEqualTo(MeminfoParser.parse(lf));
    }

    @Test
    void aCrlfTreeRunsInBatchModeLikeTheLfOne() {
        String lf = Corpus.text("slabinfo/slabinfo.2-final.txt");
        new Trees(dir.resolve("lf")).file("proc/slabinfo", lf).file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        new Trees(dir.resolve("crlf")).file("proc/slabinfo", crlf(lf))
                .file("proc/meminfo", crlf(Corpus.text("slabinfo/meminfo.2-final.txt")));
        CliRun a = CliRun.of("-b", "-n", "1", "--root", dir.resolve("lf").toString(), "--format", "csv");
        CliRun b = CliRun.of("-b", "-n", "1", "--root", dir.resolve("crlf").toString(), "--format", "csv");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.err()).isEmpty();
        assertThat(strip(b.out())).isEqualTo(strip(a.out()));
    }

    /** csv without its time column. */
    private static List<String> strip(String csv) {
        return csv.lines().map(l -> l.substring(l.indexOf(',') + 1)).toList();
    }

    @Test
    void controlBytesAtTheEndsOfANameArePartOfIt() throws Exception {
        String text = "slabinfo - version: 2.1\n"
                + "x      1      1     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "x\u0001      2      2     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "\u001bx\u007f      3      3     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "\u0085x\u009b      4      4     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n";
        for (SlabInfo si : List.of(SlabinfoParser.parse(text), bytes(text))) {
            assertThat(si.caches()).extracting(SlabCache::name)
                    .containsExactly("x", "x\u0001", "\u001bx\u007f", "\u0085x\u009b");
            // each is the first of its name: no occurrence index, as distinct caches
            assertThat(si.caches()).allSatisfy(c -> assertThat(c.id().index()).isZero());
        }
        assertThat(bytes(text)).isEqualTo(SlabinfoParser.parse(text));
    }

    @Test
    void suchNamesAreShownEscapedAndApartInBatchText() {
        new Trees(dir).file("proc/slabinfo", "slabinfo - version: 2.1\n"
                + "x      1      1     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "x\u0001      2      2     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n")
                .file("proc/meminfo", "Slab: 4 kB\n");
        CliRun r = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "-s", "name");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\u0001");
        List<String> rows = r.out().lines().dropWhile(l -> !l.startsWith("NAME")).skip(1).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("x ");
        assertThat(rows.get(1)).startsWith("x\\x01 ");
    }
}
