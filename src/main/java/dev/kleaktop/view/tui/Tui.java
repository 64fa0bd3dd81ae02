package dev.kleaktop.view.tui;

import dev.kleaktop.view.tui.term.JobControl;
import dev.kleaktop.view.tui.term.NativeLibrary;
import dev.kleaktop.view.tui.term.NativeTty;
import dev.kleaktop.view.tui.term.TtyTerminal;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.kleaktop.session.Collector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.nativ.CLibrary;
import org.jline.nativ.CLibrary.Termios;

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
    static boolean onTerminal() {
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

    /** Standard input or output is not a terminal: the screen cannot run (nothing was changed). */
    public static final class NotATerminal extends IOException {
        NotATerminal() {
            super("standard input or output is not a terminal");
        }
    }


    /**
     * Starts setting up the terminal on a thread of its own: the native library, the terminal
     * check, the tty modes and the alternate screen, about 40 ms of code run for the first time,
     * while the caller opens the sources. {@link #run} takes the result; close the opening in
     * any case (it restores the terminal when {@code run} was never reached).
     *
     * @param unicode whether the screen draws Unicode (UTF-8 output), else the locale's charset
     */
    public static Opening open(boolean unicode) {
        Opening o = new Opening(unicode ? StandardCharsets.UTF_8 : nativeCharset());
        o.start();
        return o;
    }

    /** A terminal being set up (see {@link #open}), and the restore on exit that goes with it. */
    public static final class Opening implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final CountDownLatch restored = new CountDownLatch(1);
        private final Thread hook;
        private final FutureTask<Ready> setUp;
        /** The terminal's size as soon as the set-up knows it (null when it cannot tell early). */
        private final CompletableFuture<TerminalSize> size = new CompletableFuture<>();
        /** Whether standard input and output are a terminal, the set-up's first answer. */
        private final CompletableFuture<Boolean> terminal = new CompletableFuture<>();
        private boolean finished;

        private Opening(Charset charset) {
            hook = new Thread(() -> {
                // SIGTERM: let the loop leave the screen itself, so nothing is drawn after the restore.
                stop.set(true);
                try {
                    restored.await(RESTORE_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "kleaktop-restore");
            setUp = new FutureTask<>(() -> {
                try {
                    return ready(charset, terminal, size);
                } finally {
                    terminal.complete(Boolean.TRUE); // failed after the check: take() tells why
                    size.complete(null); // failed or not a terminal: no early size
                }
            });
        }

        private void start() {
            Runtime.getRuntime().addShutdownHook(hook);
            Thread t = new Thread(setUp, "kleaktop-terminal");
            t.setDaemon(true);
            t.start();
        }

        /**
         * The terminal's size, as soon as the set-up has learned it and before the screen is
         * ready; null when it is not known early (no native library, not a terminal, a failure).
         */
        TerminalSize earlySize() {
            try {
                return size.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                return null;
            }
        }

        /** False as soon as the set-up found standard input or output not to be a terminal. */
        boolean onTerminal() {
            try {
                return terminal.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true; // take() reports it
            } catch (ExecutionException e) {
                return true;
            }
        }

        /** Waits for the set-up; the terminal and screen, ready to draw on. */
        Ready take() throws IOException {
            try {
                Ready r = setUp.get();
                if (r == null) throw new NotATerminal();
                return r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the terminal was set up", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) throw io;
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error err) throw err;
                throw new IOException(c);
            }
        }

        /** The terminal is given back: the shutdown hook may return, and is no longer needed. */
        void finished() {
            if (finished) return;
            finished = true;
            restored.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running and returns now
            }
        }

        /** Gives the terminal back if {@link #run} did not (a failure before it); else nothing. */
        @Override
        public void close() {
            if (finished) return;
            try {
                Ready r = take();
                restore(r.screen(), r.terminal());
            } catch (IOException | RuntimeException e) {
                // not a terminal, or the set-up failed and undid what it did
            } finally {
                finished();
            }
        }
    }

    /** A terminal in the screen's modes and a screen started on it. */
    record Ready(TtyTerminal terminal, TerminalScreen screen) {}

    /** On the set-up thread: null when standard input or output is not a terminal. */
    private static Ready ready(Charset charset, CompletableFuture<Boolean> isTerminal,
                               CompletableFuture<TerminalSize> size) throws IOException {
        boolean tty = onTerminal();
        isTerminal.complete(tty);
        if (!tty) return null;
        // the size first, for the first picture to be made meanwhile
        NativeTty nativeTty = NativeLibrary.available() ? NativeTty.open() : null;
        size.complete(nativeTty == null ? null : nativeTty.size());
        // Lanterna writes a screen one character or escape sequence at a time, and System.out
        // flushes every write: a 200x60 table took about 4,000 write calls to the terminal.
        // Buffered here, each refresh reaches the terminal in a few writes when Lanterna
        // flushes (at the end of every refresh, and on leaving the screen).
        OutputStream out = new BufferedOutputStream(System.out, OUTPUT_BUFFER);
        // Lanterna's constructor changes the modes and then registers its restore hook, which a
        // shutdown already under way (SIGTERM during the start) refuses: it fails with the
        // modes changed and no terminal object to restore them through. What the user had is
        // put back from here.
        Termios before = nativeTty == null ? null : nativeTty.get();
        TtyTerminal terminal;
        try {
            terminal = new TtyTerminal(System.in, out, charset);
        } catch (IOException | RuntimeException e) {
            if (before != null) {
                try {
                    nativeTty.set(before);
                } catch (IOException restoreFailed) {
                    e.addSuppressed(restoreFailed);
                }
            }
            throw e;
        }
        TerminalScreen screen = null;
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
            return new Ready(terminal, screen);
        } catch (IOException | RuntimeException e) {
            restore(screen, terminal);
            throw e;
        }
    }

    /**
     * Runs the screen until the user quits, on the terminal {@code opening} sets up.
     *
     * @throws NotATerminal when standard input or output is not a terminal
     * @throws IOException  when the terminal cannot be set up or written; the terminal is
     *                      restored before this is thrown
     */
    public static void run(Collector monitor, TuiConfig cfg, Clock clock, Opening opening) throws IOException {
        run(monitor, null, cfg, clock, opening);
    }

    /** {@link #run(Collector, TuiConfig, Clock, Opening)}, replaying {@code series} when not null. */
    public static void run(Collector monitor, dev.kleaktop.session.SeriesPlayer series, TuiConfig cfg, Clock clock,
                           Opening opening) throws IOException {
        TtyTerminal terminal = null;
        TerminalScreen screen = null;
        FrameFeed feed = series != null ? new SeriesFeed(monitor, series, cfg.intervalS())
                : new CollectorFeed(monitor, cfg.intervalS());
        Background background = new Background();
        try {
            // The first refresh (slabinfo, sysfs, the kernel log) runs while the terminal is set
            // up; the loop shows its frame whenever it comes, before or after the screen is ready.
            feed.start();
            ScreenLoop loop = new ScreenLoop(feed, cfg, background, clock);
            // not a terminal: said at once, not after the first sample
            if (!opening.onTerminal()) throw new NotATerminal();
            // Usually moments away: the first picture is then the sample, not the table's titles
            // alone with the sample one loop round later. A slow start shows the titles meanwhile.
            awaitFirstFrame(feed);
            // composed while the terminal is still being set up, once its size is known
            TerminalSize early = opening.earlySize();
            if (early != null) loop.prepare(early);
            Ready ready;
            try {
                ready = opening.take();
            } catch (IllegalStateException e) {
                if (opening.stop.get()) return; // SIGTERM during the set-up: the process ends anyway, quietly
                throw e;
            }
            terminal = ready.terminal();
            screen = ready.screen();
            loop.attach(screen);
            TtyTerminal tty = terminal;
            loop.suspendWith(() -> {
                tty.release();
                JobControl.stopSelf();
                tty.reacquire();
            });
            JobControl.onSuspendKey(loop::askSuspend);
            loop.run(opening.stop::get);
        } finally {
            feed.close();
            background.close();
            restore(screen, terminal);
            opening.finished();
        }
    }

    private static void awaitFirstFrame(FrameFeed feed) {
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
