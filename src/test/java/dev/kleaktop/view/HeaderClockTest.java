package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeaderClockTest {
    @Test
    void sameAsTheFormatterInEveryKindOfZone() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss");
        List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Paris"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"), ZoneOffset.ofHoursMinutes(-9, -30));
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // before and after 1970, DST changes, leap years
            Instant t = Instant.ofEpochSecond(rnd.nextLong() % 4_000_000_000L, rnd.nextInt(1_000_000_000));
            for (ZoneId z : zones) {
                StringBuilder b = new StringBuilder();
                Header.clock(b, t, z);
                assertThat(b.toString()).as(t + " " + z).isEqualTo(f.format(t.atZone(z)));
            }
        }
    }
}
