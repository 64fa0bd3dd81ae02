package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.Trees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kleaktop -b | head}: batch mode without -n stops quietly when its reader goes away. */
class PipeTest {
    @TempDir
    Path dir;

    @Test
    void batchStopsWhenTheReaderGoesAway() throws Exception {
        Trees.labFinal(dir.resolve("tree"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "'" + java + "' -Xmx96m -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                + "' dev.kleaktop.cli.Main -b -d 0.05 --root '" + dir.resolve("tree") + "' | head -n 3;"
                + " echo \"status=${PIPESTATUS[0]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertThat(done).as("kleaktop -b kept running after head exited").isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("kleaktop  host kmemlab");
        // stopped on its own, without a stack trace, with status 0 (the run had nothing wrong)
        assertThat(lines.get(3)).isEqualTo("status=0");
    }
}
