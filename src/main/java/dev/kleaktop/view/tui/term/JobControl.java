package dev.kleaktop.view.tui.term;

/**
 * Ctrl-Z on the screen. The terminal's suspend key sends SIGTSTP, whose default action stops
 * the process at once, leaving the shell a terminal in raw mode on the alternate screen. With
 * the handler installed, SIGTSTP only asks the screen loop to give the terminal back (its
 * modes and the normal screen) and then stop the process with SIGSTOP (sent by kill(1)); when the shell resumes
 * it ({@code fg}, SIGCONT), the loop takes the terminal again and redraws everything.
 *
 * <p>The handler is installed through {@link Signals}; where signals cannot be caught, Ctrl-Z
 * keeps its default action.
 */
public final class JobControl {
    private JobControl() {}

    /** Runs {@code onSuspend} (on a signal thread) at each SIGTSTP; false when it cannot be caught. */
    public static boolean onSuspendKey(Runnable onSuspend) {
        return Signals.handle("TSTP", onSuspend);
    }

    /**
     * Stops this process until it is continued; false if it could not. SIGSTOP, which cannot be
     * caught: the JVM only raises signals it has a handler for, so kill(1) sends it; this
     * returns once the process is continued.
     */
    public static boolean stopSelf() {
        try {
            Process p = new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
