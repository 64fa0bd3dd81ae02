package dev.kleaktop.source;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The kernel page size: the running kernel's for the live box, 4096 for a captured tree. */
final class PageSize {
    static final long DEFAULT = 4096;
    /** The auxiliary vector entry that holds the page size ({@code AT_PAGESZ} in elf.h). */
    static final long AT_PAGESZ = 6;
    /** The most read of /proc/self/auxv. */
    static final int MAX_AUXV = 64 << 10;

    private PageSize() {}

    static long of(KernelFs fs) {
        // A captured tree may record it (kleaktop's own captures do); otherwise assume 4 KiB.
        // A recorded size that no kernel has (2^63-1, 3000) is refused like a missing one: it
        // would multiply every cache's size out of range.
        var recorded = fs.readLine("page_size").map(SlabSysfs::leadingNumber);
        if (recorded.isPresent() && recorded.get() != null && plausible(recorded.get())) return recorded.get();
        return fs.isLive() ? live() : DEFAULT;
    }

    /**
     * The page size the kernel handed this process in its auxiliary vector
     * (/proc/self/auxv): one small read, where asking the JVM (sun.misc.Unsafe through
     * reflection) costs several milliseconds of class loading at start.
     */
    private static long live() {
        byte[] b = new byte[1024];
        int n = 0;
        try (InputStream in = new FileInputStream("/proc/self/auxv")) {
            int r;
            while ((r = in.read(b, n, b.length - n)) > 0) {
                n += r;
                if (n == b.length) {
                    // a few hundred bytes on any kernel; bounded like every other read
                    if (n >= MAX_AUXV) return DEFAULT;
                    b = java.util.Arrays.copyOf(b, n * 2);
                }
            }
        } catch (IOException e) {
            return DEFAULT;
        }
        return fromAuxv(b, n, wordSize(), ByteOrder.nativeOrder());
    }

    /** A power of two between 1 KiB and 1 MiB: every page size Linux has (4K, 16K, 64K, ...). */
    static boolean plausible(long value) {
        return value >= 1024 && value <= (1 << 20) && Long.bitCount(value) == 1;
    }

    /** 8 on 64-bit JVMs, 4 on 32-bit ones: the width of each auxv field. */
    private static int wordSize() {
        return "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
    }

    /**
     * {@code AT_PAGESZ} from an auxiliary vector: (type, value) pairs of machine words, ended
     * by type 0. {@link #DEFAULT} when it is missing or implausible.
     */
    static long fromAuxv(byte[] b, int length, int word, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, length).order(order);
        while (buf.remaining() >= 2 * word) {
            long type = word == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
            long value = word == 8 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
            if (type == 0) break;
            if (type == AT_PAGESZ) {
                // a power of two between 1 KiB and 1 MiB, or not a page size
                return plausible(value) ? value : DEFAULT;
            }
        }
        return DEFAULT;
    }
}
