package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/capture-tree, as the README uses it, on this box: the tree it prints is read by
 * {@code --root} with every source the box has (slabinfo, meminfo, the host, the saved
 * kernel log, sysfs) and the time it was captured.
 */
class CaptureTreeScriptTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Run capture(String... args) throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        List<String> cmd = new java.util.ArrayList<>(List.of("bin/capture-tree"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("capture-tree finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theTreeItPrintsIsReadWithEverySourceOfThisBox() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/slabinfo")), "needs root: /proc/slabinfo is readable by root only");
        Run r = capture(dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path tree = Path.of(r.out().trim());
        assertThat(tree.getParent()).isEqualTo(dir);
        assertThat(tree.getFileName().toString()).matches(".+-\\d{8}T\\d{6}Z");
        assertThat(tree.resolve("proc/slabinfo")).isRegularFile();
        assertThat(tree.resolve("captured_at")).isRegularFile();

        CliRun b = CliRun.of("-b", "-n", "1", "--root", tree.toString(), "--format", "json");
        assertThat(b.code()).as(b.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(b.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> sources = (Map<String, Object>) doc.get("sources");
        assertThat(sources).containsEntry("slabinfo", "ok").containsEntry("meminfo", "ok");
        assertThat(sources.get("dmesg_file")).as("the saved kernel log").isEqualTo("ok");
        assertThat((List<?>) doc.get("caches")).hasSizeGreaterThan(20);
        CliRun text = CliRun.of("-b", "-n", "1", "--root", tree.toString());
        assertThat(text.out()).contains("captured ");
    }

    @Test
    void aParentThatIsNotADirectoryIsRefusedInOneLine() throws Exception {
        Run r = capture(dir.resolve("missing").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("capture-tree: " + dir.resolve("missing") + ": not a directory\n");
    }
}
