package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * The process's terminal: Lanterna's UnixTerminal with Ctrl-C delivered as a key (the screen
 * quits cleanly on it) and a faster way to learn the size.
 *
 * <p>Lanterna asks the terminal for its size by moving the cursor far away and waiting for a
 * cursor-position report, up to five seconds when none comes (a terminal that does not
 * answer, a slow ssh link), and does it again on every resize, from the signal thread,
 * racing the key reader for the answer. {@code stty size} instead reads the size the kernel
 * keeps for the tty, which terminal emulators and sshd update on every resize: one short
 * process, no round trip. The report stays as the fallback when stty has no answer.
 */
final class TtyTerminal extends UnixTerminal {
    TtyTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        TerminalSize s = parseSttySize(sttySize());
        return s != null ? s : super.findTerminalSize();
    }

    private String sttySize() {
        try {
            return runSTTYCommand("size");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code "45 160"} (rows, columns) to a size; null when it is not one. */
    static TerminalSize parseSttySize(String s) {
        if (s == null) return null;
        String[] p = s.trim().split("\\s+");
        if (p.length != 2) return null;
        try {
            int rows = Integer.parseInt(p[0]);
            int cols = Integer.parseInt(p[1]);
            return rows > 0 && cols > 0 ? new TerminalSize(cols, rows) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
