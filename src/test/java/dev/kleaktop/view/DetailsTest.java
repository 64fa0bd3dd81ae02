package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetailsTest {
    @Test
    void risingHistoryFillsFromTheBottomWithTheRangeOnTheAxis() {
        List<String> c = Details.chart(new long[] {-1, 1024, 2048, 4096}, 3, 60, Glyphs.UNICODE);
        assertThat(c).hasSize(4);
        assertThat(c.get(0)).isEqualTo(" 4.0K ┤          ██");
        assertThat(c.get(1)).isEqualTo("      │       ▁▁ ██");
        assertThat(c.get(2)).isEqualTo(" 1.0K ┤    ▁▁ ██ ██");
        assertThat(c.get(3)).isEqualTo("        -60s    now");
    }

    @Test
    void flatHistoryAndAsciiAndNoHistory() {
        List<String> flat = Details.chart(new long[] {8192, 8192}, 2, 10, Glyphs.ASCII);
        assertThat(flat.get(0)).doesNotContain("8.0K").doesNotContain("#");
        assertThat(flat.get(1)).startsWith(" 8.0K +").endsWith(" ## ##");
        assertThat(Details.chart(new long[0], 6, 60, Glyphs.UNICODE)).containsExactly("  (no history yet)");
        assertThat(Details.chart(new long[] {-1, -1}, 6, 60, Glyphs.UNICODE)).containsExactly("  (no history yet)");
    }
}
