package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.view.Column;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.tui.TuiConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How the command line and the environment set up the screen. */
class ScreenRunnerTest {
    static TuiConfig config(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine();
        cl.parseArgs(args);
        KleaktopCommand c = cl.getCommand();
        return new ScreenRunner(c.sampling, c.source, c.output, env).config();
    }

    static final Map<String, String> UTF8 = Map.of("LANG", "en_US.UTF-8", "TERM", "xterm-256color");

    @Test
    void optionsReachTheScreen() {
        TuiConfig cfg = config(UTF8, "-d", "1.5", "-s", "c", "-f", "^kmalloc");
        assertThat(cfg.intervalS()).isEqualTo(1.5);
        assertThat(cfg.table().sort()).isEqualTo(Column.SIZE);
        assertThat(cfg.table().filterText()).isEqualTo("^kmalloc");
        assertThat(cfg.glyphs()).isEqualTo(Glyphs.UNICODE);
        assertThat(cfg.color()).isTrue();
        assertThat(cfg.kmemleak().unavailable()).isEqualTo("kmemleak: not available");
        assertThat(cfg.snapshots().unavailable()).isEqualTo("snapshots come with the snapshot feature");
    }

    @Test
    void noColorFromTheOptionOrTheEnvironment() {
        assertThat(config(UTF8, "--no-color").color()).isFalse();
        assertThat(config(Map.of("NO_COLOR", "1", "LANG", "C.UTF-8"), new String[0]).color()).isFalse();
        assertThat(config(Map.of("NO_COLOR", "", "LANG", "C.UTF-8"), new String[0]).color()).isTrue();
    }

    @Test
    void asciiForTheCLocaleAndTheLinuxConsole() {
        assertThat(config(Map.of("LANG", "C", "TERM", "xterm")).glyphs()).isEqualTo(Glyphs.ASCII);
        assertThat(config(Map.of("LANG", "en_US.UTF-8", "TERM", "linux")).glyphs()).isEqualTo(Glyphs.ASCII);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThatThrownBy(() -> config(UTF8, "-d", "0")).isInstanceOf(UsageError.class).hasMessageContaining("-d/--delay");
        assertThatThrownBy(() -> config(UTF8, "-f", "(")).isInstanceOf(UsageError.class).hasMessageContaining("-f/--filter");
    }
}
