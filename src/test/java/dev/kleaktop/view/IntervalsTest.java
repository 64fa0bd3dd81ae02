package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.Analyzer;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.SourceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The screen's interval range, and the warning against the Analyzer's own verdicts. */
class IntervalsTest {
    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    /**
     * Whether a cache that grows ten slabs at every refresh is ever flagged with the verdict
     * looking back {@code horizonS}, with refreshes {@code spacing} seconds apart, as the
     * sampler makes them: never early, here a millisecond late (a refresh takes time).
     */
    static boolean everFlagged(double horizonS, double spacing) {
        Analyzer an = new Analyzer(new Identity("h", "k", "b", 4096), 60, n -> CacheAttrs.UNKNOWN,
                new dev.kleaktop.analysis.LeakRule.Settings(horizonS, 6, 0.15));
        boolean flagged = false;
        for (int i = 0; i < 40; i++) {
            double t = i * spacing;
            long slabs = 10 + 10L * i;
            SlabCache c = new SlabCache(new CacheId("leak", 0), slabs, slabs, 64, 64, 1, 0, 0, 0, slabs, slabs, 0);
            Analysis a = an.add(new Sample(T0.plusNanos(Math.round(t * 1e9)), 100 + t,
                    new SlabInfo("2.1", List.of(c), false), MemInfo.empty(), Map.of("slabinfo", SourceState.OK)));
            flagged |= a.rows().get(0).leakSuspect();
        }
        return flagged;
    }

    @Test
    void theWarningComesExactlyWhereTheAnalyzerCanNoLongerFlag() {
        for (double h : new double[] {40, 240, 320, 2400}) {
            double part = h / 4, most = Intervals.longest(h);
            // under a part: always flagged, never warned; from a third of the horizon and a bucket on:
            // never, and warned (in between: flagged at some phases, not at others)
            for (double d : new double[] {h / 8, part - 0.1, part - 0.002}) {
                assertThat(Intervals.verdictWarning(d, h)).as("-d %s --horizon %s", d, h).isNull();
                assertThat(everFlagged(h, d + 0.001)).as("-d %s --horizon %s", d, h).isTrue();
            }
            for (double d : new double[] {most, most + 0.5, h / 2, h, 2 * h}) {
                assertThat(Intervals.verdictWarning(d, h)).as("-d %s --horizon %s", d, h).isNotNull();
                assertThat(everFlagged(h, d + 0.001)).as("-d %s --horizon %s", d, h).isFalse();
            }
        }
        assertThat(Intervals.verdictWarning(90, 240)).isEqualTo("at 90s between refreshes no cache can be flagged as a"
                + " leak: the leak rule needs a sample in each of the 4 parts of the 240s horizon (--horizon), so the"
                + " interval must be under 82.5s");
        assertThat(Intervals.verdictWarning(3, 240)).isNull(); // the defaults
    }

    @Test
    void theKeysStepWithinTheRangeTheScreenAccepts() {
        assertThat(Intervals.step(Intervals.MAX, 1)).isEqualTo(Intervals.MAX);
        assertThat(Intervals.step(Intervals.MIN, -1)).isEqualTo(Intervals.MIN);
        assertThat(Intervals.step(7, 1)).isEqualTo(10);
        assertThat(Intervals.step(7, -1)).isEqualTo(5);
        for (double s : Intervals.STEPS) assertThat(Intervals.onScreen(s)).isTrue();
        assertThat(Intervals.onScreen(Intervals.MIN - 0.01)).isFalse();
        assertThat(Intervals.onScreen(Intervals.MAX + 0.01)).isFalse();
        assertThat(Intervals.range()).isEqualTo("0.5s to 60s");
    }
}
