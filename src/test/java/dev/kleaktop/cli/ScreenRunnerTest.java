package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.view.Column;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.tui.TuiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
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
        assertThat(cfg.snapshots().unavailable()).isEqualTo("snapshots come with the snapshot feature");
    }

    @Test
    void kmemleakWritesAreRefusedWhereTheyWouldBeWrong(@TempDir Path dir) throws Exception {
        String root = dir.toString();
        assertThat(config(UTF8, "--root", root).kmemleak().unavailable())
                .isEqualTo("kmemleak: scan and clear need the live kernel, not a captured tree (--root)");
        Path report = dir.resolve("kmemleak.txt");
        Files.writeString(report, "");
        assertThat(config(UTF8, "--kmemleak-file", report.toString()).kmemleak().unavailable())
                .startsWith("kmemleak: showing a saved report (--kmemleak-file)");
        assertThat(config(UTF8, "--read-only").kmemleak().unavailable()).isEqualTo("kmemleak: --read-only: no scan or clear");
        String live = config(UTF8).kmemleak().unavailable();
        if (live != null) assertThat(live).startsWith("kmemleak: "); // this machine's kmemleak, whatever it is
    }

    @Test
    void scanResultInTheStatusLine() {
        var r = new dev.kleaktop.source.KmemleakControl.ScanResult(java.time.Duration.ofMillis(12_340), 740, 747, 7,
                dev.kleaktop.model.KmemleakReport.EMPTY);
        assertThat(KmemleakKeys.scanned(r)).isEqualTo("kmemleak: scan done in 12.3s: 747 suspects, 7 new");
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
