package dev.kleaktop.source;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/** The kernel page size: the running JVM's for the live box, 4096 for a captured tree. */
final class PageSize {
    static final long DEFAULT = 4096;

    private PageSize() {}

    static long of(KernelFs fs) {
        // A captured tree may record it (kleaktop's own captures do); otherwise assume 4 KiB.
        var recorded = fs.readLine("page_size").map(SlabSysfs::leadingNumber);
        if (recorded.isPresent() && recorded.get() != null && recorded.get() > 0) return recorded.get();
        return fs.isLive() ? live() : DEFAULT;
    }

    private static long live() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            Method m = unsafeClass.getMethod("pageSize");
            return ((Number) m.invoke(unsafe)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return DEFAULT;
        }
    }
}
