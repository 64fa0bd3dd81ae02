package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UptimeParserTest {
    @Test
    void theFirstFieldIsTheUptime() {
        assertThat(UptimeParser.parse("1234.56 2000.00")).isEqualTo(1234.56);
        assertThat(UptimeParser.parse("7\n")).isEqualTo(7.0);
        assertThat(UptimeParser.parse("350735.47 234388.90\r")).isEqualTo(350735.47);
    }

    @Test
    void whatIsNotAFiniteNonNegativeNumberIsUnknown() {
        for (String s : new String[] {"NaN 0.00", "Infinity 1", "-Infinity", "1e999 0", "9".repeat(400) + " 0",
                "-5.00 1", "0x1p3 0", "12d 0", "up 0", "", ".", "1e3"}) {
            assertThat(UptimeParser.parse(s)).as(s).isNull();
        }
    }
}
