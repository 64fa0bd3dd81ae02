package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Trees;
import dev.kleaktop.testing.TwoTrees;
import dev.kleaktop.view.TableFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values a captured tree can hold that no kernel writes: counts whose products overflow a
 * long, a page size of 2^63-1, meminfo's largest kB, an uptime of NaN, a 100 kB cache name;
 * and option values that are not intervals. None wraps, none is passed on as a number it is
 * not, none makes the output huge.
 */
class HostileValuesTest {
    static final String HEAD = "slabinfo - version: 2.1\n";
    static final long MAX = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private Trees tree(String slabinfo) {
        return new Trees(dir).identity("box", "6.18", TwoTrees.BOOT)
                .file("proc/slabinfo", HEAD + slabinfo)
                .file("proc/meminfo", TwoTrees.meminfo(10_000, 6_000, 5_000_000));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyCache(String json) throws Exception {
        List<Object> caches = (List<Object>) JSON.std.mapFrom(json).get("caches");
        assertThat(caches).hasSize(1);
        return (Map<String, Object>) caches.get(0);
    }

    /** No figure of the text output starts with a minus (every value here is a size or count). */
    private static void assertNoNegativeFigure(String text) {
        assertThat(text).doesNotContainPattern("(^| )-[0-9]");
    }

    @Test
    void eighteenDigitCountsSaturateInsteadOfWrapping() throws Exception {
        String n18 = "999999999999999999";
        tree(String.format("big %s %s %s 64 %s : tunables 0 0 0 : slabdata %s %s 0%n", n18, n18, n18, n18, n18, n18));
        CliRun json = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> c = onlyCache(json.out());
        assertThat(((Number) c.get("size_bytes")).longValue()).isEqualTo(MAX);
        assertThat(((Number) c.get("active_bytes")).longValue()).isEqualTo(MAX);
        CliRun text = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "-s", "size");
        assertThat(text.code()).as(text.err()).isZero();
        assertNoNegativeFigure(text.out());
        assertThat(text.out().lines().filter(l -> l.startsWith("big ")).findFirst().orElseThrow()).contains(" 8.0E ");
        CliRun csv = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "csv");
        assertThat(csv.out()).contains("," + MAX + ",").doesNotContain(",-");
    }

    @Test
    void aPageSizeOfTwoToTheSixtyThreeIsRefusedForTheDefault() throws Exception {
        tree(TwoTrees.line("leaky", 1000, 1000, 512, 8, 1, 125)).file("page_size", MAX + "\n");
        CliRun json = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        // 125 slabs of one 4 KiB page, as without the file (it used to be -50... wrapped)
        assertThat(onlyCache(json.out())).containsEntry("size_bytes", 125 * 4096);
        CliRun text = CliRun.of("-b", "-n", "1", "--root", dir.toString());
        assertNoNegativeFigure(text.out());
        assertThat(text.out()).contains(" 500.0K ");
    }

    @Test
    void meminfosLargestKbIsShownSaturatedNotAsMinusOneK() throws Exception {
        tree(TwoTrees.line("leaky", 1000, 1000, 512, 8, 1, 125))
                .file("proc/meminfo", "MemTotal: 8000000 kB\nSlab: " + MAX + " kB\nSUnreclaim: " + MAX + " kB\n");
        CliRun text = CliRun.of("-b", "-n", "1", "--root", dir.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out().lines().toList().get(1)).startsWith("Slab 8.0E").contains("SUnreclaim 8.0E");
        assertNoNegativeFigure(text.out());
        CliRun json = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        @SuppressWarnings("unchecked")
        Map<String, Object> mem = (Map<String, Object>) JSON.std.mapFrom(json.out()).get("meminfo");
        assertThat(((Number) mem.get("slab_kb")).longValue()).isEqualTo(MAX);
    }

    @Test
    void anUptimeOfNanOrInfinityIsUnknownInJsonAndInASnapshotThatDiffReads() throws Exception {
        for (String up : List.of("NaN", "Infinity", "-Infinity", "1e999")) {
            Path t = dir.resolve(up);
            Trees tr = new Trees(t).identity("box", "6.18", TwoTrees.BOOT)
                    .file("proc/uptime", up + " 0.00\n")
                    .file("proc/slabinfo", HEAD + TwoTrees.line("leaky", 1000, 1000, 512, 8, 1, 125))
                    .file("proc/meminfo", TwoTrees.meminfo(10_000, 6_000, 5_000_000));
            CliRun json = CliRun.of("-b", "-n", "1", "--root", tr.root().toString(), "--format", "json");
            assertThat(json.code()).as(json.err()).isZero();
            assertThat(json.out()).as(up).contains("\"uptime_s\":null,");
            Path a = t.resolve("a.json");
            Path b = t.resolve("b.json");
            assertThat(CliRun.of("snapshot", "--root", tr.root().toString(), "-o", a.toString()).code()).isZero();
            assertThat(CliRun.of("snapshot", "--root", tr.root().toString(), "-o", b.toString()).code()).isZero();
            assertThat(Files.readString(a)).contains("\"uptime_s\" : null,");
            CliRun diff = CliRun.of("diff", a.toString(), b.toString(), "--format", "json");
            assertThat(diff.code()).as(up + ": " + diff.err()).isZero();
            assertThat(diff.err()).isEmpty();
        }
    }

    @Test
    void aDelayAboveAnHourOrNotANumberIsAUsageError() {
        tree(TwoTrees.line("leaky", 1000, 1000, 512, 8, 1, 125));
        for (String d : List.of("1e10", "3601", "NaN", "Infinity", "-1", "-Infinity")) {
            CliRun r = CliRun.of("-b", "-n", "2", "-d", d, "--root", dir.toString());
            assertThat(r.code()).as(d + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(d).startsWith("kleaktop: -d/--delay: ").hasLineCount(1);
            assertThat(r.out()).as(d).isEmpty();
        }
        assertThat(CliRun.of("-b", "-n", "2", "-d", "1e10", "--root", dir.toString()).err())
                .isEqualTo("kleaktop: -d/--delay: at most 3600 seconds (an hour), not 10000000000 seconds\n");
        for (String w : List.of("NaN", "Infinity", "-1", "0")) {
            CliRun r = CliRun.of("-b", "-n", "1", "-w", w, "--root", dir.toString());
            assertThat(r.code()).as(w + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(w).startsWith("kleaktop: -w/--window: ").hasLineCount(1);
        }
        for (String d : List.of("1e10", "NaN")) {
            CliRun r = CliRun.of("export", "--textfile", dir.resolve("k.prom").toString(), "-n", "1", "-d", d,
                    "--root", dir.toString());
            assertThat(r.code()).as(d + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("kleaktop: -d/--delay: ");
        }
        CliRun edge = CliRun.of("-b", "-n", "1", "-d", "60", "--root", dir.toString());
        assertThat(edge.code()).as(edge.err()).isZero();
    }

    @Test
    void aHundredKilobyteNameIsCutSoRowsKeepTheirWidth() throws Exception {
        String huge = "x".repeat(100_000);
        tree(TwoTrees.line(huge, 1, 1, 64, 64, 1, 1) + TwoTrees.line("small", 1, 1, 64, 64, 1, 1));
        CliRun r = CliRun.of("-b", "-n", "2", "-d", "0", "--root", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().length()).isLessThan(4_000);
        List<String> rows = r.out().lines().filter(l -> l.startsWith("x") || l.startsWith("small")).toList();
        assertThat(rows).hasSize(4);
        for (String row : rows) assertThat(row.length()).as(row).isLessThan(TableFormat.MAX_TEXT_NAME + 100);
        String cut = rows.stream().filter(l -> l.startsWith("x")).findFirst().orElseThrow();
        assertThat(cut).startsWith("x".repeat(TableFormat.MAX_TEXT_NAME - 1) + "~ ");
        // diff's text table the same
        Path a = dir.resolve("a.json");
        assertThat(CliRun.of("snapshot", "--root", dir.toString(), "-o", a.toString()).code()).isZero();
        CliRun diff = CliRun.of("diff", a.toString(), a.toString());
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("x".repeat(TableFormat.MAX_TEXT_NAME - 1) + "~ ");
        assertThat(diff.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(TableFormat.MAX_TEXT_NAME + 100));
        // json and csv keep the whole name: they are data, not a table
        CliRun json = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "json", "-f", "^x");
        assertThat(onlyCache(json.out())).containsEntry("name", huge);
    }
}
