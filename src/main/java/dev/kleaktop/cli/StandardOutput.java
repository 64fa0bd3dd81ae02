package dev.kleaktop.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output as kleaktop writes it: the writers above it (PrintWriter, picocli's help)
 * swallow a failed write, so the first failure is kept here, still thrown up to them (batch
 * mode stops on it), and {@link Main} reports it once at the end.
 *
 * <p>A reader that went away ({@code kleaktop -b | head}: EPIPE) is the normal end of a
 * pipeline and stays quiet; any other failure (a full disk, an I/O error, a closed descriptor)
 * means output was lost and is an error.
 */
final class StandardOutput extends FilterOutputStream {
    /**
     * What the JDK's IOException says for EPIPE: the C library's text for the error, as for every
     * failed write. A pipe or socket is the only thing a write can fail on this way.
     */
    static final String BROKEN_PIPE = "Broken pipe";

    private volatile IOException failure;

    StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Standard output is the process's own: the writers' close (try-with-resources) only flushes it. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private IOException failed(IOException e) {
        if (failure == null) failure = e;
        return e;
    }

    /** Why output was lost, in the system's words ({@code No space left on device}); null if nothing was, or if the reader went away. */
    String problem() {
        IOException e = failure;
        if (e == null) return null;
        String why = e.getMessage();
        if (BROKEN_PIPE.equals(why)) return null;
        return why == null || why.isBlank() ? "write error" : why;
    }
}
