package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The byte parser of the refresh loop must give exactly what the String parser gives for
 * the same bytes decoded as UTF-8: the same caches, ids, truncation flag, or the same error.
 */
class SlabinfoBytesTest {
    static final List<String> FILES = List.of(
            "jc-fixtures-linux-proc-slub-5x.txt",
            "lkml-2001-herva-2.4.17-rc1-ia64-slab-1.1-smp-spaces-in-names.txt",
            "lkml-2001-holzer-2.4.17-32G-slab-1.1-statistics-smp.txt",
            "lkml-2001-ramfs-leak-2.4-slab-1.1-up-spaces-in-names.txt",
            "lkml-2002-windle-2.4.19-pre9-ac3-slab-1.1-statistics.txt",
            "lkml-xfs-buczek-5.4.54-SLAB-allocator-nonzero-tunables.txt",
            "pcp-qa-meminfo-root-002-slub-per-netns-conntrack.txt",
            "pcp-qa-meminfo-root-006-slub-truncated-capture.txt",
            "pcp-qa-meminfo-root-007-slub-5x-294lines.txt",
            "prometheus-procfs-fixtures-slub-300caches.txt",
            "slabinfo.0-boot.txt",
            "slabinfo.2-final.txt");

    /** What the String parser says: the result, or the error's line and message. */
    static Object reference(byte[] b) {
        try {
            return SlabinfoParser.parse(new String(b, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return "error at " + e.line() + ": " + e.getMessage();
        }
    }

    static Object bytes(SlabinfoBytes p, byte[] b) {
        try {
            // the buffer is bigger than the content, as the sampler's read buffer is
            byte[] padded = java.util.Arrays.copyOf(b, b.length + 17);
            java.util.Arrays.fill(padded, b.length, padded.length, (byte) 'x');
            return p.parse(padded, b.length);
        } catch (ParseException e) {
            return "error at " + e.line() + ": " + e.getMessage();
        }
    }

    @Test
    void everyCorpusFileGivesTheSameResult() {
        SlabinfoBytes p = new SlabinfoBytes();
        for (int round = 0; round < 2; round++) {
            for (String f : FILES) {
                byte[] b = Corpus.bytes("slabinfo/" + f);
                Object expected = reference(b);
                assertThat(expected).as(f).isInstanceOf(SlabInfo.class);
                assertThat(bytes(p, b)).as(f).isEqualTo(expected);
                assertThat(bytes(new SlabinfoBytes(), b)).as(f).isEqualTo(expected);
            }
        }
    }

    @Test
    void namesAndIdsAreKeptFromOneRefreshToTheNext() throws Exception {
        SlabinfoBytes p = new SlabinfoBytes();
        byte[] b = Corpus.bytes("slabinfo/pcp-qa-meminfo-root-002-slub-per-netns-conntrack.txt");
        SlabInfo first = p.parse(b, b.length);
        SlabInfo second = p.parse(b, b.length);
        for (int i = 0; i < first.caches().size(); i++) {
            assertThat(second.caches().get(i).id()).isSameAs(first.caches().get(i).id());
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aNameCountsItsOccurrencesWhateverTheRestOfItsLine() {
        String text = "slabinfo - version: 2.1\n# name\n"
                + "dup 1 1 8 1 1 : tunables 0 0 0 : slabdata 1 1 0\n"
                + "dup 2 2 8 1 1 : tunables 0 0 0 : slabdata 2 2 0 : \u00e9t\u00e9\n"
                + "\u00e9t\u00e9 3 3 8 1 1 : tunables 0 0 0 : slabdata 3 3 0\n"
                + "dup 4 4 8 1 1 : tunables 0 0 0 : slabdata 4 4 0\n"
                + "\u00e9t\u00e9 5 5 8 1 1 : tunables 0 0 0 : slabdata 5 5 0\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SlabinfoBytes p = new SlabinfoBytes();
        for (int round = 0; round < 3; round++) {
            Object got = bytes(p, b);
            assertThat(got).isEqualTo(reference(b));
            assertThat(((SlabInfo) got).caches()).extracting(c -> c.id().toString())
                    .containsExactly("dup", "dup#2", "\u00e9t\u00e9", "dup#3", "\u00e9t\u00e9#2");
        }
    }

    @Test
    void namesThatComeAndGoAreForgottenWithoutChangingResults() {
        SlabinfoBytes p = new SlabinfoBytes();
        String head = "slabinfo - version: 2.1\n# name\n";
        for (int round = 0; round < 50; round++) {
            StringBuilder sb = new StringBuilder(head);
            for (int i = 0; i < 40; i++) {
                // a new set of per-memcg names each round, some repeating a name
                String name = "dentry(" + (round * 40 + i % 30) + ":s.scope)";
                sb.append(name).append(" 21 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0\n");
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(bytes(p, b)).isEqualTo(reference(b));
        }
    }

    @Property(tries = 400)
    void anyPrefixGivesTheSameResult(@ForAll("prefixes") byte[] b) {
        assertThat(bytes(new SlabinfoBytes(), b)).isEqualTo(reference(b));
    }

    @Property(tries = 1500)
    void mutatedFilesGiveTheSameResult(@ForAll("mutated") byte[] b) {
        assertThat(bytes(new SlabinfoBytes(), b)).isEqualTo(reference(b));
    }

    /** One parser through a run of different reads, some of them failing: its kept state never shows. */
    @Property(tries = 200)
    void oneParserThroughManyReadsGivesTheSameResults(@ForAll("runs") List<byte[]> reads) {
        SlabinfoBytes p = new SlabinfoBytes();
        for (byte[] b : reads) assertThat(bytes(p, b)).isEqualTo(reference(b));
    }

    @Provide
    Arbitrary<List<byte[]>> runs() {
        String head = "slabinfo - version: 2.1\n# name\n";
        Arbitrary<byte[]> churn = Arbitraries.integers().between(0, 30).map(k -> {
            StringBuilder sb = new StringBuilder(head);
            for (int i = 0; i < 6; i++) {
                sb.append("c(").append((k + i) % 9).append(":x) 1 1 8 1 1 : tunables 0 0 0 : slabdata 1 1 0\n");
            }
            if (k % 7 == 0) sb.append("garbled : tunables : slabdata\nmore 1 1 8 1 1 : tunables 0 0 0 : slabdata 1 1 0\n");
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        });
        return Arbitraries.oneOf(mutated(), churn, prefixes()).list().ofMinSize(2).ofMaxSize(10);
    }

    @Property(tries = 300)
    void randomTextGivesTheSameResult(@ForAll String text) {
        byte[] b = ("slabinfo - version: 2.1\n" + text).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes(new SlabinfoBytes(), b)).isEqualTo(reference(b));
    }

    /** Format 1.1 is parsed by the String parser's line rules: every cut of a real file agrees too. */
    @Property(tries = 300)
    void anyPrefixOfAFormat11FileGivesTheSameResult(@ForAll("prefixes11") byte[] b) {
        assertThat(bytes(new SlabinfoBytes(), b)).isEqualTo(reference(b));
    }

    @Provide
    Arbitrary<byte[]> prefixes11() {
        byte[] full = Corpus.bytes("slabinfo/lkml-2001-holzer-2.4.17-32G-slab-1.1-statistics-smp.txt");
        return Arbitraries.integers().between(0, full.length).map(n -> java.util.Arrays.copyOf(full, n));
    }

    @Provide
    Arbitrary<byte[]> prefixes() {
        byte[] full = Corpus.bytes("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt");
        return Arbitraries.integers().between(0, full.length).map(n -> java.util.Arrays.copyOf(full, n));
    }

    /** Real files with a few bytes inserted or replaced: blanks, digits, separators, non-ASCII, invalid UTF-8. */
    @Provide
    Arbitrary<byte[]> mutated() {
        byte[][] pieces = {
            {' '}, {'\t'}, {'\n'}, {'\r'}, {0}, {'#'}, {':'}, {'7'}, {'0'}, {'x'}, {' ', ':', ' '},
            " : tunables".getBytes(StandardCharsets.US_ASCII), " : slabdata".getBytes(StandardCharsets.US_ASCII),
            "é".getBytes(StandardCharsets.UTF_8), "\u2003".getBytes(StandardCharsets.UTF_8),
            "\u0085".getBytes(StandardCharsets.UTF_8), {(byte) 0xff}, {(byte) 0x80}, {(byte) 0xc3},
            "99999999999999999999".getBytes(StandardCharsets.US_ASCII), {0x0b}, {0x1c},
        };
        return Arbitraries.longs().map(seed -> {
            Random rnd = new Random(seed);
            String f = FILES.get(rnd.nextInt(FILES.size()));
            byte[] src = Corpus.bytes("slabinfo/" + f);
            if (rnd.nextInt(4) == 0) src = java.util.Arrays.copyOf(src, Math.min(src.length, 600 + rnd.nextInt(400)));
            ByteArrayOutputStream out = new ByteArrayOutputStream(src.length + 64);
            int edits = 1 + rnd.nextInt(4);
            int[] at = new int[edits];
            for (int i = 0; i < edits; i++) at[i] = rnd.nextInt(src.length + 1);
            java.util.Arrays.sort(at);
            int from = 0;
            for (int i = 0; i < edits; i++) {
                int pos = Math.max(at[i], from);
                out.write(src, from, pos - from);
                byte[] piece = pieces[rnd.nextInt(pieces.length)];
                out.write(piece, 0, piece.length);
                from = pos + (rnd.nextBoolean() && pos < src.length ? 1 : 0); // replace or insert
            }
            out.write(src, from, src.length - from);
            return out.toByteArray();
        });
    }
}
