package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on this machine: snapshot, create 30,000 files, snapshot, diff. The dentry
 * cache or the file system's inode cache must be among the three caches that grew most.
 */
@Tag("live")
class LiveSnapshotDiffTest {
    static final int FILES = 30_000;

    @TempDir
    Path dir;

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    @SuppressWarnings("unchecked")
    void creatingFilesPutsDentryOrAnInodeCacheAtTheTopOfTheDiff() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/slabinfo")), "/proc/slabinfo is not readable here (needs root)");
        Path snaps = dir.resolve("snaps");
        Path files = Files.createDirectory(dir.resolve("files"));
        String before = run("snapshot", "--snapshot-dir", snaps.toString())[0].trim();
        String diff;
        try {
            for (int i = 0; i < FILES; i++) Files.createFile(files.resolve("f" + i));
            String after = run("snapshot", "--snapshot-dir", snaps.toString())[0].trim();
            diff = run("diff", before, after, "--format", "json")[0];
            // the text form of the same diff works too, against the live system
            assertThat(run("diff", before, "--top", "5")[0]).contains("NAME").contains("elapsed");
        } finally {
            try (Stream<Path> s = Files.list(files)) {
                s.forEach(p -> p.toFile().delete());
            }
        }
        Map<String, Object> doc = JSON.std.mapFrom(diff);
        assertThat((List<Object>) doc.get("warnings")).isEmpty();
        List<Map<String, Object>> caches = (List<Map<String, Object>>) doc.get("caches");
        List<Map<String, Object>> top3 = caches.subList(0, 3);
        assertThat(top3).as("top three by delta: %s", top3.stream().map(c -> c.get("name") + " " + c.get("delta_bytes")).toList())
                .anySatisfy(c -> {
                    assertThat((String) c.get("name")).matches("dentry|.*inode.*");
                    assertThat(((Number) c.get("delta_bytes")).longValue()).isPositive();
                    assertThat(((Number) c.get("rate_bytes_per_s")).doubleValue()).isPositive();
                });
        assertThat(caches.stream().map(c -> ((Number) c.get("delta_bytes")).longValue()).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
