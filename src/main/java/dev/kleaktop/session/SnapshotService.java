package dev.kleaktop.session;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.store.SnapshotException;
import dev.kleaktop.store.SnapshotDir;
import dev.kleaktop.store.SnapshotStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Snapshots of a running session over one directory ({@code --snapshot-dir}): save the frame
 * shown, as {@code kleaktop snapshot} would save the same state; list the directory; compare a
 * saved file with the frame. The frame is in memory already, so none of them reads the kernel
 * again; all of them do file I/O (callers that must stay responsive run them elsewhere).
 */
public final class SnapshotService {
    /** Why a frame cannot be saved or compared, as one line. */
    public static final class Refused extends Exception {
        Refused(String why) { super(why); }
    }

    /**
     * A comparison of a saved snapshot with the live frame.
     *
     * @param oldLabel the saved side: its file name when it is in the directory, else its path
     * @param newLabel the live side ({@code the live system}, {@code the tree DIR})
     */
    public record Compared(String oldLabel, String newLabel, SnapshotDiff diff) {}

    private final KernelFs fs;
    private final Path dir;
    private final SnapshotStore store;

    /**
     * @param fs             the tree the session reads (named in each snapshot, and the live side's label)
     * @param dir            where snapshots are saved and listed
     * @param allowUnsafeDir save even when another user could swap the file ({@code --allow-unsafe-dir})
     */
    public SnapshotService(KernelFs fs, Path dir, boolean allowUnsafeDir) {
        this.fs = fs;
        this.dir = dir;
        this.store = new SnapshotStore(allowUnsafeDir);
    }

    public Path dir() { return dir; }

    /** Saves {@code live}; returns the file written. */
    public Path save(Frame live) throws Refused, SnapshotException {
        return store.save(Snapshots.of(usable(live, "no snapshot written"), fs), dir);
    }

    /** The directory's snapshots, newest first, usable or not. */
    public List<SnapshotDir.Listing> list() throws SnapshotException {
        return SnapshotDir.list(dir);
    }

    /** Compares the snapshot in {@code file} with {@code live}. */
    public Compared diff(Path file, Frame live) throws Refused, SnapshotException {
        Frame f = usable(live, "nothing to compare with");
        Snapshot old = SnapshotStore.load(file);
        SnapshotDiff d = SnapshotDiff.compute(old, Snapshots.of(f, fs));
        // The directory is the one the list showed; the name is what tells snapshots apart.
        String oldLabel = file.getParent() != null && file.getParent().equals(dir) ? file.getFileName().toString()
                : file.toString();
        return new Compared(oldLabel, fs.isLive() ? "the live system" : "the tree " + fs.root(), d);
    }

    /** The frame, when it has slab caches to save or compare. */
    private Frame usable(Frame live, String consequence) throws Refused {
        if (live == null) throw new Refused("no sample taken yet; " + consequence);
        if (live.sources().get(SourceId.SLABINFO.id()) instanceof SourceState.Unavailable u) {
            throw new Refused(fs.display(KernelFs.SLABINFO) + ": " + u.describe() + "; " + consequence);
        }
        return live;
    }
}
