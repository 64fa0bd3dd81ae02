package dev.kleaktop.app;

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
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.LogHistory;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.source.SavedKmemleak;
import dev.kleaktop.source.SourceException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where snapshots come from: a fresh read of the kernel (for {@code kleaktop snapshot} and the
 * live side of a diff) or the frame the screen is showing (its {@code S} key).
 */
public final class Snapshots {
    /** Source names the snapshot adds to the sample's {@code sources}. */
    public static final String SRC_KMEMLEAK = Snapshot.SRC_KMEMLEAK;
    public static final String SRC_KMSG = Snapshot.SRC_KMSG;
    public static final String SRC_DMESG_FILE = Snapshot.SRC_DMESG_FILE;
    /** How long reading the whole kernel log may take before the snapshot goes without the rest. */
    static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

    private Snapshots() {}

    /** Slab caches and meminfo only: the kmemleak report and the kernel log are not read. */
    public static Snapshot take(KernelFs fs, Clock clock) {
        Sampler sampler = new Sampler(fs, clock);
        return Snapshot.of(sampler.identity(), sampler.sample(), sampler::attrs, fs.root().toString(),
                Snapshot.NOT_READ, KmemleakReport.EMPTY, List.of());
    }

    /**
     * Reads everything a snapshot keeps, now: slabinfo and meminfo, the kmemleak report
     * (debugfs under the root, or {@code kmemleakFile}) and the OOM kills of the kernel log
     * (/dev/kmsg under the root, or {@code dmesgFile}). Blocks while kmemleak scans and while
     * the log is read; never writes to the kernel. Whatever could not be read is a state in
     * the sample's {@code sources} ({@link #SRC_KMEMLEAK}, {@link #SRC_KMSG} or
     * {@link #SRC_DMESG_FILE}).
     *
     * @param dmesgFile    a saved kernel log to read instead of dev/kmsg, or null
     * @param kmemleakFile a saved kmemleak report to read instead of debugfs, or null
     */
    public static Snapshot take(KernelFs fs, Clock clock, Path dmesgFile, Path kmemleakFile) {
        Sampler sampler = new Sampler(fs, clock);
        Identity identity = sampler.identity();
        Sample sample = sampler.sample();
        Map<String, SourceState> sources = new LinkedHashMap<>(sample.sources());

        KmemleakReport report = KmemleakReport.EMPTY;
        SourceState kstate;
        try {
            if (kmemleakFile != null) {
                report = SavedKmemleak.read(kmemleakFile);
                kstate = SourceState.OK;
            } else {
                KmemleakControl kmemleak = new KmemleakControl(fs, true, System::nanoTime);
                kstate = kmemleak.state();
                if (kstate.ok()) report = kmemleak.report();
            }
        } catch (SourceException e) {
            kstate = e.toState();
        }
        sources.put(SRC_KMEMLEAK, kstate);

        LogHistory.Oom oom = LogHistory.oomEvents(fs, clock, dmesgFile, LOG_TIMEOUT);
        sources.put(dmesgFile != null ? SRC_DMESG_FILE : SRC_KMSG, oom.state());

        Sample withSources = new Sample(sample.time(), sample.uptimeS(), sample.slab(), sample.mem(), sources);
        return Snapshot.of(identity, withSources, sampler::attrs, fs.root().toString(),
                kstate.ok() ? "ok" : kstate.describe(), report, oom.events());
    }

    /**
     * The state a frame shows, as a snapshot: its latest sample and the attributes its rows
     * carry, without kmemleak or OOM parts. Cheap and free of I/O, so the screen can call it
     * on its own thread and hand the result to a background save.
     */
    public static Snapshot of(Frame frame, KernelFs fs) {
        return of(frame, fs, Snapshot.NOT_READ, KmemleakReport.EMPTY, List.of());
    }

    /** As {@link #of(Frame, KernelFs)}, with the kmemleak report and OOM events the screen holds. */
    public static Snapshot of(Frame frame, KernelFs fs, String kmemleakStatus, KmemleakReport kmemleak,
                              List<OomEvent> oomEvents) {
        Analysis a = frame.analysis();
        Map<String, CacheAttrs> attrs = new HashMap<>();
        for (CacheRow r : a.rows()) attrs.putIfAbsent(r.name(), r.attrs());
        return Snapshot.of(a.identity(), a.sample(), n -> attrs.getOrDefault(n, CacheAttrs.UNKNOWN),
                fs.root().toString(), kmemleakStatus, kmemleak, oomEvents);
    }
}
