package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kleaktop -b --series}: a frame per sample through the same analysis, bad input in one line. */
class SeriesCommandTest {
    @TempDir
    Path dir;

    static final String SLAB = Corpus.text("slabinfo/slabinfo.2-final.txt");
    static final String MEM = Corpus.text("slabinfo/meminfo.2-final.txt");

    Path series(int samples, String extra) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            b.append("### t=").append(100 + 5 * i).append('\n').append(SLAB);
            b.append("### t=").append(100 + 5 * i).append(".01 path=proc/meminfo\n").append(MEM);
        }
        Path p = dir.resolve("series.txt");
        Files.writeString(p, b + extra);
        return p;
    }

    @Test
    void everySampleIsAFrameAndMinusNKeepsTheLast() throws Exception {
        Path p = series(6, "");
        CliRun all = CliRun.of("-b", "--series", p.toString(), "--format", "json");
        assertThat(all.code()).as(all.err()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(6);
        Map<String, Object> last = JSON.std.mapFrom(lines.get(5));
        assertThat(last.get("uptime_s")).isEqualTo(125.0);
        assertThat(last.get("interval_s")).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> cache = ((List<Map<String, Object>>) last.get("caches")).get(0);
        assertThat(cache).containsKeys("leak_suspect", "leak_level", "leak_reason");
        assertThat(all.err()).isEmpty();

        CliRun tail = CliRun.of("-b", "--series", p.toString(), "-n", "2", "--format", "json");
        assertThat(tail.out().lines().toList()).hasSize(2);
        assertThat(JSON.std.mapFrom(tail.out().lines().toList().get(1)).get("uptime_s")).isEqualTo(125.0);

        CliRun text = CliRun.of("-b", "--series", p.toString(), "-n", "1");
        assertThat(text.out().lines().findFirst().orElseThrow()).contains("series series.txt t=125s");
        // no sysfs in a series: the reclaimable caches are known by name
        assertThat(text.out()).containsPattern("(?m)^dentry .* R\\s*$");
    }

    @Test
    void aSkippedSampleIsCountedAndABadStampStopsWithItsLine() throws Exception {
        Path p = series(3, "### t=120\nslabinfo - version: 2.1\ngarbage\n### t=90\n" + SLAB);
        CliRun r = CliRun.of("-b", "--series", p.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.err()).contains("kleaktop: warning: " + p + ":")
                .contains("kleaktop: " + p + ": 3 samples replayed, 1 skipped, stopped at a problem")
                .contains("time goes back (t=90.0 after t=110.0").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aFileThatIsNoSeriesIsOneLineAndOnlyTheScreenAndBatchTakeIt() throws Exception {
        Path p = dir.resolve("plain.txt");
        Files.writeString(p, SLAB);
        CliRun r = CliRun.of("-b", "--series", p.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("kleaktop: " + p + ":1: does not start with a \"### t=SECONDS\" line")
                .hasLineCount(1);
        CliRun missing = CliRun.of("-b", "--series", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file").hasLineCount(1);
        // the screen says it before it asks for the terminal
        CliRun screen = CliRun.of("--series", p.toString());
        assertThat(screen.code()).isEqualTo(1);
        assertThat(screen.err()).contains("does not start with a \"### t=SECONDS\" line").doesNotContain("terminal")
                .hasLineCount(1);
        CliRun snap = CliRun.of("snapshot", "--series", p.toString());
        assertThat(snap.code()).isEqualTo(2);
    }
}
