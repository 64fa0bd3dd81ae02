package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Random damage to a real snapshot: loading either succeeds or fails with its one typed error. */
class SnapshotFuzzProperties {
    static final byte[] GOOD = Fixtures.labBytes();
    /** The last byte that belongs to the json value (the file ends with a newline after it). */
    static final int LAST = lastNonSpace(GOOD);

    static int lastNonSpace(byte[] b) {
        int i = b.length - 1;
        while (i >= 0 && Character.isWhitespace(b[i])) i--;
        return i;
    }

    @Property(tries = 300)
    void anyTruncationFailsCleanly(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        int cut = seed % (LAST + 1); // keeps bytes [0, cut): always short of the closing brace
        byte[] b = Arrays.copyOf(GOOD, cut);
        try {
            SnapshotCodec.decode(b, "s.json");
        } catch (SnapshotException e) {
            assertThat(e.getMessage()).startsWith("s.json: ").doesNotContain("\n");
            return;
        }
        throw new AssertionError("a file cut at byte " + cut + " of " + GOOD.length + " loaded");
    }

    @Property(tries = 500)
    void byteFlipsNeverEscapeAsAnythingElse(@ForAll("flips") List<Tuple.Tuple2<Integer, Byte>> flips) {
        byte[] b = GOOD.clone();
        for (Tuple.Tuple2<Integer, Byte> f : flips) b[f.get1() % b.length] = f.get2();
        try {
            SnapshotCodec.decode(b, "s.json");
        } catch (SnapshotException e) {
            assertThat(e.getMessage()).startsWith("s.json: ").doesNotContain("\n");
        }
    }

    @Property(tries = 200)
    void flipsInTheHeadAndTheFirstCachesAreCaughtOrHarmless(
            @ForAll @IntRange(min = 0, max = 1500) int at, @ForAll byte value) {
        byte[] b = GOOD.clone();
        b[at] = value;
        try {
            SnapshotCodec.decode(b, "s.json");
        } catch (SnapshotException e) {
            assertThat(e.getMessage()).startsWith("s.json: ").doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> flips() {
        Arbitrary<Tuple.Tuple2<Integer, Byte>> one = Combinators.combine(
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) '"', (byte) '{', (byte) '}',
                        (byte) '[', (byte) ']', (byte) ',', (byte) ':', (byte) '-', (byte) '0', (byte) '.',
                        (byte) 'e', (byte) 'n', (byte) '\\', (byte) 0xc3, (byte) 0xff)))
                .as(Tuple::of);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }
}
