package dev.kleaktop.source.kmsg;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.reflect.Method;

/** O_NONBLOCK on a java.io descriptor, through the JDK's own NIO helper when it is exported to us. */
final class Blocking {
    private static final Method CONFIGURE = find();

    private Blocking() {}

    private static Method find() {
        try {
            return Class.forName("sun.nio.ch.IOUtil")
                    .getMethod("configureBlocking", FileDescriptor.class, boolean.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** True when the descriptor is now blocking as asked; false when it cannot be set. */
    static boolean set(FileInputStream in, boolean blocking) {
        if (CONFIGURE == null) return false;
        try {
            CONFIGURE.invoke(null, in.getFD(), blocking);
            return true;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return false;
        }
    }
}
