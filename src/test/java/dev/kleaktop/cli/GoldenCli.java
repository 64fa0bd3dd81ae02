package dev.kleaktop.cli;

import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.PaneFormat;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.session.KmemleakService;
import dev.kleaktop.session.SnapshotService;
import dev.kleaktop.view.tui.KmemleakActions;
import dev.kleaktop.view.tui.KmemleakKeys;
import dev.kleaktop.view.tui.SnapshotKeys;
import dev.kleaktop.view.tui.SnapshotActions;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * The screen's real parts that the command line builds (package-private here) for the golden
 * frames of the view's tests ({@code GoldenFramesTest}), which live in another package.
 */
public final class GoldenCli {
    private GoldenCli() {}

    /** The real S and D keys ({@link SnapshotKeys}) over {@code dir}. */
    public static SnapshotActions snapshots(KernelFs fs, Path dir, ZoneId zone) {
        return new SnapshotKeys(new SnapshotService(fs, dir, false), zone);
    }

    /**
     * The real k and C keys as the command line makes them for {@code fs} (never live here):
     * refused for a captured tree.
     */
    public static KmemleakActions kmemleak(KernelFs fs, java.time.Clock clock) {
        return new KmemleakKeys(KmemleakService.of(fs, false, null, null, clock));
    }

    /** The k and C keys as the command line makes them when kmemleak's control file says {@code state}. */
    public static KmemleakActions kmemleakUnavailable(SourceState state) {
        return KmemleakKeys.refused("kmemleak: " + state.describe());
    }

    /** The real side pane and counters, as {@link ScreenRunner} gives them to the screen. */
    public static ScreenExtras extras(Glyphs g, ZoneId zone) {
        return PaneFormat.extras(ScreenRunner::paneData, g, zone);
    }
}
