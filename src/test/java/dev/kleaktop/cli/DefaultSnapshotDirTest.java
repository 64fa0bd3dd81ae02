package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.testing.ChildJvm;
import dev.kleaktop.testing.TwoTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default snapshot directory as a real process sees it: {@code $XDG_STATE_HOME}, else
 * {@code $HOME/.local/state} — the environment's HOME, not the home in the password file
 * (which for root is /root whatever HOME says).
 */
class DefaultSnapshotDirTest {
    @TempDir
    Path dir;

    private String snapshot(Map<String, String> env) throws Exception {
        Path tree = TwoTrees.older(dir.resolve("tree")).root();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        cmd.addAll(ChildJvm.OPENS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.kleaktop.cli.Main",
                "snapshot", "--root", tree.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("XDG_STATE_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @Test
    void homeFromTheEnvironment() throws Exception {
        Path home = Files.createDirectories(dir.resolve("ops-home"));
        String written = snapshot(Map.of("HOME", home.toString()));
        assertThat(Path.of(written).getParent()).isEqualTo(home.resolve(".local/state/kleaktop"));
        assertThat(Path.of(written)).isRegularFile();
    }

    @Test
    void xdgStateHomeBeforeHome() throws Exception {
        Path state = dir.resolve("state");
        String written = snapshot(Map.of("HOME", dir.resolve("unused").toString(), "XDG_STATE_HOME", state.toString()));
        assertThat(Path.of(written).getParent()).isEqualTo(state.resolve("kleaktop"));
        assertThat(dir.resolve("unused")).doesNotExist();
    }
}
