package dev.kleaktop.store;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of an open file's descriptor and the effective uid, which Java does not give:
 * the descriptor through the JDK's own FileChannel (its field, opened to kleaktop by
 * {@code --add-opens java.base/sun.nio.ch}: the jar's manifest and bin/kleaktop give it).
 */
final class Fds {
    private static final Field FD;
    private static final Method FD_VAL;

    static {
        Field f = null;
        Method m = null;
        try {
            Class<?> impl = Class.forName("sun.nio.ch.FileChannelImpl");
            f = impl.getDeclaredField("fd");
            f.setAccessible(true);
            m = Class.forName("sun.nio.ch.IOUtil").getMethod("fdVal", FileDescriptor.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = null;
            m = null;
        }
        FD = f;
        FD_VAL = m;
    }

    private Fds() {}

    static int of(FileChannel ch, Path what) throws IOException {
        if (FD != null && FD.getDeclaringClass().isInstance(ch)) {
            try {
                return (Integer) FD_VAL.invoke(null, FD.get(ch));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // said below
            }
        }
        throw new FileSystemException(what.toString(), null, "cannot write safely: this JVM does not let kleaktop"
                + " use the file's descriptor (start it with --add-opens java.base/sun.nio.ch=ALL-UNNAMED,"
                + " as bin/kleaktop does)");
    }

    /** The effective uid: the owner the kernel gives this process's /proc entry. */
    static int euid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
