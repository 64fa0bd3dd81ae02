package dev.kleaktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.LeakRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The leak rule on the series recorded for the verdict benchmark (bench/series, how each was
 * made in its README): every sample through a session's collector, as {@code --series}
 * replays it. A busy box flags nothing; a leak is flagged within its target after it starts,
 * nothing else is, and the flag goes within a horizon of the leak's end. Times are the
 * series' own (its t= stamps), so nothing here depends on this machine's speed.
 */
class SeriesVerdictTest {
    static final Path DIR = Path.of("bench/series");

    record Line(String file, String kind, String expect, Double start, Double end, Double target) {
        @Override public String toString() { return file + " (" + kind + ")"; }
    }

    static List<Line> series() throws Exception {
        return Files.readAllLines(DIR.resolve("series.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                .map(f -> new Line(f[0], f[1], f[2], num(f[3]), num(f[4]), num(f[5]))).toList();
    }

    static Double num(String s) { return s.equals("-") ? null : Double.valueOf(s); }

    @ParameterizedTest
    @MethodSource("series")
    void theRuleFlagsTheLeaksAndNothingElse(Line l) throws Exception {
        LeakRule.Settings rule = LeakRule.Settings.DEFAULT;
        Pattern want = l.expect().equals("-") ? null : Pattern.compile(l.expect());
        Map<String, Double> firstFlagged = new TreeMap<>();
        Map<String, Double> lastFlagged = new TreeMap<>();
        double lastT = 0;
        int samples = 0;
        try (SeriesPlayer p = SeriesPlayer.open(DIR.resolve(l.file()), null);
             Collector c = new SessionConfig(p.fs(), p.clock(), 60, SessionConfig.Use.BATCH, null, null, true, rule)
                     .open()) {
            while (p.advance()) {
                Frame f = c.refresh();
                double t = p.current().uptimeS();
                lastT = t;
                samples++;
                for (CacheRow r : f.analysis().rows()) {
                    if (!r.leakSuspect()) continue;
                    firstFlagged.putIfAbsent(r.name(), t);
                    lastFlagged.put(r.name(), t);
                }
            }
            assertThat(p.file().skipped()).as("skipped samples").isZero();
        }
        assertThat(samples).as("samples").isGreaterThan(100);
        if (want == null) {
            assertThat(firstFlagged).as("flagged on a busy box with no leak").isEmpty();
            return;
        }
        assertThat(firstFlagged.keySet()).as("flagged").allMatch(n -> want.matcher(n).matches()).isNotEmpty();
        double first = firstFlagged.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(first - l.start()).as("flagged after the leak's start").isPositive().isLessThanOrEqualTo(l.target());
        if (l.end() != null && lastT > l.end() + rule.horizonS()) {
            for (var e : lastFlagged.entrySet()) {
                assertThat(e.getValue() - l.end()).as("%s still flagged after the leak ended", e.getKey())
                        .isLessThanOrEqualTo(rule.horizonS());
            }
        }
    }
}
