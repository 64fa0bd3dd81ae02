package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.SlabSlack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on this machine: while another thread creates tens of thousands of files,
 * batch mode must rank dentry or the file system's inode cache in its top three by growth.
 */
@Tag("live")
class LiveGrowthTest {
    @TempDir
    Path dir;

    @Test
    void creatingFilesMakesDentryOrAnInodeCacheLeadTheGrowthRanking() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/slabinfo")), "/proc/slabinfo is not readable here (needs root)");
        // free dentries left by earlier file deletions would take the first files without growth
        SlabSlack.fill(dir, "dentry", 2_000_000);
        AtomicBoolean stop = new AtomicBoolean();
        Thread maker = new Thread(() -> {
            try {
                for (int i = 0; i < 400_000 && !stop.get(); i++) Files.createFile(dir.resolve("f" + i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "file-maker");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        maker.start();
        try {
            code = Main.run(new String[] {"-b", "-n", "5", "-d", "1", "-w", "10", "--format", "json"},
                    new PrintWriter(out), new PrintWriter(err));
        } finally {
            stop.set(true);
            maker.join();
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(p -> p.toFile().delete());
            }
        }
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(5);
        Map<String, Object> last = JSON.std.mapFrom(lines.get(4));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> caches = (List<Map<String, Object>>) last.get("caches");
        List<Map<String, Object>> top3 = caches.subList(0, 3);
        assertThat(top3).as("top three by growth: %s", top3.stream().map(c -> c.get("name")).toList())
                .anySatisfy(c -> {
                    assertThat((String) c.get("name")).matches("dentry|.*inode.*");
                    assertThat(((Number) c.get("growth_bytes_per_s")).doubleValue()).isPositive();
                });
        // default sort is by growth, largest first
        assertThat(caches.stream().map(c -> (Number) c.get("growth_bytes_per_s"))
                .filter(java.util.Objects::nonNull).map(Number::doubleValue).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
    }
}
