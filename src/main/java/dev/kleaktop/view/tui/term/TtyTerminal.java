package dev.kleaktop.view.tui.term;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import org.jline.nativ.CLibrary.Termios;

/**
 * The process's terminal: Lanterna's UnixTerminal with Ctrl-C delivered as a key (the screen
 * quits cleanly on it), its line settings changed in this process, and a faster way to learn
 * the size.
 *
 * <p>Lanterna changes the settings by running stty, once per setting: five processes before the
 * first frame and two more at exit, each a fork and exec from the JVM. Here they are read and
 * written with tcgetattr and tcsetattr ({@link NativeTty}) on standard input, the terminal the
 * keys come from, and the saved settings are put back exactly, the interrupt character
 * included. Where JLine's native library cannot be loaded, Lanterna's stty calls remain.
 *
 * <p>Lanterna asks the terminal for its size by moving the cursor far away and waiting for a
 * cursor-position report, up to five seconds when none comes (a terminal that does not
 * answer, a slow ssh link), and does it again on every resize, from the signal thread,
 * racing the key reader for the answer. The size the kernel keeps for the tty instead
 * (TIOCGWINSZ, or {@code stty size} without the library), which terminal emulators and sshd
 * update on every resize, needs no round trip. The report stays as the fallback when the
 * kernel has no size.
 */
public final class TtyTerminal extends UnixTerminal {
    // Lanterna's constructor saves and changes the settings through the overrides below before
    // this class's constructor body runs. These fields therefore have no initialisers (one would
    // run afterwards and wipe what those calls set): the first call chooses the way, and the
    // signal and shutdown-hook threads that read them later are started after it.
    private volatile boolean chosen;
    private volatile NativeTty tty;
    private volatile Termios saved;

    public TtyTerminal(InputStream in, OutputStream out, Charset charset) throws IOException {
        super(in, out, charset, CtrlCBehaviour.TRAP);
    }

    /** Native control of the terminal, or null for stty. */
    private NativeTty tty() {
        if (!chosen) {
            tty = NativeTty.open();
            chosen = true;
        }
        return tty;
    }

    @Override
    protected void saveTerminalSettings() throws IOException {
        NativeTty t = tty();
        if (t == null) {
            super.saveTerminalSettings();
        } else {
            saved = t.get();
        }
    }

    @Override
    protected void restoreTerminalSettings() throws IOException {
        NativeTty t = tty();
        if (t == null) {
            super.restoreTerminalSettings();
        } else {
            Termios s = saved;
            if (s != null) t.set(s);
        }
    }

    @Override
    protected void keyEchoEnabled(boolean enabled) throws IOException {
        change(now -> NativeTty.echo(now, enabled), () -> super.keyEchoEnabled(enabled));
    }

    @Override
    protected void canonicalMode(boolean enabled) throws IOException {
        change(now -> NativeTty.canonical(now, enabled), () -> super.canonicalMode(enabled));
    }

    @Override
    protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
        // Called again right after the restore: then it only confirms the saved character.
        change(now -> NativeTty.interrupt(now, enabled, saved), () -> super.keyStrokeSignalsEnabled(enabled));
    }

    /** Lanterna's way of changing a mode (an stty process), for when the library is not there. */
    private interface Stty {
        void run() throws IOException;
    }

    /** Reads the settings, changes them with {@code edit} and writes them back; stty without the library. */
    private void change(java.util.function.Consumer<Termios> edit, Stty fallback) throws IOException {
        NativeTty t = tty();
        if (t == null) {
            fallback.run();
            return;
        }
        Termios now = t.get();
        edit.accept(now);
        t.set(now);
    }

    /** Gives the terminal back as the user had it, for a suspend: the normal screen, their modes. */
    public void release() throws IOException {
        try {
            exitPrivateMode();
        } catch (IllegalStateException e) {
            // not on the alternate screen: nothing to leave
        }
        setCursorVisible(true);
        flush();
        restoreTerminalSettings();
    }

    /**
     * Takes the terminal again after a resume: the settings the shell left are the ones to give
     * back at the end, then the screen's modes and the alternate screen.
     */
    public void reacquire() throws IOException {
        saveTerminalSettings();
        canonicalMode(false);
        keyEchoEnabled(false);
        keyStrokeSignalsEnabled(false);
        enterPrivateMode();
        flush();
    }

    /**
     * SIGWINCH through {@link Signals}; Lanterna's own way (reflection and a dynamic proxy)
     * where that cannot catch it. Called from Lanterna's constructor: uses no field of this class.
     */
    @Override
    protected void registerTerminalResizeListener(Runnable onResize) throws IOException {
        if (!Signals.handle("WINCH", onResize)) super.registerTerminalResizeListener(onResize);
    }

    /** The bytes of each ASCII character: the same in every charset a terminal uses. */
    private static final byte[][] ASCII = new byte[128][];

    static {
        for (int c = 0; c < 128; c++) ASCII[c] = new byte[] {(byte) c};
    }

    /**
     * ASCII as its one byte. Lanterna encodes every character of a refresh on its own through
     * {@code Charset.encode}, a buffer and an encoder per character: most of the cost of
     * drawing the first frame (12,000 cells at 200x60), before the JIT gets to it.
     * Other characters keep Lanterna's translation (line drawing on non-UTF-8 terminals).
     */
    @Override
    protected byte[] translateCharacter(char c) {
        return c < 128 ? ascii(c) : super.translateCharacter(c);
    }

    /** The bytes of an ASCII character ({@code c < 128}); one shared array each, never to be changed. */
    static byte[] ascii(char c) { return ASCII[c]; }

    @Override
    protected TerminalSize findTerminalSize() throws IOException {
        NativeTty t = tty();
        TerminalSize s = t != null ? t.size() : parseSttySize(sttySize());
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
