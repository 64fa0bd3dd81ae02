package dev.kleaktop.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Shared options are accepted before or after the subcommand ({@code kleaktop --root X
 * snapshot} and {@code kleaktop snapshot --root X}): each command mixes in the option group,
 * and a value not given on the subcommand is looked up on its parents.
 */
final class Inherit {
    private Inherit() {}

    /** The same mixin type on the nearest parent command, or null. */
    static <T> T parentMixin(CommandSpec mixee, Class<T> type) {
        if (mixee == null) return null;
        for (CommandSpec p = mixee.parent(); p != null; p = p.parent()) {
            for (CommandSpec m : p.mixins().values()) {
                if (type.isInstance(m.userObject())) return type.cast(m.userObject());
            }
        }
        return null;
    }
}
