package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link Units#bytes} formats without a Formatter: it must print exactly what {@code %.1f} did. */
class UnitsFormatTest {
    private static final String[] SUFFIX = {"", "K", "M", "G", "T", "P", "E"};

    /** The formatting Units used before: String.format of the scaled double. */
    static String reference(long b) {
        if (b < 0) return "-" + reference(-b);
        if (b < 1024) return b + "B";
        double v = b;
        int i = 0;
        while (v >= 1024 && i < SUFFIX.length - 1) {
            v /= 1024;
            i++;
        }
        if (v >= 999.95 && i < SUFFIX.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, SUFFIX[i]);
    }

    @Property(tries = 20000)
    void sameAsFormatterUpToATebibyte(@ForAll @LongRange(min = 0, max = 1L << 42) long b) {
        assertThat(Units.bytes(b)).isEqualTo(reference(b));
        assertThat(Units.bytes(-b)).isEqualTo(reference(-b));
    }

    @Property(tries = 5000)
    void sameAsFormatterForAnySize(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        assertThat(Units.bytes(b)).isEqualTo(reference(b));
    }

    @Test
    void roundingTiesAndRolloversMatch() {
        for (int i = 1; i <= 4; i++) {
            long unit = 1L << (10 * i);
            for (long k = 0; k < 20_000; k++) {
                // every exact tie x.x5 (multiples of unit/20 that are integers), and their neighbours
                long tie = k * unit / 20;
                for (long d = -2; d <= 2; d++) {
                    long b = tie + d;
                    if (b >= 0) assertThat(Units.bytes(b)).as("b=%d", b).isEqualTo(reference(b));
                }
            }
            // around the switch to the next unit at 999.95
            long edge = (long) (999.95 * unit);
            for (long b = edge - 3000; b <= edge + 3000; b++) {
                assertThat(Units.bytes(b)).as("b=%d", b).isEqualTo(reference(b));
            }
        }
        assertThat(Units.bytes(1536)).isEqualTo("1.5K");
        assertThat(Units.bytes(1023)).isEqualTo("1023B");
        assertThat(Units.bytes(1024L * 1024 * 1023 + 1024 * 1000)).isEqualTo("1.0G");
    }
}
