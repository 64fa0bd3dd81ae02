package dev.kleaktop.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How careful writing a file is about its directory: shared by the screen ({@code S}),
 * {@code snapshot} and {@code export --textfile}. kleaktop runs as root, so by default it
 * refuses a directory where another user could swap the file as it is written
 * ({@link dev.kleaktop.store.DirWriter}).
 */
public final class WriteOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--allow-unsafe-dir",
            description = "Write even into a directory that another user owns, or that others can write to"
                    + " and is not sticky (refused by default: they could swap the file as it is written).")
    Boolean allowUnsafeDir;

    private WriteOptions parent() { return Inherit.parentMixin(mixee, WriteOptions.class); }

    /** Given here or on a parent command. */
    boolean allowUnsafeDir() {
        if (allowUnsafeDir != null) return allowUnsafeDir;
        WriteOptions p = parent();
        return p != null && p.allowUnsafeDir();
    }
}
