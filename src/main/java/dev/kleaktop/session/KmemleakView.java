package dev.kleaktop.session;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.SourceState;
import java.time.Instant;

/**
 * The latest kmemleak report and whether it could be read.
 *
 * @param state  ok, or why kmemleak is unavailable (not root, debugfs not mounted, ...)
 * @param report the last report read (empty when none could be)
 * @param readAt when it was read, or null when never
 */
public record KmemleakView(SourceState state, KmemleakReport report, Instant readAt) {
    public static final KmemleakView NOT_READ =
            new KmemleakView(SourceState.unavailable("not read", ""), KmemleakReport.EMPTY, null);

    /** Suspects in the report, or null when kmemleak could not be read. */
    public Long count() { return state.ok() ? report.recordCount() : null; }

    /** {@code ok} or the reason it is unavailable, as json's {@code kmemleak.status}. */
    public String status() { return state.describe(); }
}
