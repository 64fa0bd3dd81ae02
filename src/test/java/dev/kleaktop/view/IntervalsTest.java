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
     * Whether a cache that grows a slab at every refresh is ever flagged, with refreshes
     * {@code spacing} seconds apart, as the sampler makes them: never early, here a
     * millisecond late (a refresh takes time).
     */
    static boolean everFlagged(double windowS, double spacing) {
        Analyzer an = new Analyzer(new Identity("h", "k", "b", 4096), windowS, n -> CacheAttrs.UNKNOWN);
        boolean flagged = false;
        for (int i = 0; i < 40; i++) {
            double t = i * spacing;
            SlabCache c = new SlabCache(new CacheId("leak", 0), 10 + i, 10 + i, 64, 64, 1, 0, 0, 0, 10 + i, 10 + i, 0);
            Analysis a = an.add(new Sample(T0.plusNanos(Math.round(t * 1e9)), 100 + t,
                    new SlabInfo("2.1", List.of(c), false), MemInfo.empty(), Map.of("slabinfo", SourceState.OK)));
            flagged |= a.rows().get(0).leakSuspect();
        }
        return flagged;
    }

    @Test
    void theWarningComesExactlyWhereTheAnalyzerCanNoLongerFlag() {
        for (double w : new double[] {10, 60, 80, 600}) {
            for (double d : new double[] {w / 8, w / 4 - 0.1, w / 4 - 0.002, w / 4, w / 4 + 0.5, w / 2, w, 2 * w}) {
                double late = d + 0.001;
                assertThat(Intervals.verdictWarning(d, w) == null).as("-d %s -w %s", d, w).isEqualTo(everFlagged(w, late));
            }
        }
        assertThat(Intervals.verdictWarning(15, 60)).isEqualTo("at 15s between refreshes no cache can be flagged as a"
                + " leak: the leak rule needs 5 samples inside the 60s window (-w), so the interval must be under 15s"
                + " (window / 4)");
        assertThat(Intervals.verdictWarning(3, 60)).isNull(); // the defaults
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
