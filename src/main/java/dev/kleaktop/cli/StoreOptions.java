package dev.kleaktop.cli;

import dev.kleaktop.store.SnapshotStore;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where snapshots live: shared by the screen ({@code S}, {@code D}), {@code snapshot} and {@code diff}. */
public final class StoreOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--snapshot-dir", paramLabel = "DIR",
            description = "Where snapshots are saved and looked up; created 0700 "
                    + "(default: $XDG_STATE_HOME/kleaktop, else $HOME/.local/state/kleaktop).")
    Path snapshotDir;

    private StoreOptions parent() { return Inherit.parentMixin(mixee, StoreOptions.class); }

    /** The directory given here or on a parent command, else the XDG default. */
    Path snapshotDir() {
        if (snapshotDir != null) return snapshotDir;
        StoreOptions p = parent();
        if (p != null) return p.snapshotDir();
        return SnapshotStore.defaultDir(System::getenv, Path.of(System.getProperty("user.home")));
    }
}
