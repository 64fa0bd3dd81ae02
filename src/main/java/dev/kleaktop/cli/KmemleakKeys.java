package dev.kleaktop.cli;

import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.view.Units;
import dev.kleaktop.view.tui.KmemleakActions;
import java.nio.file.Path;

/**
 * The screen's {@code k} and {@code C} on the live kernel's kmemleak. Refused up front, with
 * the reason in the status line, where a write would be wrong or cannot work: a saved report,
 * a captured tree (a write would overwrite the copy), {@code --read-only}, or kmemleak not
 * there.
 */
final class KmemleakKeys implements KmemleakActions {
    private final KmemleakControl control;

    KmemleakKeys(KmemleakControl control) {
        this.control = control;
    }

    static KmemleakActions of(KernelFs fs, boolean readOnly, Path kmemleakFile) {
        if (kmemleakFile != null) {
            return refused("kmemleak: showing a saved report (--kmemleak-file): scan and clear need the live kernel");
        }
        if (!fs.isLive()) {
            return refused("kmemleak: scan and clear need the live kernel, not a captured tree (--root)");
        }
        if (readOnly) return refused("kmemleak: --read-only: no scan or clear");
        KmemleakControl c = new KmemleakControl(fs, false, System::nanoTime);
        SourceState st = c.state();
        if (!st.ok()) return refused("kmemleak: " + st.describe());
        return new KmemleakKeys(c);
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
            return scanned(control.scan());
        } catch (SourceException e) {
            throw new Exception(withFix(e));
        }
    }

    @Override
    public String clear() throws Exception {
        try {
            control.clear();
        } catch (SourceException e) {
            throw new Exception(withFix(e));
        }
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
