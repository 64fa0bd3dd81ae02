package dev.kleaktop.session;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where snapshots come from: a fresh read of the kernel (for {@code kleaktop snapshot} and the
 * live side of a diff) or the frame the screen is showing (its {@code S} key).
 */
public final class Snapshots {

    private Snapshots() {}

    /** Slab caches and meminfo only: the kmemleak report and the kernel log are not read. */
    public static Snapshot take(KernelFs fs, Clock clock) {
        Sampler sampler = new Sampler(fs, clock);
        return Snapshot.of(sampler.identity(), sampler.sample(), sampler::attrs, fs.root().toString(),
                Snapshot.NOT_READ, KmemleakReport.EMPTY, List.of());
    }

    /**
     * Reads everything a snapshot keeps, now: slabinfo and meminfo, the kmemleak report and
     * the OOM kills of the whole kernel log (as {@link KernelLog#readAll()} reads it: its
     * newest {@value KernelLog#MAX_EVENTS}). Blocks while kmemleak scans and while the log is
     * read; never writes to the kernel. Whatever could not be read is a state in the sample's
     * {@code sources} ({@code kmemleak}, {@code kmsg} or {@code dmesg_file}). The caller
     * closes {@code log}.
     */
    public static Snapshot take(KernelFs fs, Clock clock, KernelLog log, KmemleakSource kmemleak) {
        Sampler sampler = new Sampler(fs, clock);
        Identity identity = sampler.identity();
        Sample sample = sampler.sample();
        Map<String, SourceState> sources = new LinkedHashMap<>(sample.sources());
        KmemleakView k = kmemleak.read();
        sources.put(SourceId.KMEMLEAK.id(), k.state());
        List<OomEvent> events = log.readAll();
        sources.put(log.sourceName(), log.state());
        Sample withSources = new Sample(sample.time(), sample.uptimeS(), sample.slab(), sample.mem(), sources);
        return Snapshot.of(identity, withSources, sampler::attrs, fs.root().toString(), k.status(), k.report(), events);
    }

    /**
     * The state a frame shows, as a snapshot: its latest sample with the frame's source states,
     * the attributes its rows carry, its kmemleak report and OOM events. Cheap and free of
     * I/O, so the screen can call it on its own thread and hand the result to a background
     * save ({@code SnapshotStore.save}).
     */
    public static Snapshot of(Frame frame, KernelFs fs) {
        Analysis a = frame.analysis();
        Map<String, CacheAttrs> attrs = new HashMap<>();
        for (CacheRow r : a.rows()) attrs.putIfAbsent(r.name(), r.attrs());
        Sample s = a.sample();
        Sample withSources = new Sample(s.time(), s.uptimeS(), s.slab(), s.mem(), frame.sources());
        KmemleakView k = frame.kmemleak();
        return Snapshot.of(a.identity(), withSources, n -> attrs.getOrDefault(n, CacheAttrs.UNKNOWN),
                fs.root().toString(), k.status(), k.report(), frame.oomEvents());
    }
}
