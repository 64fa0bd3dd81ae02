package dev.kleaktop.view.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.kleaktop.session.Frame;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The screen loop on Lanterna's virtual terminal, with a feed the test controls. Public so the
 * actions built in other packages (the cli's snapshot keys) are tested through the real screen.
 */
public final class ScreenHarness {
    final Recording vt;

    /** A virtual terminal that records where each character was sent, to see what a refresh sends. */
    static final class Recording extends DefaultVirtualTerminal {
        final List<com.googlecode.lanterna.TerminalPosition> written = new ArrayList<>();

        Recording(TerminalSize size) {
            super(size);
        }

        @Override
        public synchronized void putCharacter(char c) {
            written.add(getCursorPosition());
            super.putCharacter(c);
        }

        @Override
        public synchronized void putString(String s) {
            com.googlecode.lanterna.TerminalPosition p = getCursorPosition();
            for (int i = 0; i < s.length(); i++) written.add(p.withRelativeColumn(i));
            super.putString(s);
        }
    }
    final TerminalScreen screen;
    public final Feed feed = new Feed();
    public final TestClock clock = new TestClock();
    final ScreenLoop loop;

    /** A feed that hands out what the test posts and records the requests. */
    public static final class Feed implements FrameFeed {
        public volatile Frame frame;
        final List<Double> intervals = new ArrayList<>();
        int resets;

        @Override
        public Frame latest() { return frame; }

        @Override
        public void interval(double seconds) { intervals.add(seconds); }

        @Override
        public void resetBaseline() { resets++; }

        @Override
        public void close() {}
    }

    /** The interval of {@link #config}: short enough for the frames' 10 s window to hold a verdict (under 2.5 s). */
    public static final double INTERVAL = 2;

    public static TuiConfig config(Glyphs g, boolean color, ScreenExtras extras, KmemleakActions k, SnapshotActions s) {
        return new TuiConfig(INTERVAL, new TableState(), g, color, ZoneOffset.UTC, extras, k, s);
    }

    public static TuiConfig config() {
        return config(Glyphs.UNICODE, true, ScreenExtras.NONE, KmemleakActions.NONE, SnapshotActions.NONE);
    }

    public ScreenHarness(int cols, int rows, TuiConfig cfg, Frame frame) {
        this(cols, rows, cfg, frame, Runnable::run);
    }

    public ScreenHarness(int cols, int rows, TuiConfig cfg, Frame frame, Executor background) {
        this(cols, rows, cfg, frame, background, null, h -> { });
    }

    /**
     * The way the screen starts: the first picture composed by {@link ScreenLoop#prepare} for
     * {@code preparedFor} before the screen is attached, {@code meanwhile} run in between (a
     * new frame, a key, a resize), then the first round.
     */
    static ScreenHarness prepared(int cols, int rows, TuiConfig cfg, Frame frame, TerminalSize preparedFor,
                                  java.util.function.Consumer<ScreenHarness> meanwhile) {
        return new ScreenHarness(cols, rows, cfg, frame, Runnable::run, preparedFor, meanwhile);
    }

    private ScreenHarness(int cols, int rows, TuiConfig cfg, Frame frame, Executor background, TerminalSize preparedFor,
                          java.util.function.Consumer<ScreenHarness> meanwhile) {
        try {
            vt = new Recording(new TerminalSize(cols, rows));
            screen = new TerminalScreen(vt);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        feed.frame = frame;
        loop = new ScreenLoop(feed, cfg, new Background(background), clock);
        if (preparedFor != null) loop.prepare(preparedFor);
        meanwhile.accept(this);
        loop.attach(screen);
        step();
    }

    public ScreenState state() { return loop.state(); }

    /** One round of the loop; true while the screen goes on. */
    public boolean step() {
        try {
            return loop.step();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types the keys, then runs one round; returns whether the screen goes on. */
    public boolean keys(KeyStroke... ks) {
        for (KeyStroke k : ks) vt.addInput(k);
        return step();
    }

    public boolean type(String chars) {
        KeyStroke[] ks = new KeyStroke[chars.length()];
        for (int i = 0; i < chars.length(); i++) ks[i] = ch(chars.charAt(i));
        return keys(ks);
    }

    public static KeyStroke ch(char c) { return new KeyStroke(c, false, false); }

    public static KeyStroke ctrl(char c) { return new KeyStroke(c, true, false); }

    public static KeyStroke key(KeyType t) { return new KeyStroke(t); }

    public void resize(int cols, int rows) {
        vt.setTerminalSize(new TerminalSize(cols, rows));
        step();
    }

    public int cols() { return vt.getTerminalSize().getColumns(); }

    public int rows() { return vt.getTerminalSize().getRows(); }

    /** The text of one row of the terminal, trailing blanks kept. */
    public String row(int y) {
        StringBuilder b = new StringBuilder();
        for (int x = 0; x < cols(); x++) b.append(vt.getCharacter(x, y).getCharacterString());
        return b.toString();
    }

    /** The whole screen, one line per row, trailing blanks cut. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int y = 0; y < rows(); y++) b.append(row(y).stripTrailing()).append('\n');
        return b.toString();
    }

    /** Steps the loop until {@code cond} holds (background work finishing), at most 10 s. */
    public void until(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out; screen:\n" + text());
            Thread.sleep(5);
            step();
        }
    }

    /** The first row containing {@code s}, or -1. */
    public int find(String s) {
        for (int y = 0; y < rows(); y++) {
            if (row(y).contains(s)) return y;
        }
        return -1;
    }

    public TextCharacter at(int x, int y) { return vt.getCharacter(x, y); }

    public boolean reversed(int x, int y) { return at(x, y).getModifiers().contains(SGR.REVERSE); }

    public void close() {
        try {
            screen.stopScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
