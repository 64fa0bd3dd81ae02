package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a captured series: its samples, and every kind of bad input a one-line message. */
class SeriesFileTest {
    @TempDir
    Path dir;

    static final String SLAB = Corpus.text("slabinfo/slabinfo.2-final.txt");
    static final String MEM = Corpus.text("slabinfo/meminfo.2-final.txt");

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static List<SeriesFile.Sample> all(SeriesFile f) throws SourceException {
        List<SeriesFile.Sample> out = new ArrayList<>();
        for (SeriesFile.Sample s; (s = f.next()) != null; ) out.add(s);
        return out;
    }

    static String sample(double t) {
        return "### t=" + t + "\n" + SLAB + "### t=" + (t + 0.01) + " path=proc/meminfo\n" + MEM;
    }

    @Test
    void samplesAreRunsOfDifferentPathsTimedByTheirFirstStamp() throws Exception {
        try (SeriesFile f = SeriesFile.open(write("s.txt", sample(10) + sample(15) + sample(20)))) {
            List<SeriesFile.Sample> s = all(f);
            assertThat(s).hasSize(3);
            assertThat(s.get(1).uptimeS()).isEqualTo(15.0);
            assertThat(s.get(1).files()).containsOnlyKeys("proc/slabinfo", "proc/meminfo");
            assertThat(new String(s.get(1).files().get("proc/meminfo"), StandardCharsets.UTF_8)).isEqualTo(MEM);
            assertThat(new String(s.get(0).files().get("proc/slabinfo"), StandardCharsets.UTF_8)).isEqualTo(SLAB);
            assertThat(s.get(2).line()).isGreaterThan(s.get(1).line());
            assertThat(f.skipped()).isZero();
            assertThat(f.warnings()).isEmpty();
        }
    }

    @Test
    void wallClockStampsAndGzipAreReadAsTheyAre() throws Exception {
        String text = "### time=2026-12-02T21:55:03Z\n" + SLAB + "### time=2026-12-02T21:55:08+00:00\n" + SLAB;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path p = dir.resolve("s.txt.gz");
        Files.write(p, b.toByteArray());
        try (SeriesFile f = SeriesFile.open(p)) {
            List<SeriesFile.Sample> s = all(f);
            assertThat(s).hasSize(2);
            assertThat(s.get(0).uptimeS()).isNull();
            assertThat(s.get(1).time()).isEqualTo(java.time.Instant.parse("2026-12-02T21:55:08Z"));
        }
    }

    @Test
    void aGarbledOrTruncatedDumpIsSkippedAndCountedWithItsLine() throws Exception {
        String cut = SLAB.substring(0, SLAB.length() / 2);
        cut = cut.substring(0, cut.lastIndexOf('\n')) + "\nkmalloc-64  12 3";  // cut mid-line
        String text = sample(10) + "### t=12\n" + cut + "\n" + sample(15) + "### t=16\nno slabinfo here\n" + sample(20);
        try (SeriesFile f = SeriesFile.open(write("s.txt", text))) {
            List<SeriesFile.Sample> s = all(f);
            assertThat(s).extracting(SeriesFile.Sample::uptimeS).containsExactly(10.0, 15.0, 20.0);
            assertThat(f.skipped()).isEqualTo(2);
            assertThat(f.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith(dir.resolve("s.txt") + ":")
                    .contains("sample skipped").doesNotContain("Exception"));
        }
    }

    @Test
    void aStampWithoutATimeOrWithABadOneSkipsItsSample() throws Exception {
        String text = sample(10) + "### path=proc/slabinfo\n" + SLAB + "### t=abc\n" + SLAB + sample(20);
        try (SeriesFile f = SeriesFile.open(write("s.txt", text))) {
            assertThat(all(f)).hasSize(2);
            assertThat(f.warnings()).anySatisfy(w -> assertThat(w).contains("without t= or time="))
                    .anySatisfy(w -> assertThat(w).contains("t=abc is not a number"));
        }
    }

    @Test
    void anUnknownPathIsSkippedWithOneWarningWherever() throws Exception {
        String text = sample(10) + "### t=10.5 path=proc/vmstat\nnr_free_pages 1\n" + sample(15)
                + "### t=15.5 path=proc/vmstat\nnr_free_pages 2\n";
        try (SeriesFile f = SeriesFile.open(write("s.txt", text))) {
            List<SeriesFile.Sample> s = all(f);
            assertThat(s).hasSize(2);
            assertThat(s.get(0).files()).doesNotContainKey("proc/vmstat");
            assertThat(f.warnings()).singleElement().asString().contains("path=proc/vmstat is not a file kleaktop reads");
            assertThat(f.skipped()).isZero();
        }
    }

    @Test
    void timeGoingBackEndsTheSeriesNamingTheLineAfterTheSamplesBeforeIt() throws Exception {
        try (SeriesFile f = SeriesFile.open(write("s.txt", sample(100) + sample(105) + sample(3)))) {
            assertThat(f.next()).isNotNull();
            assertThat(f.next()).isNotNull();
            assertThatThrownBy(f::next).isInstanceOf(SourceException.class)
                    .satisfies(e -> assertThat(((SourceException) e).path()).startsWith(dir.resolve("s.txt") + ":"))
                    .hasMessageContaining("time goes back (t=3.0 after t=105.0")
                    .hasMessageContaining("a reboot or another box's series");
        }
    }

    @Test
    void anotherKernelsSlabinfoOrAnotherBoxsMemTotalInTheMiddleEndsIt() throws Exception {
        String other = SLAB.replaceFirst("version: 2.1", "version: 1.1");
        try (SeriesFile f = SeriesFile.open(write("a.txt", sample(1) + "### t=2\n" + other))) {
            assertThat(f.next()).isNotNull();
            assertThatThrownBy(f::next).hasMessageContaining("another kernel's slabinfo in the middle of the series");
        }
        String mem2 = MEM.replaceFirst("MemTotal:\\s+\\d+", "MemTotal: 123");
        try (SeriesFile f = SeriesFile.open(write("b.txt", sample(1) + "### t=2\n" + SLAB
                + "### t=2.01 path=proc/meminfo\n" + mem2))) {
            assertThat(f.next()).isNotNull();
            assertThatThrownBy(f::next).hasMessageContaining("another box's meminfo in the middle of the series");
        }
    }

    @Test
    void whatIsNoSeriesIsSaidInOneLine() throws Exception {
        assertThatThrownBy(() -> all(SeriesFile.open(write("e.txt", "")))).hasMessageContaining("empty: not a captured series");
        assertThatThrownBy(() -> all(SeriesFile.open(write("n.txt", SLAB))))
                .hasMessageContaining("does not start with a \"### t=SECONDS\" line");
        assertThatThrownBy(() -> SeriesFile.open(dir.resolve("missing.txt"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> SeriesFile.open(dir)).hasMessageContaining("is a directory");
        Path xz = dir.resolve("s.txt.xz");
        Files.write(xz, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0});
        assertThatThrownBy(() -> SeriesFile.open(xz)).hasMessageContaining("compressed with xz");
        Path gz = dir.resolve("cut.gz");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(sample(1).repeat(3).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = b.toByteArray();
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> all(SeriesFile.open(gz))).hasMessageContaining("gzip stream is corrupt or cut short");
    }
}
