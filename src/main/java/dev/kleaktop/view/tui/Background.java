package dev.kleaktop.view.tui;

import dev.kleaktop.view.ScreenState;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs slow work (a kmemleak scan that blocks for minutes, a snapshot write) on one
 * background thread. The outcome comes back as a change to apply to the screen state on
 * the drawing thread, which never waits for the work.
 */
final class Background implements AutoCloseable {
    private final Executor executor;
    private final ExecutorService owned;
    private final Queue<Consumer<ScreenState>> done = new ConcurrentLinkedQueue<>();

    Background() {
        this.owned = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kleaktop-actions");
            // A scan stuck in the kernel must not keep the process alive after q.
            t.setDaemon(true);
            return t;
        });
        this.executor = owned;
    }

    /** Runs work on the given executor (tests use their own). */
    Background(Executor executor) {
        this.executor = executor;
        this.owned = null;
    }

    /**
     * @param what the work in words for an error message, e.g. {@code kmemleak scan}
     * @param work returns the change to make to the state when it is done
     */
    void submit(String what, Callable<Consumer<ScreenState>> work) {
        executor.execute(() -> {
            Consumer<ScreenState> outcome;
            try {
                outcome = work.call();
            } catch (Throwable e) {
                // Errors too (OutOfMemoryError, StackOverflowError): uncaught, one would kill
                // the worker with a stack trace painted over the screen and never finish the
                // action, leaving its mark up and every later action refused as busy. The
                // work's own data is unreachable by now, so the heap has room for the line.
                String msg = what + ": " + why(e);
                outcome = s -> s.finished(msg, true);
            }
            done.add(outcome);
        });
    }

    /** Applies finished work to the state; true if there was any. */
    boolean drain(ScreenState state) {
        boolean any = false;
        Consumer<ScreenState> c;
        while ((c = done.poll()) != null) {
            c.accept(state);
            any = true;
        }
        return any;
    }

    static String why(Throwable e) {
        return dev.kleaktop.view.Failures.why(e, "failed");
    }

    @Override
    public void close() {
        if (owned != null) owned.shutdownNow();
    }
}
