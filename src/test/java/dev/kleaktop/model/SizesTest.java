package dev.kleaktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.view.table.Values;
import dev.kleaktop.view.Units;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Sizes saturate: the exact product when it fits a long, else the end of the range it passed. */
class SizesTest {
    private static long clamp(BigInteger v) {
        return v.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    @Property(tries = 5000)
    void timesAndPlusAreTheClampedExactResult(@ForAll long a, @ForAll long b) {
        assertThat(Sizes.times(a, b)).isEqualTo(clamp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))));
        assertThat(Sizes.plus(a, b)).isEqualTo(clamp(BigInteger.valueOf(a).add(BigInteger.valueOf(b))));
    }

    @Test
    void aSlabCacheOfHugeCountsHoldsTheLargestSizeNotANegativeOne() {
        long n18 = 999_999_999_999_999_999L;
        SlabCache c = new SlabCache(CacheId.of("big"), n18, n18, n18, 64, n18, 0, 0, 0, n18, n18, 0);
        assertThat(c.sizeBytes(4096)).isEqualTo(Long.MAX_VALUE);
        assertThat(c.activeBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(Sizes.kbToBytes(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Units.bytes(Long.MAX_VALUE)).isEqualTo("8.0E");
        // the one long without a positive twin is shown, not recursed on
        assertThat(Units.bytes(Long.MIN_VALUE)).isEqualTo("-8.0E");
        assertThat(Units.signedBytes(Long.MIN_VALUE)).isEqualTo("-8.0E");
        // a rate of such sizes keeps its magnitude in json
        assertThat(Values.round1(9e18)).isEqualTo(9e18);
        assertThat(Values.round1(-9e18)).isEqualTo(-9e18);
        assertThat(Values.round1(12.34)).isEqualTo(12.3);
    }
}
