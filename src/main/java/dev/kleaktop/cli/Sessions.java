package dev.kleaktop.cli;

import dev.kleaktop.session.Collector;
import dev.kleaktop.session.KernelLog;
import dev.kleaktop.session.KmemleakSource;
import dev.kleaktop.session.SeriesPlayer;
import dev.kleaktop.session.SessionConfig;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.view.Text;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The session a command asked for, from its options: they go into one {@link SessionConfig}. */
final class Sessions {
    private Sessions() {}

    /** The session of the options, for {@code use}. */
    static SessionConfig config(SourceOptions source, Clock clock, double windowS, SessionConfig.Use use) {
        // a series brings its own clock: the time of the sample being read
        SeriesPlayer series = source.series();
        return new SessionConfig(source.fs(), series != null ? series.clock() : clock, windowS, use, source.dmesgFile(), source.kmemleakFile(),
                source.readOnly());
    }

    /** The kernel log of the options (see {@link SessionConfig#kernelLog()}). */
    static KernelLog kernelLog(SourceOptions source, Clock clock) {
        return config(source, clock, 0, SessionConfig.Use.BATCH).kernelLog();
    }

    /** The saved log to read: {@code --dmesg-file}, else a captured tree's own; null for dev/kmsg. */
    static Path logFile(SourceOptions source) {
        return config(source, Clock.systemUTC(), 0, SessionConfig.Use.BATCH).logFile();
    }

    /**
     * Why a file the user named ({@code --dmesg-file}, {@code --kmemleak-file}) could not be
     * read, as one line ({@code /tmp/x.log: not found}); null when it was read or none was
     * named. A default source (the live log, debugfs) may be missing; a named file may not.
     */
    static String namedFileProblem(Map<String, SourceState> sources, String sourceName, Path given) {
        if (given == null) return null;
        if (sources.get(sourceName) instanceof SourceState.Unavailable u) {
            String shown = given.toString();
            return Text.escape(u.reason().startsWith(shown) ? u.describe() : shown + ": " + u.describe());
        }
        return null;
    }

    /** kmemleak: {@code fileOverride}, else {@code --kmemleak-file}, else debugfs under the root. */
    static KmemleakSource kmemleak(SourceOptions source, Clock clock, Path fileOverride) {
        return config(source, clock, 0, SessionConfig.Use.BATCH).kmemleak(fileOverride);
    }

    /** The collector of the options, for {@code use}. */
    static Collector collector(SourceOptions source, Clock clock, double windowS, SessionConfig.Use use) {
        return config(source, clock, windowS, use).open();
    }
}
