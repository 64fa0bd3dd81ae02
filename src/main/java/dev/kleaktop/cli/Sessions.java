package dev.kleaktop.cli;

import dev.kleaktop.app.KernelLog;
import dev.kleaktop.app.KmemleakSource;
import dev.kleaktop.app.Monitor;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.view.Text;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Builds the sources a command asked for from its options, in one place. */
final class Sessions {
    private Sessions() {}

    /**
     * The kernel log: {@code --dmesg-file} when given, else dev/kmsg under the root, else (a
     * captured tree without one) the log saved in the tree ({@link #savedLog}).
     */
    static KernelLog kernelLog(SourceOptions source, KernelFs fs, Clock clock) {
        Path f = logFile(source, fs);
        return f != null ? KernelLog.file(f) : KernelLog.kmsg(fs, clock);
    }

    /** The saved log to read: {@code --dmesg-file}, else a captured tree's own; null for dev/kmsg. */
    static Path logFile(SourceOptions source, KernelFs fs) {
        Path f = source.dmesgFile();
        return f != null ? f : savedLog(fs);
    }

    /**
     * A captured tree's saved kernel log ({@link KernelFs#SAVED_LOGS}: {@code dmesg.txt}, ...),
     * read as {@code --dmesg-file} would be, when the tree has no {@code dev/kmsg}; null for the
     * live system or a tree without one.
     */
    static Path savedLog(KernelFs fs) {
        if (fs.isLive() || fs.exists(KernelFs.KMSG)) return null;
        for (String rel : KernelFs.SAVED_LOGS) {
            Path p = fs.resolve(rel);
            if (java.nio.file.Files.isRegularFile(p)) return p;
        }
        return null;
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

    /** kmemleak: {@code --kmemleak-file} when given, else debugfs under the root. */
    static KmemleakSource kmemleak(SourceOptions source, KernelFs fs, Clock clock, Path fileOverride) {
        Path f = fileOverride != null ? fileOverride : source.kmemleakFile();
        return f != null ? KmemleakSource.file(f, clock) : KmemleakSource.live(fs, source.readOnly(), clock);
    }

    /** A monitor with slab data, the kernel log and kmemleak, as -b shows them. */
    static Monitor monitor(SourceOptions source, Clock clock, double windowS) {
        return monitor(source, clock, windowS, false);
    }

    /**
     * A monitor with slab data, the kernel log and kmemleak.
     *
     * @param logLater the live kernel log is opened now but read from {@link Monitor#startLog()}
     *                 on (the screen starts it after its first frame)
     */
    static Monitor monitor(SourceOptions source, Clock clock, double windowS, boolean logLater) {
        KernelFs fs = source.fs();
        // sysfs first: its start-up read is the longest and runs on a thread of its own
        Sampler sampler = Monitor.startedSampler(fs, clock);
        KernelLog log = logLater && logFile(source, fs) == null ? KernelLog.kmsgNotStarted(fs, clock)
                : kernelLog(source, fs, clock);
        return new Monitor(sampler, windowS, log, kmemleak(source, fs, clock, null));
    }
}
