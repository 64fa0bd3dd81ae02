package dev.kleaktop.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The temporary files being written in this JVM, removed by a shutdown hook when a signal
 * stops it mid-write. The one piece of JVM-wide state here, because shutdown hooks and
 * signals are JVM-wide; guarded by {@link #LOCK}, under which each file is created,
 * published or removed, so that a file is either published or removed, never both.
 *
 * <p>A file is known here only by how its name is removed (a {@link Runnable}, one per file),
 * so that this class needs nothing of the writer that uses it.
 */
final class LiveTemps {
    /** A step taken under the lock. */
    interface Step<T> {
        T run() throws IOException;
    }

    static final Object LOCK = new Object();
    static final Set<Runnable> TEMPS = new HashSet<>();
    static boolean exiting;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveTemps::removeAll, "kleaktop-temp-cleanup"));
        } catch (IllegalStateException shuttingDown) {
            exiting = true;
        }
    }

    private LiveTemps() {}

    /** Creates a file by {@code make} unless the JVM is exiting; {@code removal} tells how its name goes. */
    static <T> T create(Path shown, Step<T> make, Function<T, Runnable> removal) throws IOException {
        synchronized (LOCK) {
            if (exiting) throw exiting(shown);
            T t = make.run();
            TEMPS.add(removal.apply(t));
            return t;
        }
    }

    /** Publishes by {@code step} unless the JVM is exiting; a published file is no longer removed on exit. */
    static boolean publish(Runnable removal, Path shown, Step<Boolean> step) throws IOException {
        synchronized (LOCK) {
            if (exiting) throw exiting(shown);
            boolean done = step.run();
            if (done) TEMPS.remove(removal);
            return done;
        }
    }

    /** Forgets the file, then takes {@code step} (which removes its name unless published). */
    static void close(Runnable removal, Runnable step) {
        synchronized (LOCK) {
            TEMPS.remove(removal);
            step.run();
        }
    }

    static void removeAll() {
        synchronized (LOCK) {
            exiting = true;
            for (Runnable r : TEMPS) r.run();
            TEMPS.clear();
        }
    }

    private static FileSystemException exiting(Path shown) {
        return new FileSystemException(shown.toString(), null, "not written: kleaktop is exiting");
    }
}
