package dev.kleaktop.source.kmsg;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The live device: one read() per record.
 *
 * <p>The history is read through java.io with the descriptor set non-blocking: a FileChannel
 * read costs about ten times as much per call (thousands of records at start), and the
 * read that finds nothing more says exactly where the history ends ({@link RecordSource#HISTORY_END}).
 * From then on the descriptor blocks again and reads go through the FileChannel of the same
 * descriptor, whose close wakes a read waiting in the kernel; a thread left blocked in a
 * java.io read would hold up the JVM's exit by 300 ms.
 *
 * <p>Setting the descriptor non-blocking needs {@code sun.nio.ch.IOUtil} (exported to
 * kleaktop by its jar's manifest); without it every read goes through the channel and the
 * end of the history is told by the reader's wchan or the settle time.
 */
final class DeviceSource implements RecordSource {
    private final FileInputStream in;
    private final boolean tryNonBlocking;
    private final byte[] buf = new byte[RECORD_BUFFER];
    private volatile FileChannel ch;
    private ByteBuffer direct;
    private boolean nonBlocking;
    private boolean prepared;

    /**
     * @param tryNonBlocking read the history non-blocking when the JVM lets us set it so
     */
    DeviceSource(FileInputStream in, boolean tryNonBlocking) {
        this.in = in;
        this.tryNonBlocking = tryNonBlocking;
    }

    /** Sets up the channel and the mode; by the reader thread before its first read. */
    void prepare() {
        if (prepared) return;
        prepared = true;
        ch = in.getChannel();
        direct = ByteBuffer.allocateDirect(RECORD_BUFFER);
        nonBlocking = tryNonBlocking && Blocking.set(in, false);
    }

    /** Whether the history is being read non-blocking (for tests; after the first read). */
    boolean readsNonBlocking() { return nonBlocking; }

    @Override
    public String next() throws IOException {
        prepare();
        if (nonBlocking) {
            try {
                return readPlain();
            } catch (IOException first) {
                // nothing more (EAGAIN), or records overwritten meanwhile (EPIPE: the next
                // read returns the oldest left): only the former fails twice in a row
                try {
                    return readPlain();
                } catch (IOException again) {
                    nonBlocking = false;
                    if (!Blocking.set(in, true)) throw again;
                    return HISTORY_END;
                }
            }
        }
        while (true) {
            direct.clear();
            int n = ch.read(direct);
            if (n < 0) return null;
            if (n > 0) {
                direct.flip();
                direct.get(buf, 0, n);
                return new String(buf, 0, n, StandardCharsets.UTF_8);
            }
        }
    }

    private String readPlain() throws IOException {
        int n = in.read(buf);
        return n < 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        FileChannel c = ch;
        if (c != null) {
            c.close();  // wakes a read blocked in another thread (AsynchronousCloseException)
        } else {
            in.close();  // not read yet: nothing can be blocked in it
        }
    }
}
