package dev.kleaktop.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines with bounded memory: a line longer than the limit is cut
 * (the rest is skipped and counted), so one hostile or corrupt line cannot exhaust the heap.
 * Bytes are read as UTF-8 with malformed sequences replaced by U+FFFD, never an exception.
 * A trailing CR is dropped; optionally a NUL also ends a line (util-linux writes captured
 * /dev/kmsg records NUL-separated). Public for {@code source.kmsg}, which reads captured logs with it.
 */
public final class LineReader {
    private final InputStream in;
    private final int maxLine;
    private final boolean nulEndsLine;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private byte[] line = new byte[256];
    private int len;
    private boolean ascii;
    private long cut;
    private boolean eof;

    /**
     * @param maxLine     longest line kept, in bytes (at least 16); the rest of a longer one is skipped
     * @param nulEndsLine whether a NUL ends a line as a newline does
     */
    public LineReader(InputStream in, int maxLine, boolean nulEndsLine) {
        this.in = in;
        this.maxLine = Math.max(16, maxLine);
        this.nulEndsLine = nulEndsLine;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    public String next() throws IOException {
        len = 0;
        ascii = true;
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (pos >= lim) {
                if (eof) break;
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    eof = true;
                    break;
                }
            }
            any = true;
            int start = pos;
            int end = start;
            boolean high = false;
            while (end < lim) {
                byte b = buf[end];
                if (b == '\n' || (b == 0 && nulEndsLine)) break;
                if (b < 0) high = true;
                end++;
            }
            if (end < lim && len == 0 && end - start <= maxLine) {
                // the whole line is in the buffer: make the string straight from it
                pos = end + 1;
                int e = end > start && buf[end - 1] == '\r' ? end - 1 : end;
                return new String(buf, start, e - start, high ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
            if (high) ascii = false;
            if (!overflow) overflow = !append(start, end);
            if (end < lim) {
                pos = end + 1;
                return finish(overflow);
            }
            pos = lim;
        }
        if (!any && len == 0) return null;
        return finish(overflow);
    }

    /** How many lines were longer than the limit and cut. */
    long cutLines() { return cut; }

    private boolean append(int start, int end) {
        int n = end - start;
        int room = maxLine - len;
        boolean fits = n <= room;
        if (!fits) n = room;
        if (len + n > line.length) line = Arrays.copyOf(line, Math.min(maxLine, Math.max(len + n, line.length * 2)));
        System.arraycopy(buf, start, line, len, n);
        len += n;
        return fits;
    }

    private String finish(boolean overflow) {
        if (overflow) cut++;
        int n = len;
        if (n > 0 && line[n - 1] == '\r') n--;
        // ISO-8859-1 is the fast path for pure ASCII (compact strings, no decoding)
        return ascii ? new String(line, 0, n, StandardCharsets.ISO_8859_1)
                : new String(line, 0, n, StandardCharsets.UTF_8);
    }
}
