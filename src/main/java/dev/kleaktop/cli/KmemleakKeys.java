package dev.kleaktop.cli;

import dev.kleaktop.session.KmemleakSource;
import dev.kleaktop.session.KmemleakView;
import dev.kleaktop.session.Collector;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.view.Units;
import dev.kleaktop.view.tui.KmemleakActions;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The screen's {@code k} and {@code C} on the live kernel's kmemleak, through the monitor's
 * kmemleak source; after each, the monitor gets the new report so the pane shows it. Refused
 * up front, with the reason in the status line, where a write would be wrong or cannot work:
 * a saved report, a captured tree (the write would overwrite the copy), {@code --read-only},
 * or kmemleak not there.
 */
final class KmemleakKeys implements KmemleakActions {
    private final KmemleakSource source;
    private final Collector monitor;
    private final Clock clock;

    KmemleakKeys(KmemleakSource source, Collector monitor, Clock clock) {
        this.source = source;
        this.monitor = monitor;
        this.clock = clock;
    }

    /** @param monitor the session whose kmemleak source the keys use; null when there is none */
    static KmemleakActions of(KernelFs fs, boolean readOnly, Path kmemleakFile, Collector monitor, Clock clock) {
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
        if (monitor == null || monitor.kmemleak() == null || !monitor.kmemleak().canWrite()) {
            return refused("kmemleak: not available");
        }
        return new KmemleakKeys(monitor.kmemleak(), monitor, clock);
    }

    static KmemleakActions refused(String why) {
        return new KmemleakActions() {
            @Override
            public String unavailable() { return why; }

            @Override
            public String scan() { throw new IllegalStateException(why); }

            @Override
            public String clear() { throw new IllegalStateException(why); }
        };
    }

    @Override
    public String unavailable() { return null; }

    @Override
    public String scan() throws Exception {
        try {
            KmemleakControl.ScanResult r = source.scan();
            monitor.kmemleakUpdated(new KmemleakView(SourceState.OK, r.report(), clock.instant()));
            return scanned(r);
        } catch (SourceException e) {
            throw new Exception(withFix(e));
        }
    }

    @Override
    public String clear() throws Exception {
        try {
            source.clear();
        } catch (SourceException e) {
            throw new Exception(withFix(e));
        }
        monitor.kmemleakUpdated(source.read());
        return "kmemleak: cleared: the current suspects will not be reported again";
    }

    static String scanned(KmemleakControl.ScanResult r) {
        double s = r.duration().toMillis() / 1000.0;
        return "kmemleak: scan done in " + Units.seconds(Math.round(s * 10) / 10.0) + ": " + r.suspectsAfter()
                + (r.suspectsAfter() == 1 ? " suspect" : " suspects") + ", " + r.newSuspects() + " new";
    }

    private static String withFix(SourceException e) {
        return e.fix() == null || e.fix().isEmpty() ? e.reason() : e.reason() + " (" + e.fix() + ")";
    }
}
