package dev.kleaktop.cli;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.store.SnapshotException;
import dev.kleaktop.store.SnapshotStore;
import dev.kleaktop.view.DiffColumn;
import dev.kleaktop.view.table.Table;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.DiffJson;
import dev.kleaktop.view.batch.DiffText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kleaktop diff OLD [NEW]}: what changed between two snapshots, or between a snapshot
 * and the kernel now. Both are loaded in full before anything is printed, so a damaged file
 * gives one error line and no partial diff.
 */
@Command(name = "diff", sortOptions = false, usageHelpWidth = 80,
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Compare two snapshots, or a snapshot with the live system.",
        description = "Compare snapshot OLD with snapshot NEW, or with the live system (or --root) when NEW is"
            + " omitted: caches ranked by growth in bytes, with the change in objects and the average rate;"
            + " caches new or gone; meminfo changes; new kmemleak groups and OOM events; warnings when the"
            + " host, kernel or boot differ. A file name without a directory is also looked up in the"
            + " snapshot directory.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:compared", "1:a snapshot is missing, unreadable or corrupt, or the live system is unreadable",
            "2:a usage error"})
final class DiffCommand implements Callable<Integer> {
    static final int DEFAULT_TEXT_TOP = 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier snapshot file.")
    Path oldFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW",
            description = "The later snapshot file (default: sample the live system, or --root, now).")
    Path newFile;

    @Option(names = "--top", paramLabel = "N", description = "Show the first N caches (default 20 in text, all in json).")
    Integer top;

    @Option(names = {"-f", "--filter"}, paramLabel = "REGEX",
            description = "Only caches whose name or alias matches REGEX (case-insensitive).")
    String filter;

    @Mixin
    SourceOptions source;

    @Mixin
    StoreOptions store;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BatchFormat format = output.format();
        if (format == BatchFormat.CSV) throw new UsageError("diff: --format csv is not supported (text or json)");
        if (top != null && top < 1) throw new UsageError("--top: must be 1 or more, not " + top);
        Table<CacheDelta, DiffColumn> table = new Table<>(DiffColumn.SPEC);
        String f = filter();
        try {
            table.filter(f);
        } catch (PatternSyntaxException e) {
            throw new UsageError("-f/--filter: invalid regular expression '" + f + "': " + e.getDescription());
        }

        Path oldPath = resolve(oldFile);
        Snapshot old = load(oldPath);
        Snapshot neu;
        String newLabel;
        Path newPath = null;
        if (newFile != null) {
            newPath = resolve(newFile);
            neu = load(newPath);
            newLabel = newPath.toString();
        } else {
            KernelFs fs = source.fs();
            neu = SnapshotCommand.take(source, fs);
            SnapshotCommand.failIfUnreadable(neu, SourceId.DMESG_FILE.id(), source.dmesgFile());
            SnapshotCommand.failIfUnreadable(neu, SourceId.KMEMLEAK.id(), source.kmemleakFile());
            if (neu.sample().sources().get(SourceId.SLABINFO.id()) instanceof SourceState.Unavailable u) {
                throw new RuntimeFailure(SnapshotCommand.what(fs, KernelFs.SLABINFO, u) + "; nothing to compare with");
            }
            newLabel = fs.isLive() ? "the live system (now)" : "the tree " + fs.root() + " (read now)";
        }

        SnapshotDiff diff = SnapshotDiff.compute(old, neu);
        List<CacheDelta> rows = table.apply(diff.caches());
        int limit = top != null ? top : format == BatchFormat.JSON ? Integer.MAX_VALUE : DEFAULT_TEXT_TOP;
        int hidden = Math.max(0, rows.size() - limit);
        if (hidden > 0) rows = rows.subList(0, limit);
        if (format == BatchFormat.JSON) {
            DiffJson.write(diff, rows, oldPath.toString(), newPath == null ? null : newPath.toString(), out);
        } else {
            DiffText.write(diff, rows, hidden, oldPath.toString(), newLabel, SystemZone.get(), out);
        }
        return 0;
    }

    private String filter() {
        if (filter != null) return filter;
        SamplingOptions p = Inherit.parentMixin(spec, SamplingOptions.class);
        return p == null ? null : p.filter();
    }

    /** A bare file name that is not in the working directory is looked up in the snapshot directory. */
    private Path resolve(Path p) {
        if (Files.exists(p) || p.isAbsolute() || p.getNameCount() != 1) return p;
        Path inDir = store.snapshotDir().resolve(p);
        return Files.exists(inDir) ? inDir : p;
    }

    private static Snapshot load(Path p) {
        try {
            return SnapshotStore.load(p);
        } catch (SnapshotException e) {
            throw new RuntimeFailure(Text.escape(e.getMessage()), e);
        }
    }
}
