package dev.kleaktop.source.kmsg;

import java.io.Closeable;
import java.io.IOException;

/** One record per call, blocking until there is one; null at the end of the source. */
interface RecordSource extends Closeable {
    /** A record is at most about 8 KiB (CONSOLE_EXT_LOG_MAX); a shorter buffer gets EINVAL. */
    int RECORD_BUFFER = 16 * 1024;

    /**
     * Returned by a source's {@link #next()}, once, when the device says it has nothing more
     * to read: the history present at open has been read. Compared by identity.
     */
    @SuppressWarnings("StringOperationCanBeSimplified")
    String HISTORY_END = new String("end of the history");

    String next() throws IOException;
}
