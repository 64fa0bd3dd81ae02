package dev.kleaktop.view.tui;

import dev.kleaktop.session.KmemleakService;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.view.Units;

/**
 * The screen's {@code k} and {@code C}: the session's {@link KmemleakService}, with the status
 * lines they give.
 */
public final class KmemleakKeys implements KmemleakActions {
    private final KmemleakService service;

    public KmemleakKeys(KmemleakService service) {
        this.service = service;
    }

    /** Keys that refuse with {@code why} (the whole status line). */
    public static KmemleakActions refused(String why) {
        return new KmemleakKeys(KmemleakService.refused(why));
    }

    @Override
    public String unavailable() { return service.refusal(); }

    @Override
    public String scan() throws Exception {
        try {
            return scanned(service.scan());
        } catch (SourceException e) {
            throw new Exception(withFix(e));
        }
    }

    @Override
    public String clear() throws Exception {
        try {
            service.clear();
        } catch (SourceException e) {
            throw new Exception(withFix(e));
        }
        return "kmemleak: cleared: the current suspects will not be reported again";
    }

    /** The status line after a scan. */
    public static String scanned(KmemleakControl.ScanResult r) {
        double s = r.duration().toMillis() / 1000.0;
        return "kmemleak: scan done in " + Units.seconds(Math.round(s * 10) / 10.0) + ": " + r.suspectsAfter()
                + (r.suspectsAfter() == 1 ? " suspect" : " suspects") + ", " + r.newSuspects() + " new";
    }

    private static String withFix(SourceException e) {
        return e.fix() == null || e.fix().isEmpty() ? e.reason() : e.reason() + " (" + e.fix() + ")";
    }
}
