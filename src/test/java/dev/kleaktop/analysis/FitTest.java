package dev.kleaktop.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FitTest {
    @Test
    void aFlatSeriesAtIrregularTimesHasASlopeOfExactlyZero() {
        // real clocks give irregular times; a large constant must not leave a rounding residue
        Random rnd = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            Fit.Acc acc = new Fit.Acc();
            double y = 806_912 + rnd.nextInt(1 << 30);
            for (int i = 0; i < 3 + rnd.nextInt(60); i++) acc.add(-i * (1 + rnd.nextDouble() * 0.01) - rnd.nextDouble(), y);
            Fit f = acc.fit();
            assertThat(f.slope()).as("trial %d", trial).isEqualTo(0.0);
            assertThat(f.r2()).isEqualTo(1.0);
        }
    }

    @Test
    void slopeOfALineIsUnchanged() {
        Fit.Acc acc = new Fit.Acc();
        for (int i = 0; i < 10; i++) acc.add(-i * 1.003, 5_000_000 + 4096.0 * (10 - i));
        Fit f = acc.fit();
        assertThat(f.slope()).isCloseTo(4096 / 1.003, within(1e-6));
        assertThat(f.r2()).isCloseTo(1.0, within(1e-12));
        assertThat(f.first()).isEqualTo(5_000_000 + 4096.0);
        assertThat(f.last()).isEqualTo(5_000_000 + 4096.0 * 10);
    }
}
