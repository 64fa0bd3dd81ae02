package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.session.Frame;
import dev.kleaktop.session.KmemleakView;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.testing.KernelData;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Header;
import dev.kleaktop.view.PaneSection;
import dev.kleaktop.view.batch.BatchContext;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.BatchWriter;
import dev.kleaktop.view.tui.KmemleakKeys;
import dev.kleaktop.view.tui.SnapshotKeys;
import dev.kleaktop.view.tui.TuiConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the command line and the environment set up the screen. */
class ScreenRunnerTest {
    static TuiConfig config(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine();
        cl.parseArgs(args);
        KleaktopCommand c = cl.getCommand();
        return new ScreenRunner(c.sampling, c.source, c.output, c.store, c.write, env).config(null, java.time.Clock.systemUTC());
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
        assertThat(cfg.snapshots().unavailable()).isNull();
    }

    @Test
    void sRefusesASnapshotDirectoryOthersCanWriteToUnlessAllowUnsafeDirIsGiven(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        Frame live = Frames.last(tree);
        Path shared = Files.createDirectory(dir.resolve("snaps"));
        Files.setAttribute(shared, "unix:mode", 0777);
        assertThatThrownBy(() -> config(UTF8, "--root", tree.toString(), "--snapshot-dir", shared.toString())
                .snapshots().save(live))
                .hasMessage(shared + ": directory writable by other users and not sticky (mode 0777): another user could"
                        + " swap the file as it is written (--allow-unsafe-dir writes there anyway)");
        try (var files = Files.list(shared)) {
            assertThat(files).isEmpty();
        }
        String saved = config(UTF8, "--root", tree.toString(), "--snapshot-dir", shared.toString(), "--allow-unsafe-dir")
                .snapshots().save(live);
        assertThat(saved).startsWith("snapshot saved: " + shared + "/kleaktop-");
    }

    @Test
    void snapshotKeysUseTheSnapshotDirectoryGivenBeforeOrAfterOtherOptions(@TempDir Path dir) throws Exception {
        Path snaps = dir.resolve("snaps");
        for (String[] args : List.of(new String[] {"--snapshot-dir", snaps.toString(), "-d", "2"},
                new String[] {"-d", "2", "--snapshot-dir", snaps.toString()})) {
            TuiConfig cfg = config(UTF8, args);
            assertThat(cfg.snapshots()).isInstanceOf(SnapshotKeys.class);
            assertThat(cfg.snapshots().noneSaved()).isEqualTo("no snapshots in " + snaps + " yet: S saves one");
            assertThat(cfg.snapshots().list()).isEmpty();
        }
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

    @Test
    void theScreenTakesExactlyTheIntervalsPlusAndMinusReach() {
        for (String d : List.of("0.5", "7", "60")) assertThat(config(UTF8, "-d", d).intervalS()).isEqualTo(Double.parseDouble(d));
        assertThat(config(UTF8).intervalS()).isEqualTo(SamplingOptions.DEFAULT_DELAY);
        for (String d : List.of("0", "0.4", "60.5", "1e10", "-1", "NaN", "Infinity")) {
            assertThatThrownBy(() -> config(UTF8, "-d", d)).as(d).isInstanceOf(UsageError.class)
                    .hasMessageStartingWith("-d/--delay: the screen refreshes every 0.5s to 60s (the range + and - step through), not ");
        }
        assertThatThrownBy(() -> config(UTF8, "-d", "1e10")).hasMessageEndingWith("not 10000000000 seconds");
        // the bounds are the keys' own
        assertThat(dev.kleaktop.view.Intervals.MIN).isEqualTo(0.5);
        assertThat(dev.kleaktop.view.Intervals.MAX).isEqualTo(60);
    }

    @Test
    void aBadIntervalIsSaidBeforeTheTerminalIsAskedForAndALongOneIsWarnedOf(@TempDir Path dir) {
        // In-process, standard input is not a terminal: the old order asked for the terminal
        // first and said that, not what is wrong with -d.
        for (String d : List.of("1e10", "0", "0.1")) {
            dev.kleaktop.testing.CliRun r = dev.kleaktop.testing.CliRun.of("--root", dir.toString(), "-d", d);
            assertThat(r.code()).as(d).isEqualTo(2);
            assertThat(r.err()).as(d).startsWith("kleaktop: -d/--delay: the screen refreshes every 0.5s to 60s")
                    .doesNotContain("terminal");
        }
        dev.kleaktop.testing.CliRun slow = dev.kleaktop.testing.CliRun.of("--root", dir.toString(), "-d", "30",
                "--horizon", "80");
        assertThat(slow.err()).startsWith("kleaktop: warning: -d/--delay: at 30s between refreshes no cache can be flagged"
                + " as a leak: the leak rule needs a sample in each of the 4 parts of the 80s horizon (--horizon), so the"
                + " interval must be under 27.5s\n");
        // the default horizon is 16 intervals at least: never too short for -d
        dev.kleaktop.testing.CliRun fine = dev.kleaktop.testing.CliRun.of("--root", dir.toString(), "-d", "30");
        assertThat(fine.err()).doesNotContain("warning");
    }

    @Test
    void paneAndCountsComeFromTheFrameAndAgreeWithBatchText(@TempDir Path dir) throws Exception {
        Frame base = Frames.last(dir.resolve("tree"));
        Map<String, SourceState> sources = new java.util.LinkedHashMap<>(base.sources());
        sources.put("kmsg", SourceState.OK);
        Frame f = new Frame(base.analysis(), sources, KernelData.oom("lab/run-memcg-v2/dmesg.txt"),
                new KmemleakView(SourceState.OK, KernelData.kmemleak("lab/run-memcg-v2/kmemleak.txt"), Frames.T0));
        TuiConfig cfg = config(UTF8);
        assertThat(cfg.extras().counts(f)).isEqualTo("kmemleak 747  OOM 1");
        StringWriter sw = new StringWriter();
        BatchFormat.TEXT.writer(new BatchContext(3, ZoneOffset.UTC, 0)).write(f, List.of(), true, new PrintWriter(sw));
        assertThat(sw.toString().lines().skip(1).findFirst().orElseThrow()).isEqualTo(Header.memoryLine(f, cfg.extras().counts(f)));
        List<PaneSection> pane = cfg.extras().pane(f);
        assertThat(pane).extracting(PaneSection::title).containsExactly("KMEMLEAK  747 suspects", "OOM  1 kill");
        assertThat(pane.get(0).items().get(0).summary()).isEqualTo("640×512B kleak_leak_batch+0x1f kworker/0:1");
        assertThat(pane.get(1).items().get(0).summary()).isEqualTo("up 31s memcg /oomtest memhog[257]");

        // kmemleak unreadable: the reason in the pane, "-" in the counts, as batch text says
        Frame down = new Frame(base.analysis(), sources, List.of(),
                new KmemleakView(SourceState.unavailable("debugfs not mounted", "mount -t debugfs none /sys/kernel/debug"),
                        dev.kleaktop.model.KmemleakReport.EMPTY, Frames.T0));
        assertThat(cfg.extras().counts(down)).isEqualTo("kmemleak -  OOM 0");
        assertThat(cfg.extras().pane(down).get(0).empty()).isEqualTo("debugfs not mounted (mount -t debugfs none /sys/kernel/debug)");
        assertThat(cfg.extras().pane(down).get(1).empty()).isEqualTo("no OOM kills seen");
    }
}
