package dev.kleaktop.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The status line's message. It goes when the next one replaces it, after {@link #TTL}, or as
 * soon as what it says stops being true: each message may come with the condition under which
 * it holds ("the side pane needs a larger terminal" until a resize makes room, "sorted by SIZE"
 * while the table is).
 *
 * <p>A refusal of a key that asks something ({@code C} asks y/n, {@code D} offers a list to
 * pick from with Enter) also remembers the answers that were not asked for: while the refusal
 * is on show, the next key, if it is one of them, does nothing but say so, so a user answering
 * a question that never came does not sort by name ({@code n}) or quit ({@code q}) by accident.
 * Only the next key: any key spends the guard.
 */
final class Status {
    /** A message stays this long unless replaced or no longer true. */
    static final Duration TTL = Duration.ofSeconds(10);

    private static final BooleanSupplier ALWAYS = () -> true;

    /** What answers the y/n of {@code C}: y, n, and Esc or q, which cancel the question. */
    static final Predicate<Key> YES_NO = k -> k.is('y') || k.is('Y') || k.is('n') || k.is('N') || k.is('q')
            || k.kind() == Key.Kind.ESCAPE;
    /** What picks from the list of {@code D}. */
    static final Predicate<Key> PICK = k -> k.kind() == Key.Kind.ENTER;
    /** A key that asks nothing ({@code k}, {@code S}): nothing typed next is held back. */
    static final Predicate<Key> NOTHING = k -> false;

    private final Clock clock;
    private String message;
    private boolean error;
    private Instant at;
    private BooleanSupplier holds = ALWAYS;
    /** The refused key and the answers it would have asked for, or null. */
    private String refusedKey;
    private Predicate<Key> answers;

    Status(Clock clock) {
        this.clock = clock;
    }

    /** A message that holds until replaced or expired. */
    void set(String message, boolean error) {
        set(message, error, ALWAYS);
    }

    /** A message that also goes once {@code holds} turns false. */
    void set(String message, boolean error, BooleanSupplier holds) {
        this.message = message;
        this.error = error;
        this.at = clock.instant();
        this.holds = holds;
        this.refusedKey = null;
        this.answers = null;
    }

    /**
     * Says why {@code key} asked nothing; the next key, if {@code answers} accepts it, is
     * not taken as a command.
     */
    void refuse(String key, String why, boolean error, Predicate<Key> answers) {
        set(why, error);
        this.refusedKey = key;
        this.answers = answers;
    }

    void clear() {
        message = null;
        refusedKey = null;
        answers = null;
    }

    /**
     * Called with every key before it is acted on: true when the key answers the question
     * the last refused key did not ask, with the refusal still on show; the message then says
     * the key was ignored and why. Any key spends the guard.
     */
    boolean swallows(Key k) {
        Predicate<Key> a = answers;
        String refused = refusedKey;
        String why = current();
        answers = null;
        refusedKey = null;
        if (a == null || why == null || !a.test(k)) return false;
        set(name(k) + " ignored (" + refused + " asked nothing): " + why, error);
        return true;
    }

    /** The message on show: null when none, expired or no longer true. */
    String current() {
        if (message == null) return null;
        if (Duration.between(at, clock.instant()).compareTo(TTL) > 0 || !holds.getAsBoolean()) {
            clear();
            return null;
        }
        return message;
    }

    boolean error() { return error; }

    /** A key as the help names it: {@code n}, {@code Enter}. */
    static String name(Key k) {
        switch (k.kind()) {
            case CHAR: return k.ch() == ' ' ? "space" : String.valueOf(k.ch());
            case ENTER: return "Enter";
            case ESCAPE: return "Esc";
            default: return k.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
