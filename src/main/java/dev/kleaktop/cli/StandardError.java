package dev.kleaktop.cli;

import dev.kleaktop.view.Text;
import java.io.IOException;
import java.io.Writer;

/**
 * Standard error as kleaktop writes it: every line passes through {@link Text#escape}, so
 * what a message quotes from a file, a file name or the command line (a slabinfo line holding
 * {@code ESC ] 0 ;}, an option with OSC 52 in it, NUL, binary) reaches the terminal as visible
 * escapes, and no call site can forget. Newlines end lines and tabs indent stack traces
 * ({@code --debug}); both stay as they are. Escaping is idempotent (the escapes are printable),
 * so text a call site escaped already comes out unchanged, and printable non-ASCII (a UTF-8
 * file name) is kept.
 */
final class StandardError extends Writer {
    private final Writer out;
    /** The current line, written out escaped at its end or on flush. */
    private final StringBuilder line = new StringBuilder();

    StandardError(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        synchronized (lock) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    emit(line.length());
                    out.write('\n');
                } else {
                    line.append(c);
                }
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            // half a surrogate pair waits for its other half, which the next write brings
            int n = line.length();
            emit(n > 0 && Character.isHighSurrogate(line.charAt(n - 1)) ? n - 1 : n);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            emit(line.length());
            out.close();
        }
    }

    /** Writes the first {@code n} chars of the line escaped, tabs kept, and drops them from it. */
    private void emit(int n) throws IOException {
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || line.charAt(i) == '\t') {
                out.write(Text.escape(line.substring(start, i)));
                if (i < n) out.write('\t');
                start = i + 1;
            }
        }
        line.delete(0, n);
    }
}
