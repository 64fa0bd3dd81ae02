package dev.kleaktop.app;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where snapshots come from: a fresh sample of the kernel (for {@code kleaktop snapshot} and
 * the live side of a diff) or the frame the screen is showing (its {@code S} key).
 */
public final class Snapshots {
    private Snapshots() {}

    /** Reads the kernel (or the tree under --root) once, now, and returns it as a snapshot. */
    public static Snapshot take(KernelFs fs, Clock clock) {
        Sampler sampler = new Sampler(fs, clock);
        var identity = sampler.identity();
        var sample = sampler.sample();
        return Snapshot.of(identity, sample, sampler::attrs, fs.root().toString(),
                Snapshot.emptyKmemleak("not read"), List.of());
    }

    /**
     * The state a frame shows, as a snapshot: its latest sample and the attributes its rows
     * carry. Cheap and free of I/O, so the screen can call it on its own thread and hand the
     * result to a background save.
     */
    public static Snapshot of(Frame frame, KernelFs fs) {
        Analysis a = frame.analysis();
        Map<String, CacheAttrs> attrs = new HashMap<>();
        for (CacheRow r : a.rows()) attrs.putIfAbsent(r.name(), r.attrs());
        return Snapshot.of(a.identity(), a.sample(), n -> attrs.getOrDefault(n, CacheAttrs.UNKNOWN),
                fs.root().toString(), Snapshot.emptyKmemleak("not read"), List.of());
    }
}
