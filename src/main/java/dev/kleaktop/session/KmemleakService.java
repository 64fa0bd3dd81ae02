package dev.kleaktop.session;

import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.SourceException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * kmemleak's scan and clear for a running session, through its collector's kmemleak source;
 * after each, the collector gets the new report so the next frame shows it. Refused up front,
 * with the reason, where a write would be wrong or cannot work: a saved report, a captured
 * tree (the write would overwrite the copy), {@code --read-only}, or kmemleak not there. Each
 * call may block for minutes (a scan holds the writer until it ends).
 */
public final class KmemleakService {
    private final String refusal;
    private final KmemleakSource source;
    private final Collector collector;
    private final Clock clock;

    private KmemleakService(String refusal, KmemleakSource source, Collector collector, Clock clock) {
        this.refusal = refusal;
        this.source = source;
        this.collector = collector;
        this.clock = clock;
    }

    /**
     * @param kmemleakFile {@code --kmemleak-file}, or null
     * @param collector    the session whose kmemleak source is used; null when there is none
     */
    public static KmemleakService of(KernelFs fs, boolean readOnly, Path kmemleakFile, Collector collector, Clock clock) {
        if (kmemleakFile != null) {
            return refused("kmemleak: showing a saved report (--kmemleak-file): scan and clear need the live kernel");
        }
        if (!fs.isLive()) {
            return refused("kmemleak: scan and clear need the live kernel, not a captured tree (--root)");
        }
        if (readOnly) return refused("kmemleak: --read-only: no scan or clear");
        // Looks at debugfs only: never blocks behind a scan someone else started.
        SourceState st = new KmemleakControl(fs, false, System::nanoTime).state();
        if (!st.ok()) return refused("kmemleak: " + st.describe());
        if (collector == null || collector.kmemleak() == null || !collector.kmemleak().canWrite()) {
            return refused("kmemleak: not available");
        }
        return new KmemleakService(null, collector.kmemleak(), collector, clock);
    }

    /** A service that refuses every write with {@code why}. */
    public static KmemleakService refused(String why) {
        return new KmemleakService(why, null, null, null);
    }

    /** Why scan and clear cannot run, as one line, or null when they can. */
    public String refusal() { return refusal; }

    /** Writes {@code scan}, waits for it, and shows its report. */
    public KmemleakControl.ScanResult scan() throws SourceException {
        refuseIfRefused();
        KmemleakControl.ScanResult r = source.scan();
        collector.kmemleakUpdated(new KmemleakView(SourceState.OK, r.report(), clock.instant()));
        return r;
    }

    /** Writes {@code clear}, then shows the report as it is after it. */
    public void clear() throws SourceException {
        refuseIfRefused();
        source.clear();
        collector.kmemleakUpdated(source.read());
    }

    private void refuseIfRefused() {
        if (refusal != null) throw new IllegalStateException(refusal);
    }
}
