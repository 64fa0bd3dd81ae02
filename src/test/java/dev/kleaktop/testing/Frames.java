package dev.kleaktop.testing;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.Analyzer;
import dev.kleaktop.session.Frame;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.source.parse.MeminfoParser;
import dev.kleaktop.source.parse.SlabinfoParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames from the lab's real slabinfo series (kleak_slab_obj leaking, records one second
 * apart), analysed with the sysfs attributes of the lab's captured tree: what the screen
 * shows after watching the lab for a quarter of a minute.
 */
public final class Frames {
    public static final Instant T0 = Instant.parse("2026-11-26T00:49:00Z");
    /** The rate window that the series covers, so the leak rule can fire. */
    public static final double WINDOW = 10;
    /** The verdict's horizon that the series covers (13 s of growth), so the leak rule can fire. */
    // and a least growth to match: a few seconds of the lab's leak are not minutes of it
    public static final dev.kleaktop.analysis.LeakRule.Settings RULE = new dev.kleaktop.analysis.LeakRule.Settings(12,
            6, 0.15, 32 << 10);
    /** A cache whose name carries a terminal escape sequence, added to every sample. */
    public static final String EVIL = "evil\u001b[2J\u001b]0;pwned\u0007cache";

    private Frames() {}

    /** The analyses after each record of the series, the last one with an unavailable source. */
    public static List<Frame> series(Path dir) {
        Trees tree = Trees.labFinal(dir);
        Sampler sampler = new Sampler(new KernelFs(tree.root()), new TestClock(T0));
        sampler.sample(); // learns the sysfs attributes of every cache
        Identity id = sampler.identity();
        Analyzer an = new Analyzer(id, WINDOW, sampler::attrs, RULE);
        MemInfo boot = MeminfoParser.parse(Corpus.text("slabinfo/meminfo.0-boot.txt"));
        MemInfo last = MeminfoParser.parse(Corpus.text("slabinfo/meminfo.2-final.txt"));
        List<Frame> out = new ArrayList<>();
        String[] records = Corpus.text("slabinfo/slabinfo-series.txt").split("(?m)^### t=");
        List<String> recs = new ArrayList<>();
        for (String r : records) {
            if (!r.isBlank()) recs.add(r);
        }
        for (int i = 0; i < recs.size(); i++) {
            String r = recs.get(i);
            int nl = r.indexOf('\n');
            double t = Double.parseDouble(r.substring(0, nl).trim());
            SlabInfo si;
            try {
                si = SlabinfoParser.parse(r.substring(nl + 1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            List<SlabCache> caches = new ArrayList<>(si.caches());
            caches.add(new SlabCache(CacheId.of(EVIL), 10, 10, 64, 64, 1, 0, 0, 0, 1, 1, 0));
            boolean lastOne = i == recs.size() - 1;
            Map<String, SourceState> sources = new LinkedHashMap<>();
            sources.put(SourceId.SLABINFO.id(), SourceState.OK);
            sources.put(SourceId.MEMINFO.id(), SourceState.OK);
            sources.put(SourceId.SYSFS_SLAB.id(), SourceState.OK);
            if (lastOne) sources.put("kmsg", SourceState.unavailable("permission denied", "run as root"));
            Sample s = new Sample(T0.plusMillis(Math.round(t * 1000)), 100 + t,
                    new SlabInfo(si.version(), caches, false), lastOne ? last : boot, sources);
            Analysis a = an.add(s);
            out.add(new Frame(a, sources));
        }
        return out;
    }

    /** The last frame of the series. */
    public static Frame last(Path dir) {
        List<Frame> all = series(dir);
        return all.get(all.size() - 1);
    }
}
