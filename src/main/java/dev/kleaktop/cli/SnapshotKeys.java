package dev.kleaktop.cli;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.store.SnapshotStore;
import dev.kleaktop.view.Choice;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.tui.SnapshotActions;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The screen's {@code S} and {@code D} over the snapshot directory ({@code --snapshot-dir}):
 * S saves the frame the screen was last given, as {@code kleaktop snapshot} would save the
 * same state; D lists the directory and compares a chosen file with that frame. The frame is
 * already in memory, so neither reads the kernel again; both run on the screen's background
 * thread, as {@link SnapshotActions} asks.
 */
final class SnapshotKeys implements SnapshotActions {
    /** Made when the list is first shown, not with the screen (a date pattern costs milliseconds to build). */
    private static final class Formats {
        static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    }

    private final KernelFs fs;
    private final Path dir;
    private final ZoneId zone;
    private final SnapshotStore store;

    /**
     * @param fs    the tree the screen reads (named in each snapshot, and the live side's label)
     * @param dir   where snapshots are saved and listed
     * @param allowUnsafeDir save even when another user could swap the file ({@code --allow-unsafe-dir})
     * @param zone  for the times of the list (the ages are the screen's, counted at every draw)
     */
    SnapshotKeys(KernelFs fs, Path dir, boolean allowUnsafeDir, ZoneId zone) {
        this.fs = fs;
        this.dir = dir;
        this.store = new SnapshotStore(allowUnsafeDir);
        this.zone = zone;
    }

    @Override
    public String unavailable() { return null; }

    @Override
    public String save(Frame live) throws Exception {
        Snapshot s = Snapshots.of(usable(live, "no snapshot written"), fs);
        return "snapshot saved: " + store.save(s, dir);
    }

    @Override
    public List<Choice> list() throws Exception {
        List<SnapshotStore.Listing> all = SnapshotStore.list(dir);
        int hostWidth = 0;
        for (SnapshotStore.Listing l : all) {
            if (l.ok()) hostWidth = Math.max(hostWidth, host(l).length());
        }
        List<Choice> out = new ArrayList<>(all.size());
        for (SnapshotStore.Listing l : all) {
            String file = Text.escape(l.path().getFileName().toString());
            String key = l.path().toString();
            // when, where, how long ago (counted by the screen at every draw), which file
            out.add(l.ok()
                    ? new Choice(key, Formats.WHEN.format(l.time().atZone(zone)) + "  " + Text.padRight(host(l), hostWidth) + "  ",
                            l.time(), "  " + file)
                    : new Choice(key, Text.padRight("unusable", 16) + "  " + file + ": " + Text.escape(l.problem())));
        }
        return out;
    }

    @Override
    public String noneSaved() { return "no snapshots in " + dir + " yet: S saves one"; }

    @Override
    public DiffView diff(Choice chosen, Frame live) throws Exception {
        Frame f = usable(live, "nothing to compare with");
        Path file = Path.of(chosen.key());
        Snapshot old = SnapshotStore.load(file);
        SnapshotDiff d = SnapshotDiff.compute(old, Snapshots.of(f, fs));
        // The directory is the one the list showed; the name is what tells snapshots apart.
        String oldLabel = file.getParent() != null && file.getParent().equals(dir) ? file.getFileName().toString() : chosen.key();
        return new DiffView(oldLabel, fs.isLive() ? "the live system" : "the tree " + fs.root(), d);
    }

    /** The frame, when it has slab caches to save or compare. */
    private Frame usable(Frame live, String consequence) throws Exception {
        if (live == null) throw new Exception("no sample taken yet; " + consequence);
        if (live.sources().get(Sampler.SRC_SLABINFO) instanceof SourceState.Unavailable u) {
            throw new Exception(fs.display(KernelFs.SLABINFO) + ": " + u.describe() + "; " + consequence);
        }
        return live;
    }

    private static String host(SnapshotStore.Listing l) { return Text.escape(l.host() == null ? "?" : l.host()); }
}
