package dev.kleaktop.view.tui.term;

/**
 * Catches a POSIX signal with {@code sun.misc.Signal} (module jdk.unsupported, which every JDK
 * since 9 has and exports to every application): Java has no public API for signals. Used
 * directly, not through reflection and a dynamic proxy as Lanterna does: generating the proxy
 * class alone cost milliseconds of the screen's start-up. The compiler warns that the API is
 * internal; it has been kept for that reason, for applications like this one.
 */
final class Signals {
    private Signals() {}

    /**
     * Runs {@code action} (on a signal thread of the JVM) whenever signal {@code name} (e.g.
     * {@code "WINCH"}) arrives; false when it cannot be caught here (no such signal on this
     * system, the JVM uses it itself, or this JVM has no {@code sun.misc.Signal}).
     */
    static boolean handle(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
