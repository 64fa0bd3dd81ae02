package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SystemZoneTest {
    private static Function<Path, String> files(Map<String, String> m) {
        return p -> m.get(p.toString());
    }

    private static boolean utc(String prop, String tz, String etcTimezone, String localtime) {
        Map<String, String> lines = etcTimezone == null ? Map.of() : Map.of("/etc/timezone", etcTimezone);
        Map<String, String> links = localtime == null ? Map.of() : Map.of("/etc/localtime", localtime);
        return SystemZone.isUtc(prop, tz, files(lines), files(links));
    }

    @Test
    void utcOnlyWhenTheSourceTheJvmReadsFirstSaysSo() {
        assertThat(utc(null, null, "Etc/UTC", "/usr/share/zoneinfo/Etc/UTC")).isTrue();
        assertThat(utc(null, null, null, "/usr/share/zoneinfo/UTC")).isTrue();
        assertThat(utc(null, null, null, "../usr/share/zoneinfo/posix/Etc/UTC")).isTrue();
        assertThat(utc(null, null, "UTC", null)).isTrue();
        assertThat(utc(null, "UTC", "Europe/Paris", "/usr/share/zoneinfo/Europe/Paris")).isTrue();
        assertThat(utc(null, ":Etc/UTC", null, null)).isTrue();
        assertThat(utc("UTC", "Europe/Paris", null, null)).isTrue();
    }

    @Test
    void anythingElseOrAnyDoubtAsksTheJvm() {
        assertThat(utc(null, null, "Europe/Paris", "/usr/share/zoneinfo/Europe/Paris")).isFalse();
        assertThat(utc(null, "Europe/Paris", "Etc/UTC", "/usr/share/zoneinfo/Etc/UTC")).isFalse();
        assertThat(utc("America/New_York", null, "Etc/UTC", null)).isFalse();
        assertThat(utc(null, "EST5EDT", null, null)).isFalse();
        // the two files disagree: which one the JVM reads depends on its version
        assertThat(utc(null, null, "Etc/UTC", "/usr/share/zoneinfo/Asia/Tokyo")).isFalse();
        assertThat(utc(null, null, "Asia/Tokyo", "/usr/share/zoneinfo/Etc/UTC")).isFalse();
        // a copied /etc/localtime (not a link): the JVM compares contents; so must it
        assertThat(utc(null, null, "Etc/UTC", "")).isFalse();
        assertThat(utc(null, null, null, "")).isFalse();
        assertThat(utc(null, null, null, null)).isFalse();
        // leap-second zones are not a zero offset
        assertThat(utc(null, null, null, "/usr/share/zoneinfo/right/UTC")).isFalse();
    }

    @Test
    void onThisMachineItAgreesWithTheJvm() {
        ZoneId z = SystemZone.get();
        Instant now = Instant.parse("2026-07-01T12:00:00Z");
        assertThat(z.getRules().getOffset(now)).isEqualTo(ZoneId.systemDefault().getRules().getOffset(now));
    }
}
