package dev.kleaktop.view.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import dev.kleaktop.app.Monitor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.nativ.CLibrary;

/**
 * Runs the interactive screen on the process's terminal until the user quits.
 *
 * <p>Exactly one terminal object is made, talking to standard input and output (never a
 * Swing window). Whatever ends the screen — {@code q}, Ctrl-C, SIGTERM or SIGHUP (through a
 * shutdown hook), an exception — the alternate screen is left and the tty settings are
 * restored before anything else is printed.
 */
public final class Tui {
    /** How long a shutdown hook waits for the screen loop to restore the terminal. */
    static final long RESTORE_WAIT_MS = 2000;
    /** How long the first picture waits for the first sample. */
    static final long FIRST_FRAME_WAIT_MS = 300;
    /** Bytes of screen output gathered before a write: a whole frame, usually. */
    static final int OUTPUT_BUFFER = 1 << 16;

    private Tui() {}

    /**
     * Whether standard input and output are both a terminal, as the screen needs. Asked of the
     * C library ({@code isatty}) through the native library the screen loads anyway; without it,
     * of {@code System.console()}, whose first call costs several milliseconds (its Formatter
     * compiles a regular expression).
     */
    public static boolean onTerminal() {
        if (NativeLibrary.available()) {
            return CLibrary.isatty(0) == 1 && CLibrary.isatty(1) == 1;
        }
        return consoleIsTerminal();
    }

    /**
     * Up to Java 21 a console exists only when both are a terminal; from Java 22 one always
     * exists and {@code Console.isTerminal()} (looked up reflectively, this code is built for
     * 17) tells.
     */
    static boolean consoleIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            Object t = java.io.Console.class.getMethod("isTerminal").invoke(c);
            return Boolean.TRUE.equals(t);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @throws IOException when the terminal cannot be set up or written; the terminal is
     *                     restored before this is thrown
     */
    public static void run(Monitor monitor, TuiConfig cfg, Clock clock) throws IOException {
        Charset charset = cfg.glyphs().unicode() ? StandardCharsets.UTF_8 : nativeCharset();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch restored = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // SIGTERM: let the loop leave the screen itself, so nothing is drawn after the restore.
            stop.set(true);
            try {
                restored.await(RESTORE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kleaktop-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        TtyTerminal terminal = null;
        TerminalScreen screen = null;
        SamplingThread feed = new SamplingThread(monitor, cfg.intervalS());
        Background background = new Background();
        try {
            // The first refresh (slabinfo, sysfs, the kernel log) runs while the terminal is set
            // up; the loop shows its frame whenever it comes, before or after the screen is ready.
            feed.start();
            // Lanterna writes a screen one character or escape sequence at a time, and System.out
            // flushes every write: a 200x60 table took about 4,000 write calls to the terminal.
            // Buffered here, each refresh reaches the terminal in a few writes when Lanterna
            // flushes (at the end of every refresh, and on leaving the screen).
            OutputStream out = new BufferedOutputStream(System.out, OUTPUT_BUFFER);
            terminal = new TtyTerminal(System.in, out, charset);
            screen = new TerminalScreen(terminal);
            screen.startScreen();
            ScreenLoop loop = new ScreenLoop(screen, feed, cfg, background, clock);
            TtyTerminal tty = terminal;
            loop.suspendWith(() -> {
                tty.release();
                JobControl.stopSelf();
                tty.reacquire();
            });
            JobControl.onSuspendKey(loop::askSuspend);
            // Usually moments away: the first picture is then the sample, not the table's titles
            // alone with the sample one loop round later. A slow start shows the titles meanwhile.
            awaitFirstFrame(feed);
            loop.run(stop::get);
        } finally {
            feed.close();
            background.close();
            restore(screen, terminal);
            restored.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running and returns now
            }
        }
    }

    private static void awaitFirstFrame(SamplingThread feed) {
        try {
            feed.awaitFirst(FIRST_FRAME_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loop then ends at its first pause
        }
    }

    private static void restore(TerminalScreen screen, TtyTerminal terminal) {
        if (screen != null) {
            try {
                screen.stopScreen();
            } catch (IOException | RuntimeException e) {
                // the terminal may be gone (ssh dropped); the tty settings below still matter
            }
        }
        if (terminal != null) {
            try {
                terminal.close();
            } catch (IOException | RuntimeException e) {
                // close() also removes Lanterna's own restore hook, which fails during shutdown
            }
        }
    }

    private static Charset nativeCharset() {
        try {
            String n = System.getProperty("native.encoding");
            return n == null ? StandardCharsets.US_ASCII : Charset.forName(n);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
