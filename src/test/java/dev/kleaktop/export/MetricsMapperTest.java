package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kleaktop.analysis.Analyzer;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsMapperTest {
    static final String SLABINFO_HEADER = "slabinfo - version: 2.1\n"
            + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

    @TempDir
    Path dir;

    /** The numbers of a slabinfo line, split here independently of the product's parser. */
    record Raw(String name, long active, long objs, long pagesPerSlab, long numSlabs) {}

    static List<Raw> raw(String slabinfo) {
        List<Raw> out = new ArrayList<>();
        for (String line : slabinfo.split("\n")) {
            if (line.startsWith("slabinfo") || line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            out.add(new Raw(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[5]), Long.parseLong(f[14])));
        }
        return out;
    }

    static Map<String, Long> rawMeminfoKb(String meminfo) {
        Map<String, Long> out = new HashMap<>();
        for (String line : meminfo.split("\n")) {
            String[] f = line.split(":\\s*|\\s+");
            out.put(f[0], Long.parseLong(f[1]));
        }
        return out;
    }

    static ExportFrame frame(Frame f) {
        SourceState off = SourceState.unavailable("not read", "");
        return new ExportFrame(f, off, null, new ExportFrame.KmemleakCount(off, null));
    }

    static String q(String cache) { return "{cache=\"" + cache + "\"}"; }

    @Test
    void valuesEqualTheSlabinfoAndMeminfoOfTheLabTree() {
        Trees.labFinal(dir);
        Frame f = new Collector(new KernelFs(dir), new TestClock(), 60).refresh();
        String text = Exposition.text(new MetricsMapper(Selection.all()).map(frame(f)));
        Map<String, Double> s = Exposition.samples(text);

        List<Raw> caches = raw(Corpus.text("slabinfo/slabinfo.2-final.txt"));
        assertThat(caches).hasSizeGreaterThan(100);
        for (Raw r : caches) {
            assertThat(s.get(MetricsMapper.SLAB_SIZE + q(r.name()))).as(r.name())
                    .isEqualTo((double) r.numSlabs() * r.pagesPerSlab() * 4096);
            assertThat(s.get(MetricsMapper.SLAB_ACTIVE + q(r.name()))).as(r.name()).isEqualTo((double) r.active());
            assertThat(s.get(MetricsMapper.SLAB_OBJECTS + q(r.name()))).as(r.name()).isEqualTo((double) r.objs());
            assertThat(s.get(MetricsMapper.SLAB_SUSPECT + q(r.name()))).as(r.name()).isEqualTo(0.0);
        }
        assertThat(s.get(MetricsMapper.SLAB_SIZE + q("kleak_slab_obj"))).isEqualTo(45.0 * 2 * 4096);
        Map<String, Long> kb = rawMeminfoKb(Corpus.text("slabinfo/meminfo.2-final.txt"));
        for (String field : List.of("Slab", "SReclaimable", "SUnreclaim", "MemAvailable", "MemTotal")) {
            assertThat(s.get(MetricsMapper.MEMINFO + "{field=\"" + field + "\"}")).as(field).isEqualTo(kb.get(field) * 1024.0);
        }
        assertThat(s.get(MetricsMapper.MEMINFO + "{field=\"MemTotal\"}")).isEqualTo(499536.0 * 1024);
        // one sample: the growth rate is unknown, so the series is absent (not 0)
        assertThat(text).doesNotContain(MetricsMapper.SLAB_GROWTH);
        assertThat(s.keySet()).noneMatch(k -> k.contains("index="));
        for (String m : List.of(MetricsMapper.SLAB_SIZE, MetricsMapper.SLAB_ACTIVE, MetricsMapper.SLAB_OBJECTS,
                MetricsMapper.SLAB_SUSPECT, MetricsMapper.MEMINFO, MetricsMapper.SOURCE_UP)) {
            assertThat(text).contains("# TYPE " + m + " gauge\n").contains("# HELP " + m + " ");
        }
        assertThat(s).containsEntry(MetricsMapper.SOURCE_UP + "{source=\"slabinfo\"}", 1.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"meminfo\"}", 1.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"kmsg\"}", 0.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"kmemleak\"}", 0.0);
        assertThat(text).doesNotContain(MetricsMapper.KMEMLEAK).doesNotContain(MetricsMapper.OOM_KILLS);
    }

    @Test
    void oddRealNamesOfThe300CacheCorpusKeepTheirValues() {
        String slab = Corpus.text("slabinfo/prometheus-procfs-fixtures-slub-300caches.txt");
        new Trees(dir).file("proc/slabinfo", slab).file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        Frame f = new Collector(new KernelFs(dir), new TestClock(), 60).refresh();
        Map<String, Double> s = Exposition.samples(new MetricsMapper(Selection.all()).map(frame(f)));
        List<Raw> caches = raw(slab);
        assertThat(caches).hasSize(300);
        for (Raw r : caches) {
            assertThat(s.get(MetricsMapper.SLAB_SIZE + q(r.name()))).as(r.name())
                    .isEqualTo((double) r.numSlabs() * r.pagesPerSlab() * 4096);
        }
        assertThat(s).containsKey(MetricsMapper.SLAB_SIZE + q("L2TP/IPv6"))
                .containsKey(MetricsMapper.SLAB_OBJECTS + q("iwl_cmd_pool:0000:04:00.0"));

        // the default cut keeps the series count bounded
        Map<String, Double> cut = Exposition.samples(
                new MetricsMapper(Selection.growthAndSize(Selection.DEFAULT_TOP, new dev.kleaktop.view.TableState())).map(frame(f)));
        assertThat(cut.keySet().stream().filter(k -> k.startsWith(MetricsMapper.SLAB_SIZE + "{"))).hasSize(100);
        // before rates are known the cut keeps the largest caches
        long biggest = caches.stream().mapToLong(r -> r.numSlabs() * r.pagesPerSlab()).max().orElseThrow();
        Raw top = caches.stream().filter(r -> r.numSlabs() * r.pagesPerSlab() == biggest).findFirst().orElseThrow();
        assertThat(cut).containsKey(MetricsMapper.SLAB_SIZE + q(top.name()));
    }

    @Test
    void repeatedNamesGetAnIndexLabelAndOthersDoNot() {
        String base = Corpus.text("slabinfo/slabinfo.2-final.txt");
        String tcp = base.lines().filter(l -> l.startsWith("TCP ")).findFirst().orElseThrow();
        // Two more caches named TCP, as one per device or namespace would be (real lines, other counts).
        String more = tcp.replace("0      0   2240", "28     28   2240").replace("slabdata      0      0", "slabdata      2      2")
                + "\n" + tcp.replace("0      0   2240", "14     14   2240").replace("slabdata      0      0", "slabdata      1      1") + "\n";
        new Trees(dir).file("proc/slabinfo", base + more).file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        Frame f = new Collector(new KernelFs(dir), new TestClock(), 60).refresh();
        Map<String, Double> s = Exposition.samples(new MetricsMapper(Selection.all()).map(frame(f)));

        assertThat(s).containsEntry(MetricsMapper.SLAB_SIZE + "{cache=\"TCP\",index=\"0\"}", 0.0)
                .containsEntry(MetricsMapper.SLAB_SIZE + "{cache=\"TCP\",index=\"1\"}", 2.0 * 8 * 4096)
                .containsEntry(MetricsMapper.SLAB_SIZE + "{cache=\"TCP\",index=\"2\"}", 1.0 * 8 * 4096)
                .containsEntry(MetricsMapper.SLAB_ACTIVE + "{cache=\"TCP\",index=\"1\"}", 28.0)
                .containsEntry(MetricsMapper.SLAB_OBJECTS + "{cache=\"TCP\",index=\"2\"}", 14.0)
                .containsEntry(MetricsMapper.SLAB_SUSPECT + "{cache=\"TCP\",index=\"2\"}", 0.0)
                .doesNotContainKey(MetricsMapper.SLAB_SIZE + q("TCP"))
                .containsKey(MetricsMapper.SLAB_SIZE + q("dentry"));
        assertThat(s.keySet().stream().filter(k -> k.contains("index=")).collect(Collectors.toList()))
                .allMatch(k -> k.contains("cache=\"TCP\"")).hasSize(12);
    }

    @Test
    void oddNamesAreEscapedByTheLibraryAndControlCharactersNeverRaw() {
        String lines = SLABINFO_HEADER
                + "quo\"te               10     10    192   21    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "back\\slash           21     21    192   21    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "esc\u001b[31mred      42     42    192   21    1 : tunables    0    0    0 : slabdata      2      2      0\n"
                + "L2TP/IPv6              0      0   1536   21    8 : tunables    0    0    0 : slabdata      0      0      0\n";
        new Trees(dir).file("proc/slabinfo", lines).file("proc/meminfo", "MemTotal: 1000 kB\n");
        Frame f = new Collector(new KernelFs(dir), new TestClock(), 60).refresh();
        String text = Exposition.text(new MetricsMapper(Selection.all()).map(frame(f)));
        Map<String, Double> s = Exposition.samples(text);
        assertThat(s).containsEntry(MetricsMapper.SLAB_ACTIVE + "{cache=\"quo\\\"te\"}", 10.0)
                .containsEntry(MetricsMapper.SLAB_ACTIVE + "{cache=\"back\\\\slash\"}", 21.0)
                .containsEntry(MetricsMapper.SLAB_ACTIVE + "{cache=\"esc\\\\x1b[31mred\"}", 42.0)
                .containsEntry(MetricsMapper.SLAB_SIZE + "{cache=\"L2TP/IPv6\"}", 0.0);
        assertThat(text).doesNotContain("\u001b");
    }

    @Test
    void aNewlineInANameNeverSplitsASampleLine() {
        // slabinfo cannot carry a newline in a name (it is line-based), so build the sample directly
        Identity id = new Identity("h", "k", "b", 4096);
        SlabCache c = new SlabCache(new CacheId("new\nline\"x", 0), 5, 5, 64, 64, 1, 0, 0, 0, 1, 1, 0);
        Sample smp = new Sample(Instant.EPOCH, 1.0, new SlabInfo("2.1", List.of(c), false), MemInfo.empty(),
                Map.of("slabinfo", SourceState.OK));
        Frame f = new Frame(new Analyzer(id, 60, n -> CacheAttrs.UNKNOWN).add(smp), smp.sources());
        String text = Exposition.text(new MetricsMapper(Selection.all()).map(frame(f)));
        assertThat(Exposition.samples(text)).containsEntry(MetricsMapper.SLAB_ACTIVE + "{cache=\"new\\\\x0aline\\\"x\"}", 5.0);
        assertThat(text.lines()).allMatch(l -> l.startsWith("#") || l.startsWith("kleaktop_"));
    }

    @Test
    void growthAppearsOnceKnownAndASteadyUnreclaimableGrowerIsASuspect() {
        String base = Corpus.text("slabinfo/slabinfo.2-final.txt");
        String leakLine = base.lines().filter(l -> l.startsWith("kleak_slab_obj ")).findFirst().orElseThrow();
        Trees t = Trees.labFinal(dir);
        TestClock clock = new TestClock();
        Collector m = new Collector(new KernelFs(dir), clock, 60);
        MetricsMapper mapper = new MetricsMapper(Selection.all());
        Map<String, Double> s = null;
        // 300 s of samples: the verdict looks back 240 s
        for (int i = 0; i <= 100; i++) {
            long slabs = 45 + 5L * i;
            String grown = String.format("kleak_slab_obj    %5d  %5d    520   15    2 : tunables    0    0    0 : slabdata  %5d  %5d      0",
                    slabs * 15, slabs * 15, slabs, slabs);
            t.file("proc/slabinfo", base.replace(leakLine, grown));
            s = Exposition.samples(mapper.map(frame(m.refresh())));
            if (i == 0) assertThat(s.keySet()).noneMatch(k -> k.startsWith(MetricsMapper.SLAB_GROWTH));
            clock.advanceSeconds(3);
        }
        // 5 slabs of 2 pages every 3 s
        assertThat(s.get(MetricsMapper.SLAB_GROWTH + q("kleak_slab_obj"))).isCloseTo(5 * 2 * 4096 / 3.0, within(1e-6));
        assertThat(s.get(MetricsMapper.SLAB_GROWTH + q("dentry"))).isEqualTo(0.0);
        assertThat(s.get(MetricsMapper.SLAB_SUSPECT + q("kleak_slab_obj"))).isEqualTo(1.0);
        assertThat(s.get(MetricsMapper.SLAB_SUSPECT + q("dentry"))).isEqualTo(0.0);
        assertThat(s.get(MetricsMapper.SLAB_SIZE + q("kleak_slab_obj"))).isEqualTo(545.0 * 2 * 4096);
    }

    @Test
    void kmemleakAndOomCountsWhenTheirSourcesAreRead() {
        Trees.labFinal(dir);
        Frame f = new Collector(new KernelFs(dir), new TestClock(), 60).refresh();
        ExportFrame ef = new ExportFrame(f, SourceState.OK, new ExportFrame.OomTotals(3, 1),
                new ExportFrame.KmemleakCount(SourceState.OK, 12L));
        String text = Exposition.text(new MetricsMapper(Selection.all()).map(ef));
        assertThat(Exposition.samples(text))
                .containsEntry("kleaktop_oom_kills_total{kind=\"global\"}", 3.0)
                .containsEntry("kleaktop_oom_kills_total{kind=\"memcg\"}", 1.0)
                .containsEntry("kleaktop_kmemleak_suspects", 12.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"kmsg\"}", 1.0)
                .containsEntry(MetricsMapper.SOURCE_UP + "{source=\"kmemleak\"}", 1.0);
        assertThat(text).contains("# TYPE kleaktop_oom_kills_total counter\n").contains("# TYPE kleaktop_kmemleak_suspects gauge\n");
    }

    @Test
    void theLedgersUnaccountedLineIsAMeminfoField() {
        Trees.labFinal(dir);
        Frame f = new Collector(new KernelFs(dir), new TestClock(), 60).refresh();
        long unaccounted = f.analysis().ledger().stream()
                .filter(r -> r.line() == dev.kleaktop.analysis.Ledger.UNACCOUNTED).findFirst().orElseThrow().bytes();
        assertThat(unaccounted).isPositive();
        Map<String, Double> s = Exposition.samples(new MetricsMapper(Selection.all()).map(frame(f)));
        assertThat(s).containsEntry(MetricsMapper.MEMINFO + "{field=\"Unaccounted\"}", (double) unaccounted)
                .containsKey(MetricsMapper.MEMINFO + "{field=\"MemTotal\"}");
    }
}
