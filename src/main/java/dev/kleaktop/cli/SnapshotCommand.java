package dev.kleaktop.cli;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.session.KernelLog;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.store.SnapshotException;
import dev.kleaktop.store.SnapshotStore;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.JsonText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kleaktop snapshot}: reads the kernel (or a captured tree) once and saves it. Without
 * slab caches a snapshot cannot show growth, so an unreadable /proc/slabinfo fails the
 * command; missing meminfo only warns; a kmemleak report or kernel log that is not there
 * (no debugfs, not root) is recorded in the snapshot's {@code sources}, unless the user named
 * the file ({@code --kmemleak-file}, {@code --dmesg-file}): then it must be readable.
 */
@Command(name = "snapshot", sortOptions = false, usageHelpWidth = 80,
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Save a snapshot of the kernel memory state now; print its path.",
        description = "Save a snapshot of the kernel's memory state now (raw slabinfo, meminfo, kmemleak and OOM"
            + " events) and print the path written. The file is written atomically, mode 0600, and never"
            + " replaces an existing file unless --force is given (and then only a regular file). A directory"
            + " that another user could tamper with is refused unless --allow-unsafe-dir is given.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "1:slabinfo unreadable, or the file could not be written", "2:a usage error"})
final class SnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE instead of a new file in the snapshot directory.")
    Path output;

    @Option(names = "--force", description = "Replace FILE if it exists and is a regular file.")
    boolean force;

    @Mixin
    SourceOptions source;

    @Mixin
    StoreOptions store;

    @Mixin
    WriteOptions write;

    @Mixin
    OutputOptions outputOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BatchFormat format = outputOptions.format();
        if (format == BatchFormat.CSV) throw new UsageError("snapshot: --format csv is not supported (text or json)");
        KernelFs fs = source.fs();
        Snapshot snap = take(source, fs);
        failIfUnreadable(snap, SourceId.DMESG_FILE.id(), source.dmesgFile());
        failIfUnreadable(snap, SourceId.KMEMLEAK.id(), source.kmemleakFile());
        SourceState slab = snap.sample().sources().get(SourceId.SLABINFO.id());
        if (slab instanceof SourceState.Unavailable u) {
            throw new RuntimeFailure(what(fs, KernelFs.SLABINFO, u) + "; no snapshot written");
        }
        if (snap.sample().sources().get(SourceId.MEMINFO.id()) instanceof SourceState.Unavailable u) {
            err.println("kleaktop: " + what(fs, KernelFs.MEMINFO, u) + "; the snapshot has no meminfo");
        }
        if (snap.sample().slab().truncated()) {
            err.println("kleaktop: " + fs.display(KernelFs.SLABINFO)
                    + ": its last line was cut short; that cache is missing from the snapshot");
        }
        err.flush();
        Path written;
        try {
            SnapshotStore st = new SnapshotStore(write.allowUnsafeDir());
            written = output != null ? st.write(snap, output, force) : st.save(snap, store.snapshotDir());
        } catch (SnapshotException e) {
            throw new RuntimeFailure(Text.escape(e.getMessage()), e);
        }
        if (format == BatchFormat.JSON) {
            out.println(JsonText.write(Map.of("path", written.toString())));
        } else {
            out.println(Text.escape(written.toString())); // the user's -o, shown as every name is
        }
        out.flush();
        return 0;
    }

    /** One full read of the kernel (or tree) with the log and kmemleak the options name. */
    static Snapshot take(SourceOptions source, KernelFs fs) {
        Clock clock = Clock.systemUTC();
        try (KernelLog log = Sessions.kernelLog(source, clock)) {
            return Snapshots.take(fs, clock, log, Sessions.kmemleak(source, clock, null));
        }
    }

    /** A file the user named (--dmesg-file, --kmemleak-file) must be readable; a default source may be missing. */
    static void failIfUnreadable(Snapshot snap, String sourceName, Path given) {
        String problem = Sessions.namedFileProblem(snap.sample().sources(), sourceName, given);
        if (problem != null) throw new RuntimeFailure(problem);
    }

    /** {@code /proc/slabinfo: permission denied (run as root)}, the reason named once. */
    static String what(KernelFs fs, String rel, SourceState.Unavailable u) {
        String shown = fs.display(rel);
        return Text.escape(u.reason().startsWith(shown) ? u.describe() : shown + ": " + u.describe());
    }
}
