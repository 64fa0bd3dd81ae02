package dev.kleaktop.session;

import dev.kleaktop.analysis.LeakRule;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What a session reads and how it follows it, as the command line chose: the tree (one
 * {@link KernelFs} for the whole session), the rate window, the kernel log and kmemleak, and
 * for whom (the screen, {@code -b}, the export), which decides how the log and kmemleak are
 * followed. {@link #open()} builds the session's one {@link Collector}, {@link #loop} the
 * sampling loop over it.
 *
 * @param fs           the tree read: the live system or a captured one ({@code --root})
 * @param windowS      the rate window ({@code -w})
 * @param use          who runs on it
 * @param dmesgFile    {@code --dmesg-file}, or null
 * @param kmemleakFile {@code --kmemleak-file}, or null
 * @param readOnly     {@code --read-only}: never write to the kernel
 * @param rule         the leak rule's settings
 */
public record SessionConfig(KernelFs fs, Clock clock, double windowS, Use use, Path dmesgFile, Path kmemleakFile,
                            boolean readOnly, LeakRule.Settings rule) {
    public SessionConfig {
        if (rule == null) rule = LeakRule.Settings.DEFAULT;
    }

    /** A session with the default leak rule. */
    public SessionConfig(KernelFs fs, Clock clock, double windowS, Use use, Path dmesgFile, Path kmemleakFile,
                         boolean readOnly) {
        this(fs, clock, windowS, use, dmesgFile, kmemleakFile, readOnly, LeakRule.Settings.DEFAULT);
    }

    /** This session with the leak rule {@code r}. */
    public SessionConfig withRule(LeakRule.Settings r) {
        return new SessionConfig(fs, clock, windowS, use, dmesgFile, kmemleakFile, readOnly, r);
    }

    /** How long {@code -b}'s first frame waits for the kernel log's history (a log that never pauses). */
    public static final Duration HISTORY_WAIT = Duration.ofSeconds(5);
    /** The kernel's own background kmemleak scan runs every 10 minutes by default. */
    public static final Duration KMEMLEAK_PERIOD = Duration.ofMinutes(10);
    /** How long the export's first refresh waits for the first kmemleak read. */
    public static final Duration KMEMLEAK_FIRST_WAIT = Duration.ofSeconds(2);

    /** Who runs on the session: it decides how the kernel log and kmemleak are followed. */
    public enum Use {
        /**
         * The screen: the log's history is read once the first frame is up (it would compete
         * with it for the CPU) and fills the pane as it comes; kmemleak is read with the first
         * frame, then after each scan or clear.
         */
        SCREEN,
        /** {@code -b}: the first frame waits for the log's history (it counts every OOM event). */
        BATCH,
        /**
         * The export: counters from its start (the log read from its end, /dev/kmsg only),
         * kmemleak read in the background, read-only, at start, on the log's notices and every
         * {@link #KMEMLEAK_PERIOD}.
         */
        EXPORT
    }

    /** The export's session: no saved files, never writes to the kernel. */
    public static SessionConfig export(KernelFs fs, Clock clock, double windowS) {
        return new SessionConfig(fs, clock, windowS, Use.EXPORT, null, null, true);
    }

    /** The export's session with the leak rule {@code rule}. */
    public static SessionConfig export(KernelFs fs, Clock clock, double windowS, LeakRule.Settings rule) {
        return new SessionConfig(fs, clock, windowS, Use.EXPORT, null, null, true, rule);
    }

    /** Builds the session's collector; its sysfs read starts first (the longest, on a thread of its own). */
    public Collector open() {
        Sampler sampler = Collector.startedSampler(fs, clock);
        if (use == Use.EXPORT) {
            return new Collector(sampler, windowS, rule, KernelLog.kmsgFromEnd(fs, clock),
                    KmemleakFollower.background(KmemleakSource.live(fs, true, clock), clock, KMEMLEAK_PERIOD,
                            KMEMLEAK_FIRST_WAIT));
        }
        Path file = logFile();
        if (fs.seriesName() != null) {
            // a captured series: the kernel log and kmemleak only from saved files (--dmesg-file,
            // --kmemleak-file, or the --root tree's saved log), never a device
            return new Collector(sampler, windowS, rule, file != null ? KernelLog.file(file) : null,
                    kmemleakFile != null ? KmemleakFollower.onDemand(kmemleak(null), clock) : null);
        }
        KernelLog log = file != null ? KernelLog.file(file)
                : use == Use.SCREEN ? KernelLog.kmsgNotStarted(fs, clock) : KernelLog.kmsg(fs, clock);
        return new Collector(sampler, windowS, rule, log, KmemleakFollower.onDemand(kmemleak(null), clock));
    }

    /** The sampling loop over the session's collector: {@code -b}'s first frame waits for the log's history. */
    public SamplingLoop loop(Collector c) {
        SamplingLoop loop = new SamplingLoop(c);
        return use == Use.BATCH ? loop.firstFrameWaitsForLog(HISTORY_WAIT) : loop;
    }

    /**
     * The kernel log: {@code --dmesg-file} when given, else dev/kmsg under the root, else (a
     * captured tree without one) the log saved in the tree ({@link #savedLog}).
     */
    public KernelLog kernelLog() {
        Path f = logFile();
        return f != null ? KernelLog.file(f) : KernelLog.kmsg(fs, clock);
    }

    /** The saved log to read: {@code --dmesg-file}, else a captured tree's own; null for dev/kmsg. */
    public Path logFile() {
        return dmesgFile != null ? dmesgFile : savedLog(fs);
    }

    /**
     * A captured tree's saved kernel log ({@link KernelFs#SAVED_LOGS}: {@code dmesg.txt}, ...),
     * read as {@code --dmesg-file} would be, when the tree has no {@code dev/kmsg}; null for the
     * live system or a tree without one.
     */
    public static Path savedLog(KernelFs fs) {
        if (fs.isLive() || fs.exists(KernelFs.KMSG)) return null;
        for (String rel : KernelFs.SAVED_LOGS) {
            Path p = fs.resolve(rel);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** kmemleak: {@code fileOverride}, else {@code --kmemleak-file}, else debugfs under the root. */
    public KmemleakSource kmemleak(Path fileOverride) {
        Path f = fileOverride != null ? fileOverride : kmemleakFile;
        return f != null ? KmemleakSource.file(f, clock) : KmemleakSource.live(fs, readOnly, clock);
    }
}
