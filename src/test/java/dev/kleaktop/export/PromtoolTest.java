package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Tools;
import dev.kleaktop.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The textfile is accepted by Prometheus' own checker, and contrib/ (alerting rules, their
 * unit tests, the example configuration, the systemd unit) passes the real tools. Skipped,
 * with the reason, where a tool is missing (Debian: apt-get install prometheus, which ships
 * promtool; systemd for systemd-analyze).
 */
class PromtoolTest {
    static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static Path promtool() {
        var p = Tools.find("promtool");
        assumeTrue(p.isPresent(), "promtool not installed (Debian package prometheus)");
        return p.get();
    }

    @Test
    void textfileOutputPassesPromtoolCheckMetrics() throws Exception {
        Path promtool = promtool();
        String base = Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt");
        String dup = base.lines().filter(l -> l.startsWith("L2TP/IPv6 ")).findFirst().orElseThrow();
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", base + dup + "\n"
                        + "quo\"te\\back\u001bslash   10     10    192   21    1 : tunables    0    0    0 : slabdata      1      1      0\n")
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        TestClock clock = new TestClock();
        Collector m = new Collector(new KernelFs(root), clock, 60);
        m.refresh();
        clock.advanceSeconds(3);
        Frame f = m.refresh();
        ExportFrame ef = new ExportFrame(f, SourceState.OK, new ExportFrame.OomTotals(2, 5),
                new ExportFrame.KmemleakCount(SourceState.unavailable("debugfs not mounted", "mount -t debugfs none /sys/kernel/debug"), 4L));
        Path out = dir.resolve("kleaktop.prom");
        new TextfileWriter(out).write(new MetricsMapper(Selection.all()).map(ef));
        String text = Files.readString(out);
        assertThat(text).contains("cache=\"L2TP/IPv6\",index=\"1\"").contains("cache=\"quo\\\"te\\\\back\\\\x1bslash\"")
                .contains("kleaktop_oom_kills_total{kind=\"memcg\"} 5.0").contains(MetricsMapper.SLAB_GROWTH);

        Tools.Result r = Tools.run(List.of(promtool.toString(), "check", "metrics"), null, text, TIMEOUT);
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).isEmpty();
    }

    @Test
    void alertingRulesPassCheckAndTheirUnitTests() {
        Path promtool = promtool();
        Path contrib = BASE.resolve("contrib/prometheus");
        Tools.Result check = Tools.run(List.of(promtool.toString(), "check", "rules", "kleaktop.rules.yml"), contrib, null, TIMEOUT);
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 4 rules found");
        Tools.Result test = Tools.run(List.of(promtool.toString(), "test", "rules", "kleaktop.rules.test.yml"), contrib, null, TIMEOUT);
        assertThat(test.code()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
        Tools.Result config = Tools.run(List.of(promtool.toString(), "check", "config", "scrape.example.yml"), contrib, null, TIMEOUT);
        assertThat(config.code()).as(config.output()).isZero();
    }

    @Test
    void systemdUnitVerifies() throws Exception {
        var analyze = Tools.find("systemd-analyze");
        assumeTrue(analyze.isPresent(), "systemd-analyze not installed");
        // verify wants ExecStart to exist: point it at this checkout's launcher
        String unit = Files.readString(BASE.resolve("contrib/systemd/kleaktop-export.service"));
        assertThat(unit).contains("ExecStart=/usr/local/bin/kleaktop export\n").contains("Restart=on-failure\n");
        Path copy = dir.resolve("kleaktop-export.service");
        Files.writeString(copy, unit.replace("/usr/local/bin/kleaktop", BASE.resolve("bin/kleaktop").toString()));
        Tools.Result r = Tools.run(List.of(analyze.get().toString(), "verify", "--man=no", copy.toString()), dir, null, TIMEOUT);
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).as("warnings").isEmpty();
    }
}
