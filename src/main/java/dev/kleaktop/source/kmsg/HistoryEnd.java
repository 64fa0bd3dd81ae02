package dev.kleaktop.source.kmsg;

import dev.kleaktop.source.KernelFs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Where the history of a live device ends when the device cannot say so itself (it could not
 * be read non-blocking): the reader thread is asleep in the kernel's {@value #KMSG_WAIT}
 * (its {@code /proc/self/task/TID/wchan} says so: one small read), or, where the kernel does
 * not name it, the thread has waited the settle time with nothing to read. The reader thread
 * reports each read here; the consumer asks {@link #waitingInRead()}.
 */
final class HistoryEnd {
    /** Where the kernel puts a reader of /dev/kmsg to sleep when there is nothing to read. */
    static final String KMSG_WAIT = "devkmsg_read";

    private final LongSupplier nanoTime;
    private final long settleNanos;
    private volatile long lastReadNanos;
    private volatile boolean inRead;
    /** Reads started by the reader thread: a read that returned changes it. */
    private volatile long readsStarted;
    /** Whether the reader thread is asleep in the device's read right now. */
    private BooleanSupplier asleep = this::asleepInKernelRead;
    /** The reader thread's Linux thread id (for its wchan), 0 when unknown. */
    private volatile int readerTid;

    HistoryEnd(LongSupplier nanoTime, long settleNanos) {
        this.nanoTime = nanoTime;
        this.settleNanos = settleNanos;
        this.lastReadNanos = nanoTime.getAsLong();
    }

    /** Replaces how "asleep in the device's read" is told (tests with fake devices). */
    void asleepWhen(BooleanSupplier p) { this.asleep = p; }

    /** By the reader thread before its first read: its thread id, for its wchan. */
    void onReaderThread() { readerTid = ownTid(); }

    /** By the reader thread as it starts a read. */
    void readStarts() {
        readsStarted++;
        inRead = true;
    }

    /** By the reader thread when a read returned or failed, and when it stops. */
    void readEnds() { inRead = false; }

    /** By the reader thread when a read returned something (a record, the end, the history's end). */
    void readReturned() { lastReadNanos = nanoTime.getAsLong(); }

    /** Whether the reader thread waits in a read: asleep in the device's read, or quiet for the settle time. */
    boolean waitingInRead() {
        if (!inRead) return false;
        return asleep.getAsBoolean() || nanoTime.getAsLong() - lastReadNanos > settleNanos;
    }

    /**
     * Whether the reader thread sleeps in the kernel's {@value #KMSG_WAIT} within a read that
     * has not returned: checked by its wchan, with the count of reads unchanged around it so a
     * read that returned in between does not count. False where the kernel does not name it.
     */
    private boolean asleepInKernelRead() {
        int tid = readerTid;
        if (tid <= 0) return false;
        long before = readsStarted;
        // this process's own /proc, whatever tree the reader reads
        String wchan = KernelFs.live().readLine("/proc/self/task/" + tid + "/wchan").orElse("");
        return KMSG_WAIT.equals(wchan) && inRead && readsStarted == before;
    }

    /** The calling thread's Linux thread id, from the /proc/thread-self link; 0 when unknown. */
    static int ownTid() {
        try {
            String s = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(s.substring(s.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
