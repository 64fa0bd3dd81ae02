package dev.kleaktop.cli;

import dev.kleaktop.session.SeriesPlayer;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.SourceException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the kernel is read from: the live box or a captured tree, saved logs and reports. */
public final class SourceOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Read the kernel files under DIR instead of / (a captured tree).")
    Path root;

    @Option(names = "--series", paramLabel = "FILE",
            description = "Replay a captured series: FILE (or FILE.gz) of \"### t=SECONDS [path=proc/meminfo]\" stamps,"
                    + " each followed by a kernel file (see the README's capture loop). -b prints a frame per sample"
                    + " (the last N with -n); the screen plays it. With --root DIR, files the series lacks come from DIR.")
    Path series;

    @Option(names = "--dmesg-file", paramLabel = "FILE",
            description = "Read the kernel log from FILE (dmesg, dmesg -T, journalctl -k, syslog, raw kmsg) instead of /dev/kmsg.")
    Path dmesgFile;

    @Option(names = "--kmemleak-file", paramLabel = "FILE",
            description = "Read a saved kmemleak report from FILE instead of debugfs.")
    Path kmemleakFile;

    @Option(names = "--read-only", description = "Never write to the kernel (refuse kmemleak scan and clear).")
    Boolean readOnly;

    private SourceOptions parent() { return Inherit.parentMixin(mixee, SourceOptions.class); }

    Path root() {
        if (root != null) return root;
        SourceOptions p = parent();
        return p == null ? null : p.root();
    }

    Path dmesgFile() {
        if (dmesgFile != null) return dmesgFile;
        SourceOptions p = parent();
        return p == null ? null : p.dmesgFile();
    }

    Path kmemleakFile() {
        if (kmemleakFile != null) return kmemleakFile;
        SourceOptions p = parent();
        return p == null ? null : p.kmemleakFile();
    }

    Path seriesFile() {
        if (series != null) return series;
        SourceOptions p = parent();
        return p == null ? null : p.seriesFile();
    }

    /** The series replayed, opened on first use; null without {@code --series}. */
    private SeriesPlayer player;

    /**
     * The captured series of {@code --series}, one per session, or null; one that cannot be
     * opened is a runtime failure naming it.
     */
    SeriesPlayer series() {
        if (player != null) return player;
        SourceOptions p = parent();
        if (series == null && p != null) return p.series();
        if (series == null) return null;
        Path r = root();
        if (r != null && !java.nio.file.Files.isDirectory(r)) throw new UsageError("--root " + r + ": not a directory");
        try {
            return player = SeriesPlayer.open(series, r);
        } catch (SourceException e) {
            throw new RuntimeFailure("--series " + e.path() + ": " + e.reason()
                    + (e.fix().isEmpty() ? "" : " (" + e.fix() + ")"), e);
        }
    }

    boolean readOnly() {
        if (readOnly != null) return readOnly;
        SourceOptions p = parent();
        return p != null && p.readOnly();
    }

    /** The session's one file layer, made on first use. */
    private KernelFs fs;

    /**
     * The rooted file layer, one per session (the sampler, the kernel log, kmemleak and the
     * screen's keys all read through the same one); a root that is not a directory is a
     * usage error.
     */
    KernelFs fs() {
        if (fs != null) return fs;
        SeriesPlayer sp = series();
        if (sp != null) return fs = sp.fs();
        Path r = root();
        if (r == null) return fs = KernelFs.live();
        if (!java.nio.file.Files.isDirectory(r)) {
            throw new UsageError("--root " + r + ": not a directory");
        }
        return fs = new KernelFs(r);
    }
}
