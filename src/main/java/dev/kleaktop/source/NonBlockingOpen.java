package dev.kleaktop.source;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Set;

/**
 * open(2) for reading with O_NONBLOCK, which neither java.io nor NIO can ask for. A file is
 * checked to be regular before it is opened, but a tree writable by someone else can swap it
 * for a FIFO in between, and a plain open of a FIFO waits for a writer forever; opened
 * non-blocking it returns at once (and reads end, or fail, instead of waiting). On a regular
 * file, and on the files of /proc, /sys and debugfs, the flag changes nothing.
 *
 * <p>This is the JDK's own open ({@code sun.nio.fs.UnixNativeDispatcher}), reached by
 * reflection where the launcher, the jar's manifest and the tests open that package to
 * kleaktop ({@code --add-opens java.base/sun.nio.fs}); the descriptor is wrapped by
 * {@code sun.nio.ch.IOUtil}, exported for /dev/kmsg already. Where either is missing (another
 * JVM, or a launcher without the option), {@link #read} answers null and the caller opens as
 * before, after its check.
 */
final class NonBlockingOpen {
    private static final int O_RDONLY = 0;
    /** The generic Linux values (x86, ARM, RISC-V, PowerPC, s390); Alpha, MIPS, SPARC and PA-RISC differ. */
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final Set<String> GENERIC_ARCHES = Set.of("amd64", "x86_64", "x86", "i386", "i686", "aarch64",
            "arm", "riscv64", "ppc64le", "ppc64", "s390x");

    private NonBlockingOpen() {}

    /** Made on first use: the reflection costs a few class loads, once. */
    private static final class Holder {
        static final Method OPEN;
        static final Method RETHROW;
        static final Method NEW_FD;
        static final Method CLOSE;
        static final Class<?> UNIX_PATH;

        static {
            Method open = null;
            Method rethrow = null;
            Method newFd = null;
            Method close = null;
            Class<?> unixPath = null;
            try {
                if ("Linux".equals(System.getProperty("os.name")) && GENERIC_ARCHES.contains(System.getProperty("os.arch"))) {
                    unixPath = Class.forName("sun.nio.fs.UnixPath");
                    Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
                    Class<?> unixException = Class.forName("sun.nio.fs.UnixException");
                    Method o = dispatcher.getDeclaredMethod("open", unixPath, int.class, int.class);
                    Method r = unixException.getDeclaredMethod("rethrowAsIOException", unixPath);
                    Method n = Class.forName("sun.nio.ch.IOUtil").getMethod("newFD", int.class);
                    Method c = dispatcher.getDeclaredMethod("close", int.class);
                    o.setAccessible(true);
                    r.setAccessible(true);
                    c.setAccessible(true);
                    close = c;
                    open = o;
                    rethrow = r;
                    newFd = n;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                open = null;  // not opened to us (InaccessibleObjectException), or another JDK
            }
            OPEN = open;
            RETHROW = rethrow;
            NEW_FD = newFd;
            CLOSE = close;
            UNIX_PATH = unixPath;
        }
    }

    /** Whether {@link #read} opens non-blocking here. */
    static boolean available() { return Holder.OPEN != null; }

    /**
     * Opens {@code p} for reading with O_NONBLOCK, or null when that cannot be asked for here.
     *
     * @throws IOException the open's failure as NIO names it ({@code NoSuchFileException}, ...)
     */
    static FileInputStream read(Path p) throws IOException {
        if (Holder.OPEN == null || !Holder.UNIX_PATH.isInstance(p)) return null;
        int fd;
        try {
            fd = (Integer) Holder.OPEN.invoke(null, p, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
        } catch (InvocationTargetException e) {
            throw rethrown(e.getCause(), p);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
        try {
            return new FileInputStream((FileDescriptor) Holder.NEW_FD.invoke(null, fd));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // cannot happen once newFD was found; the descriptor must not leak if it does
            try {
                Holder.CLOSE.invoke(null, fd);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // nothing more to do
            }
            return null;
        }
    }

    /** The JDK's own translation of an errno into NIO's typed exceptions. */
    private static IOException rethrown(Throwable unix, Path p) {
        try {
            Holder.RETHROW.invoke(unix, p);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) return io;
        } catch (IllegalAccessException | RuntimeException e) {
            // below
        }
        return new IOException(unix == null || unix.getMessage() == null ? "cannot open" : unix.getMessage(), unix);
    }
}
