package dev.kleaktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    @Test
    void sameAsInstantToStringAtMillisecondPrecision() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            long sec = switch (i % 4) {
                case 0 -> rnd.nextLong() % 300_000_000_000L;      // far past and future, years < 0 and > 9999
                case 1 -> 1_700_000_000L + rnd.nextInt(200_000_000);
                case 2 -> rnd.nextInt(86_400 * 3) - 86_400;         // around the epoch
                default -> 253_402_300_799L - rnd.nextInt(1000);    // the end of year 9999
            };
            int nano = i % 5 == 0 ? 0 : rnd.nextInt(1_000_000_000);
            Instant t = Instant.ofEpochSecond(sec, nano);
            assertThat(IsoTime.millis(t)).as(t.toString()).isEqualTo(t.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        assertThat(IsoTime.millis(Instant.parse("2026-11-26T05:40:35.120Z"))).isEqualTo("2026-11-26T05:40:35.120Z");
        assertThat(IsoTime.millis(Instant.parse("2026-11-26T05:40:35Z"))).isEqualTo("2026-11-26T05:40:35Z");
    }

    @Test
    void parsesWhatItWritesAndWhatInstantParses() {
        Random rnd = new Random(12);
        for (int i = 0; i < 100_000; i++) {
            long sec = i % 2 == 0 ? 1_700_000_000L + rnd.nextInt(200_000_000) : Math.floorMod(rnd.nextLong(), 253_402_300_799L);
            Instant t = Instant.ofEpochSecond(sec, i % 3 == 0 ? 0 : rnd.nextInt(1_000_000_000));
            String written = IsoTime.millis(t);
            assertThat(IsoTime.parseUtc(written)).as(written).isEqualTo(Instant.parse(written));
            String full = t.toString(); // nine, six or three digits of fraction, or none
            assertThat(IsoTime.parseUtc(full)).as(full).isEqualTo(t);
        }
    }

    @Test
    void otherFormsAreLeftToTheFullParser() {
        for (String s : new String[] {"2026-11-26T05:40:35+01:00", "2026-11-26T05:40:35,120Z", "2026-11-26 05:40:35Z",
                "2026-02-30T05:40:35Z", "2026-13-01T05:40:35Z", "2026-11-26T24:00:00Z", "2026-11-26T05:40:35.Z",
                "2026-11-26T05:40:35.1234567890Z", "2026-11-26T05:40Z", "Fri Mar  1 15:19:43 2024", "",
                "+12026-11-26T05:40:35Z", "2026-1x-26T05:40:35Z"}) {
            assertThat(IsoTime.parseUtc(s)).as(s).isNull();
        }
    }
}
