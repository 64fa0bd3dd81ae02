package dev.kleaktop.model;

/**
 * Whether a kernel source could be read. Every output has to handle both cases, which is
 * why this is sealed: an unavailable source is a state shown to the user, never an
 * exception that stops the rest.
 */
public sealed interface SourceState {

    /** The source was read. */
    record Ok() implements SourceState {}

    /**
     * The source could not be read.
     *
     * @param reason what is wrong, e.g. "permission denied (needs root)"
     * @param fix    what the user can do about it, or empty
     */
    record Unavailable(String reason, String fix) implements SourceState {
        public Unavailable {
            reason = reason == null ? "unavailable" : reason;
            fix = fix == null ? "" : fix;
        }
    }

    SourceState OK = new Ok();

    static SourceState unavailable(String reason, String fix) { return new Unavailable(reason, fix); }

    default boolean ok() { return this instanceof Ok; }

    /** {@code ok}, or the reason with its fix, as printed in the {@code sources} part. */
    default String describe() {
        if (this instanceof Unavailable u) {
            return u.fix().isEmpty() ? u.reason() : u.reason() + " (" + u.fix() + ")";
        }
        return "ok";
    }
}
