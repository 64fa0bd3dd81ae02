package dev.kleaktop.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.SlabinfoParser;
import dev.kleaktop.testing.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
    static final Identity ID = new Identity("h", "k", "b", 4096);
    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    static SlabCache cache(String name, int index, long slabs, long activeObjs) {
        return new SlabCache(new CacheId(name, index), activeObjs, activeObjs, 64, 64, 1, 0, 0, 0, slabs, slabs, 0);
    }

    static Sample sample(double t, SlabCache... caches) {
        return new Sample(T0.plusNanos(Math.round(t * 1e9)), 100 + t, new SlabInfo("2.1", List.of(caches), false),
                new MemInfo(Map.of("Slab", (long) (1000 + t * 10), "SUnreclaim", 500L)), Map.of("slabinfo", SourceState.OK));
    }

    static Analyzer analyzer(double window) {
        return new Analyzer(ID, window, n -> CacheAttrs.UNKNOWN);
    }

    static CacheRow row(Analysis a, String name) {
        return a.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void oneSampleHasUnknownRatesNotZero() {
        Analysis a = analyzer(60).add(sample(0, cache("x", 0, 10, 100)));
        CacheRow r = row(a, "x");
        assertThat(r.growthBytesPerS()).isNull();
        assertThat(r.growthObjsPerS()).isNull();
        assertThat(r.deltaBytes()).isZero();
        assertThat(r.leakSuspect()).isFalse();
        assertThat(a.totals().slabKbPerS()).isNull();
    }

    @Test
    void exactSlopeOfALinearSeries() {
        Analyzer an = analyzer(60);
        Analysis a = null;
        for (int i = 0; i <= 10; i++) a = an.add(sample(i * 3, cache("x", 0, 10 + 2L * i, 100 + 5L * i)));
        CacheRow r = row(a, "x");
        // 2 slabs of one 4096-byte page every 3 s
        assertThat(r.growthBytesPerS()).isCloseTo(2 * 4096 / 3.0, within(1e-6));
        assertThat(r.growthObjsPerS()).isCloseTo(5 / 3.0, within(1e-9));
        assertThat(r.deltaBytes()).isEqualTo(20 * 4096L);
        assertThat(r.deltaObjs()).isEqualTo(50);
        assertThat(a.totals().slabKbPerS()).isCloseTo(10.0, within(0.2));
        assertThat(a.intervalS()).isEqualTo(3.0);
    }

    @Test
    void leastSquaresOfANoisySeries() {
        Analyzer an = analyzer(60);
        long[] ys = {10, 12, 11, 15};
        Analysis a = null;
        for (int i = 0; i < ys.length; i++) a = an.add(sample(i, cache("x", 0, ys[i], 1)));
        // slope of (0,10) (1,12) (2,11) (3,15) = 1.4 slabs per second
        assertThat(row(a, "x").growthBytesPerS()).isCloseTo(1.4 * 4096, within(1e-6));
    }

    @Test
    void onlySamplesInsideTheWindowCount() {
        Analyzer an = analyzer(10);
        Analysis a = null;
        // fast growth long ago, flat for the last 10 seconds
        for (int t = 0; t <= 30; t++) a = an.add(sample(t, cache("x", 0, t <= 20 ? t * 10L : 200, 1)));
        assertThat(row(a, "x").growthBytesPerS()).isZero();
        // the window edge is inclusive: t=20..30 is 11 samples, all 200 slabs
        a = an.add(sample(31, cache("x", 0, 211, 1)));
        assertThat(row(a, "x").growthBytesPerS()).isPositive();
    }

    @Test
    void aCounterThatDropsHasANegativeRateAndDelta() {
        Analyzer an = analyzer(60);
        Analysis a = null;
        for (int t = 0; t <= 5; t++) a = an.add(sample(t, cache("x", 0, 100 - 10L * t, 1000 - 100L * t)));
        CacheRow r = row(a, "x");
        assertThat(r.growthBytesPerS()).isCloseTo(-10 * 4096.0, within(1e-6));
        assertThat(r.deltaBytes()).isEqualTo(-50 * 4096L);
        assertThat(r.deltaObjs()).isEqualTo(-500);
        assertThat(r.leakSuspect()).isFalse();
    }

    @Test
    void cachesAppearingAndVanishing() {
        Analyzer an = analyzer(60);
        an.add(sample(0, cache("old", 0, 5, 5)));
        Analysis a = an.add(sample(1, cache("old", 0, 5, 5), cache("new", 0, 3, 3)));
        CacheRow fresh = row(a, "new");
        assertThat(fresh.growthBytesPerS()).isNull(); // only one sample of it
        assertThat(fresh.deltaBytes()).isEqualTo(3 * 4096L); // new since the baseline
        a = an.add(sample(2, cache("new", 0, 4, 4)));
        assertThat(a.rows()).extracting(CacheRow::name).containsExactly("new");
        assertThat(row(a, "new").growthBytesPerS()).isCloseTo(4096.0, within(1e-6));
        // the old cache comes back: its earlier points are still in the window
        a = an.add(sample(3, cache("new", 0, 4, 4), cache("old", 0, 8, 8)));
        assertThat(row(a, "old").growthBytesPerS()).isCloseTo(3 * 4096 / 3.0 * 0.5 + 0.5 * 4096, within(4096.0));
        assertThat(row(a, "old").deltaBytes()).isEqualTo(3 * 4096L);
    }

    @Test
    void duplicateNamesAreSeparateSeries() {
        Analyzer an = analyzer(60);
        an.add(sample(0, cache("d", 0, 1, 1), cache("d", 1, 100, 1)));
        Analysis a = an.add(sample(1, cache("d", 0, 2, 1), cache("d", 1, 100, 1)));
        assertThat(a.rows().get(0).growthBytesPerS()).isCloseTo(4096.0, within(1e-6));
        assertThat(a.rows().get(1).growthBytesPerS()).isZero();
    }

    @Test
    void baselineReset() {
        Analyzer an = analyzer(60);
        an.add(sample(0, cache("x", 0, 1, 1)));
        an.add(sample(1, cache("x", 0, 5, 5)));
        an.resetBaseline();
        Analysis a = an.add(sample(2, cache("x", 0, 7, 7)));
        assertThat(row(a, "x").deltaBytes()).isZero();
        a = an.add(sample(3, cache("x", 0, 9, 9)));
        assertThat(row(a, "x").deltaBytes()).isEqualTo(2 * 4096L);
        assertThat(row(a, "x").deltaObjs()).isEqualTo(2);
    }

    @Test
    void leakRuleFlagsRisingFloorsOverTheHorizonNotChurnNorReclaimableGrowth() {
        // a 40 s horizon: quarters of 10 s; 6 slabs and 15 % at least
        LeakRule.Settings rule = new LeakRule.Settings(40, 6, 0.15);
        Analyzer an = new Analyzer(ID, 10, n -> n.equals("rec")
                ? new CacheAttrs("rec", List.of(), true) : CacheAttrs.UNKNOWN, rule);
        Analysis a = null;
        for (int t = 0; t <= 60; t++) {
            // churn: peaks of +80 slabs that come back every 5 s, so its floor stays at 10
            long churn = 10 + (t % 5) * 20;
            a = an.add(sample(t, cache("leak", 0, 10 + t, 1), cache("rec", 0, 10 + t, 1),
                    cache("flat", 0, 10, 1), cache("churn", 0, churn, 1)));
            if (t < 38) {
                // covered from the 32nd of its 32 buckets: 38.75 s of 40
                assertThat(row(a, "leak").leakSuspect()).as("t=%d: the horizon is not covered yet", t).isFalse();
            }
            assertThat(row(a, "churn").leakSuspect()).as("t=%d churn", t).isFalse();
        }
        assertThat(row(a, "leak").leakSuspect()).isTrue();
        assertThat(row(a, "leak").verdict().level()).isEqualTo(LeakRule.Level.SUSPECT);
        assertThat(dev.kleaktop.view.VerdictText.why(row(a, "leak").verdict()))
                .startsWith("leak suspect: floor rose").endsWith("not reclaimable");
        assertThat(row(a, "rec").leakSuspect()).isFalse();
        assertThat(row(a, "rec").verdict().kind()).isEqualTo(LeakRule.Kind.RECLAIMABLE);
        assertThat(row(a, "flat").verdict().kind()).isEqualTo(LeakRule.Kind.NOT_GROWING);
        assertThat(row(a, "churn").verdict().kind()).isEqualTo(LeakRule.Kind.NOT_GROWING);
        // the growth stops and the cache shrinks: the flag goes within a quarter of the horizon
        for (int t = 61; t <= 70; t++) a = an.add(sample(t, cache("leak", 0, 20, 1)));
        assertThat(row(a, "leak").leakSuspect()).isFalse();
    }

    @Test
    void aFastLeakIsNamedOverHalfTheHorizonAndAGrowerTheReclaimableCachesOutgrowIsOnlyWatched() {
        LeakRule.Settings rule = new LeakRule.Settings(40, 6, 0.15);
        Analyzer an = new Analyzer(ID, 10, n -> n.startsWith("rec")
                ? new CacheAttrs(n, List.of(), true) : CacheAttrs.UNKNOWN, rule);
        Analysis a = null;
        boolean fastBeforeHorizon = false;
        for (int t = 0; t <= 45; t++) {
            // 10 slabs a second: 72 slabs (12 x 6) over the newer half in well under the horizon
            a = an.add(sample(t, cache("fast", 0, 10 + 10L * t, 1), cache("inodes", 0, 100 + 2L * t, 1),
                    cache("rec-dentry", 0, 100 + 30L * t, 1)));
            if (t < 40 && row(a, "fast").leakSuspect()) fastBeforeHorizon = true;
            if (t < 18) assertThat(row(a, "fast").leakSuspect()).as("t=%d", t).isFalse();
        }
        assertThat(fastBeforeHorizon).as("flagged over half the horizon").isTrue();
        // inodes grows 2 slabs a second while the reclaimable caches grow 30: their data, watched only
        assertThat(row(a, "inodes").verdict().kind()).isEqualTo(LeakRule.Kind.MASKED);
        assertThat(row(a, "inodes").verdict().level()).isEqualTo(LeakRule.Level.GROWING);
        assertThat(dev.kleaktop.view.VerdictText.why(row(a, "inodes").verdict())).contains("the reclaimable caches grew");
        assertThat(dev.kleaktop.view.Column.flags(row(a, "inodes"))).isEqualTo("+");
    }

    @Test
    void historyIsBoundedAndStillSpansTheWindow() {
        Analyzer an = new Analyzer(ID, 60, n -> CacheAttrs.UNKNOWN, 32);
        Analysis a = null;
        // 10 samples a second for 2 minutes: far more than the ring holds
        for (int i = 0; i <= 1200; i++) a = an.add(sample(i / 10.0, cache("x", 0, 1000 + i, 1)));
        // 10 slabs per second, fitted over the last 60 s
        assertThat(row(a, "x").growthBytesPerS()).isCloseTo(10 * 4096.0, within(1.0));
        assertThat(row(a, "x").leakSuspect()).isTrue();
        assertThat(row(a, "x").trend()).hasSize(Analyzer.TREND_POINTS);
        assertThat(row(a, "x").trend()[Analyzer.TREND_POINTS - 1]).isEqualTo(2200 * 4096L);
    }

    @Test
    void theLabsLeakingModuleRanksFirstAndIsASuspect() throws Exception {
        // /proc/slabinfo once a second while kleak_slab_obj grows, on the real 6.1 kmemleak kernel
        List<Sample> samples = new ArrayList<>();
        String series = Corpus.text("slabinfo/slabinfo-series.txt");
        for (String block : series.split("### t=")) {
            if (block.isBlank()) continue;
            int nl = block.indexOf('\n');
            double t = Double.parseDouble(block.substring(0, nl).trim());
            SlabInfo s = SlabinfoParser.parse(block.substring(nl + 1));
            samples.add(new Sample(T0.plusMillis(Math.round(t * 1000)), t, s, MemInfo.empty(), Map.of()));
        }
        assertThat(samples).hasSizeGreaterThan(10);
        // 13 s of growth: the verdict asked to look back 12 s
        Analyzer an = new Analyzer(ID, 10, n -> CacheAttrs.UNKNOWN, new LeakRule.Settings(12, 6, 0.15, 32 << 10));
        Analysis a = null;
        for (Sample s : samples) a = an.add(s);
        List<CacheRow> byGrowth = new ArrayList<>(a.rows());
        byGrowth.sort(Comparator.comparing((CacheRow r) -> r.growthBytesPerS() == null ? -1e18 : r.growthBytesPerS()).reversed());
        assertThat(byGrowth.get(0).name()).isEqualTo("kleak_slab_obj");
        assertThat(byGrowth.get(0).growthBytesPerS()).isPositive();
        assertThat(byGrowth.get(0).leakSuspect()).isTrue();
    }
}
