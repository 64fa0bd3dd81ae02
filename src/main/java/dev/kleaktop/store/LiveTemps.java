package dev.kleaktop.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;

/**
 * The temporary files being written in this JVM, removed by a shutdown hook when a signal
 * stops it mid-write. The one piece of JVM-wide state here, because shutdown hooks and
 * signals are JVM-wide; guarded by {@link #LOCK}, under which each file is created,
 * published or removed, so that a file is either published or removed, never both.
 */
final class LiveTemps {
    static final Object LOCK = new Object();
    static final Set<DirWriter.Temp> TEMPS = new HashSet<>();
    static boolean exiting;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveTemps::removeAll, "kleaktop-temp-cleanup"));
        } catch (IllegalStateException shuttingDown) {
            exiting = true;
        }
    }

    private LiveTemps() {}

    static DirWriter.Temp create(DirWriter w, String name, Set<PosixFilePermission> mode) throws IOException {
        synchronized (LOCK) {
            if (exiting) throw new FileSystemException(w.path(name).toString(), null, "not written: kleaktop is exiting");
            DirWriter.Temp t = w.tryCreate(name, mode);
            TEMPS.add(t);
            return t;
        }
    }

    static boolean publish(DirWriter.Temp t, String target, boolean replace) throws IOException {
        synchronized (LOCK) {
            if (exiting) {
                throw new FileSystemException(t.path().getParent().resolve(target).toString(), null,
                        "not written: kleaktop is exiting");
            }
            if (t.gone) throw new IllegalStateException("closed");
            boolean done = t.doPublish(target, replace);
            if (done) TEMPS.remove(t);
            return done;
        }
    }

    static void close(DirWriter.Temp t) {
        synchronized (LOCK) {
            TEMPS.remove(t);
            if (!t.published) t.removeName();
        }
    }

    static void removeAll() {
        synchronized (LOCK) {
            exiting = true;
            for (DirWriter.Temp t : TEMPS) t.removeName();
            TEMPS.clear();
        }
    }
}
