package dev.kleaktop.view.tui.term;

import com.googlecode.lanterna.TerminalSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jline.nativ.CLibrary;
import org.jline.nativ.CLibrary.Termios;
import org.jline.nativ.CLibrary.WinSize;

/**
 * A terminal's line settings and window size through the C library, in this process: what
 * {@code stty -g}, {@code stty -icanon min 1}, {@code stty -echo}, {@code stty intr undef} and
 * {@code stty size} do, without starting a process for each (Lanterna's way, about 10 ms
 * each).
 *
 * <p>The flag bits and control-character slots are the kernel's generic numbering, which
 * {@link NativeLibrary} checks the architecture for.
 */
public final class NativeTty {
    static final long ICANON = 0x2;
    static final long ECHO = 0x8;
    static final int VINTR = 0;
    static final int VMIN = 6;
    /** {@code _POSIX_VDISABLE} on Linux: the character slot is off. */
    static final byte DISABLED = 0;
    /** Ctrl-C, the usual interrupt character. */
    static final byte CTRL_C = 3;

    /**
     * The kernel's {@code struct termios} (asm-generic/termbits.h, which x86 and arm64 use):
     * four 32-bit flag words, {@code c_line}, {@code c_cc[19]}: 36 bytes, and the requests
     * that read and write it (asm-generic/ioctls.h).
     */
    static final int KERNEL_NCCS = 19;
    static final int LINE_OFFSET = 16;
    static final int CC_OFFSET = 17;
    static final int KERNEL_TERMIOS_INTS = 9;
    static final long TCGETS = 0x5401;
    static final long TCSETSW = 0x5403;

    private final int fd;
    private final int sizeFd;

    private NativeTty(int fd, int sizeFd) {
        this.fd = fd;
        this.sizeFd = sizeFd;
    }

    /**
     * The process's terminal: standard input, where the keys are read (else standard output),
     * its size from standard output, where the screen is drawn. Null when the native library
     * is unavailable or neither is a terminal.
     */
    public static NativeTty open() {
        if (!NativeLibrary.available()) return null;
        boolean in = CLibrary.isatty(0) == 1;
        boolean out = CLibrary.isatty(1) == 1;
        if (!in && !out) return null;
        return new NativeTty(in ? 0 : 1, out ? 1 : 0);
    }

    /** The terminal on {@code fd} (a pseudo-terminal in tests); the library must be available. */
    static NativeTty on(int fd) {
        return new NativeTty(fd, fd);
    }

    /** The current settings ({@code tcgetattr}). */
    public Termios get() throws IOException {
        Termios t = new Termios();
        if (CLibrary.tcgetattr(fd, t) != 0) throw new IOException("tcgetattr failed on the terminal (fd " + fd + ")");
        return t;
    }

    /**
     * Applies {@code t} once pending output is written, as stty does ({@code TCSADRAIN}).
     *
     * <p>Not through JLine's {@code tcsetattr}: it builds the C structure on its stack from the
     * Java fields, and {@code Termios} has no field for the line discipline ({@code c_line}),
     * so the kernel got whatever byte was on the stack there ({@code stty -a} then showed
     * {@code line = 6} after kleaktop quit). The kernel's own structure is read
     * ({@code TCGETS}), the flags and control characters put in, and written back
     * ({@code TCSETSW}, what TCSADRAIN is): the line discipline stays as it was.
     */
    public void set(Termios t) throws IOException {
        int[] raw = new int[KERNEL_TERMIOS_INTS];
        if (CLibrary.ioctl(fd, TCGETS, raw) != 0) throw new IOException("TCGETS failed on the terminal (fd " + fd + ")");
        ByteBuffer b = ByteBuffer.allocate(raw.length * 4).order(ByteOrder.nativeOrder());
        b.asIntBuffer().put(raw);
        b.putInt(0, (int) t.c_iflag).putInt(4, (int) t.c_oflag).putInt(8, (int) t.c_cflag).putInt(12, (int) t.c_lflag);
        // byte 16 is c_line, kept; the speeds are in c_cflag
        for (int i = 0; i < KERNEL_NCCS; i++) b.put(CC_OFFSET + i, t.c_cc[i]);
        b.asIntBuffer().get(raw);
        if (CLibrary.ioctl(fd, TCSETSW, raw) != 0) {
            throw new IOException("TCSETSW failed on the terminal (fd " + fd + ")");
        }
    }

    /** The line discipline of the terminal as the kernel has it (for tests). */
    int lineDiscipline() throws IOException {
        int[] raw = new int[KERNEL_TERMIOS_INTS];
        if (CLibrary.ioctl(fd, TCGETS, raw) != 0) throw new IOException("TCGETS failed on the terminal (fd " + fd + ")");
        ByteBuffer b = ByteBuffer.allocate(raw.length * 4).order(ByteOrder.nativeOrder());
        b.asIntBuffer().put(raw);
        return b.get(LINE_OFFSET);
    }

    /** The size the kernel keeps for the terminal; null when it does not know one (0x0). */
    public TerminalSize size() {
        WinSize w = new WinSize();
        if (CLibrary.ioctl(sizeFd, CLibrary.TIOCGWINSZ, w) != 0) return null;
        int rows = w.ws_row & 0xffff;
        int cols = w.ws_col & 0xffff;
        return rows > 0 && cols > 0 ? new TerminalSize(cols, rows) : null;
    }

    /** {@code stty icanon} / {@code stty -icanon min 1}: keys arrive one at a time. */
    static void canonical(Termios t, boolean on) {
        if (on) {
            t.c_lflag |= ICANON;
        } else {
            t.c_lflag &= ~ICANON;
            t.c_cc[VMIN] = 1;
        }
    }

    /** {@code stty echo} / {@code stty -echo}. */
    static void echo(Termios t, boolean on) {
        if (on) t.c_lflag |= ECHO;
        else t.c_lflag &= ~ECHO;
    }

    /**
     * Ctrl-C as a key ({@code stty intr undef}) or as the interrupt again: the character that
     * was saved, so a user's own interrupt key comes back too ({@code ^C} when none was).
     */
    static void interrupt(Termios t, boolean on, Termios saved) {
        t.c_cc[VINTR] = on ? (saved != null ? saved.c_cc[VINTR] : CTRL_C) : DISABLED;
    }

    /** Whether two settings are the same in every field this library reads and writes. */
    static boolean same(Termios a, Termios b) {
        return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_cflag == b.c_cflag && a.c_lflag == b.c_lflag
                && Arrays.equals(a.c_cc, b.c_cc) && a.c_ispeed == b.c_ispeed && a.c_ospeed == b.c_ospeed;
    }
}
