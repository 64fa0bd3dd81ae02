package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SparklineTest {
    @Test
    void risingSeriesClimbsTheRamp() {
        long[] t = {0, 1, 2, 3, 4, 5, 6, 7};
        assertThat(Sparkline.render(t, 8, Glyphs.UNICODE)).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(Sparkline.render(t, 8, Glyphs.ASCII)).isEqualTo("_.-=+*#@");
    }

    @Test
    void flatSeriesSitsAtTheBottomAndMissingPointsAreBlank() {
        assertThat(Sparkline.render(new long[] {5, 5, 5}, 3, Glyphs.UNICODE)).isEqualTo("▁▁▁");
        assertThat(Sparkline.render(new long[] {-1, -1, 10, 20}, 4, Glyphs.UNICODE)).isEqualTo("  ▁█");
    }

    @Test
    void fewerPointsAreRightAlignedAndMoreKeepTheNewest() {
        assertThat(Sparkline.render(new long[] {1, 2}, 5, Glyphs.UNICODE)).isEqualTo("   ▁█");
        assertThat(Sparkline.render(new long[] {100, 0, 1}, 2, Glyphs.UNICODE)).isEqualTo("▁█");
        assertThat(Sparkline.render(new long[0], 3, Glyphs.UNICODE)).isEqualTo("   ");
        assertThat(Sparkline.render(null, 2, Glyphs.UNICODE)).isEqualTo("  ");
    }

    @Property
    void alwaysExactlyTheWidthAndOnlyRampOrBlank(@ForAll @Size(max = 20) long[] raw, @ForAll @IntRange(min = 0, max = 12) int width,
                                               @ForAll @LongRange(min = 0, max = 1) long ascii) {
        Glyphs g = ascii == 1 ? Glyphs.ASCII : Glyphs.UNICODE;
        long[] t = new long[raw.length];
        for (int i = 0; i < raw.length; i++) t[i] = raw[i] < 0 ? -1 : raw[i];
        String s = Sparkline.render(t, width, g);
        assertThat(s).hasSize(width);
        assertThat(s.chars()).allMatch(c -> c == ' ' || g.ramp().indexOf(c) >= 0);
    }
}
