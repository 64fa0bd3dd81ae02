package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Choice;
import dev.kleaktop.view.DiffView;
import dev.kleaktop.view.Intervals;
import dev.kleaktop.view.ScreenKeys;
import dev.kleaktop.view.ScreenState;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The drawing thread's loop: read every pending key and apply it at once, pick up the newest
 * frame and finished background work, and redraw when anything changed. It never waits for
 * sampling or kmemleak; between rounds it sleeps a few milliseconds.
 */
final class ScreenLoop {
    /** Pause between rounds: keys are answered within this. */
    static final long TICK_MS = 20;

    private Screen screen;
    private final FrameFeed feed;
    private final TuiConfig cfg;
    private final Background background;
    private final ScreenState state;
    private final ScreenKeys keys;
    private final Renderer renderer;

    /** Set from a signal thread (Ctrl-Z); acted on by the loop, which owns the terminal. */
    private final java.util.concurrent.atomic.AtomicBoolean suspendAsked = new java.util.concurrent.atomic.AtomicBoolean();
    private Suspension suspension;
    private Frame shown;
    private boolean dirty = true;
    private boolean complete = true;
    private String drawnStatus;
    /** The pick list's lines as last drawn, whose ages the clock moves. */
    private List<String> drawnPick = List.of();
    private long draws;
    private boolean firstShown;
    /** Counts what changes the picture besides the status line: keys, frames, background work, resizes. */
    private long changes;
    /** A picture composed by {@link #prepare}, for this size, at this count of changes; null when none. */
    private TerminalSize preparedSize;
    private TerminalPosition preparedCursor;
    private String preparedStatus;
    private long preparedChanges;

    ScreenLoop(Screen screen, FrameFeed feed, TuiConfig cfg, Background background, Clock clock) {
        this(feed, cfg, background, clock);
        attach(screen);
    }

    /** A loop whose screen comes later ({@link #attach}); {@link #prepare} may run meanwhile. */
    ScreenLoop(FrameFeed feed, TuiConfig cfg, Background background, Clock clock) {
        this.feed = feed;
        this.cfg = cfg;
        this.background = background;
        this.state = new ScreenState(cfg.table(), cfg.intervalS(), clock, cfg.kmemleak().unavailable(),
                cfg.snapshots().unavailable());
        this.keys = new ScreenKeys(state);
        this.renderer = new Renderer(cfg);
    }

    ScreenState state() { return state; }

    /** The screen to draw on, once it is set up. */
    void attach(Screen screen) {
        this.screen = Objects.requireNonNull(screen);
    }

    /**
     * Makes the first picture before the screen is there: takes the newest frame and composes
     * it for a screen of {@code size}. The first round then only puts it on the screen, when
     * the screen has that size and nothing changed meanwhile (a key, a frame, a message).
     */
    void prepare(TerminalSize size) {
        Frame f = feed.latest();
        state.playback(feed.playback());
        if (f == null || state.paused()) return;
        show(f);
        preparedCursor = compose(size).cursor();
        preparedSize = size;
        preparedStatus = state.statusMessage();
        preparedChanges = changes;
    }

    /** Gives the terminal back, stops until resumed, takes it again. */
    interface Suspension {
        void suspendUntilResumed() throws IOException;
    }

    /** What a suspend does; without one, {@link #askSuspend()} is ignored. */
    void suspendWith(Suspension s) { this.suspension = s; }

    /** Asks for a suspend at the next round; safe from any thread (the SIGTSTP handler). */
    void askSuspend() { suspendAsked.set(true); }

    /** How many times the screen was drawn (tests check that idle rounds draw nothing). */
    long draws() { return draws; }

    /** Runs rounds until the user quits or {@code stop} turns true. */
    void run(BooleanSupplier stop) throws IOException {
        while (!stop.getAsBoolean()) {
            if (!step()) return;
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One round; false when the user asked to quit. */
    boolean step() throws IOException {
        if (suspendAsked.getAndSet(false) && suspension != null) {
            suspension.suspendUntilResumed();
            // back: the terminal may have been used and resized meanwhile
            complete = true;
            dirty = true;
        }
        TerminalSize resized = screen.doResizeIfNecessary();
        if (resized != null) {
            dirty = true;
            complete = true;
            changes++;
        }
        KeyStroke ks;
        int n = 0;
        // Bounded so a flood of input (a paste) cannot starve drawing.
        while (n++ < 256 && (ks = screen.pollInput()) != null) {
            ScreenState.Effect e = keys.handle(KeyMap.of(ks));
            dirty = true;
            changes++;
            if (!apply(e)) return false;
        }
        if (background.drain(state)) {
            dirty = true;
            changes++;
        }
        Frame f = feed.latest();
        String playback = feed.playback();
        if (!Objects.equals(playback, state.playback())) {
            state.playback(playback);
            dirty = true;
        }
        // a replay takes no sample while paused: what comes then was asked for (a step, the end)
        if (f != null && f != shown && (!state.paused() || feed.replay())) {
            show(f);
            dirty = true;
            changes++;
        }
        if (!Objects.equals(state.statusMessage(), drawnStatus)) dirty = true;
        // the pick list's ages move with the clock while it is up
        if (state.mode() == ScreenState.Mode.PICK && !state.pickLines().equals(drawnPick)) dirty = true;
        if (dirty) draw();
        return true;
    }

    private void show(Frame f) {
        if (shown == null) {
            // the first frame tells the window: say at once if the interval can never give a verdict
            String warning = feed.replay() ? null  // a series' verdicts follow its pace, not the replay's
                    : Intervals.verdictWarning(state.intervalS(), f.analysis().rule().horizonS());
            if (warning != null) state.status(warning, true);
        }
        shown = f;
        state.update(f, cfg.extras().pane(f));
    }

    /**
     * Composes the picture and hands what it fit to the state (the painters only read it). A
     * message that held only until the screen had room (the side pane, after a resize) is
     * gone once the state knows the room: then the picture is composed again, without it.
     */
    private Picture compose(TerminalSize size) {
        String message = state.statusMessage();
        Picture p = renderer.compose(size.getColumns(), size.getRows(), state);
        state.drawn(p.drawn());
        if (!Objects.equals(message, state.statusMessage())) {
            p = renderer.compose(size.getColumns(), size.getRows(), state);
            state.drawn(p.drawn());
        }
        return p;
    }

    private void draw() throws IOException {
        TerminalPosition cursor;
        if (preparedSize != null && preparedChanges == changes && preparedSize.equals(screen.getTerminalSize())
                && Objects.equals(preparedStatus, state.statusMessage())) {
            renderer.paint(screen); // composed while the terminal was set up
            cursor = preparedCursor;
        } else {
            cursor = compose(screen.getTerminalSize()).cursor();
            renderer.paint(screen);
        }
        preparedSize = null;
        screen.setCursorPosition(cursor);
        screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        drawnStatus = state.statusMessage();
        drawnPick = state.mode() == ScreenState.Mode.PICK ? state.pickLines() : List.of();
        dirty = false;
        complete = false;
        draws++;
        if (!firstShown && shown != null) {
            firstShown = true;
            feed.firstFrameShown();
        }
    }

    /** Carries out an effect; false to quit. */
    private boolean apply(ScreenState.Effect e) {
        switch (e) {
            case QUIT:
                return false;
            case REDRAW:
                complete = true;
                break;
            case RESET_BASELINE:
                feed.resetBaseline();
                state.status("baseline reset: \u0394 START counts from now", false);
                break;
            case INTERVAL:
                feed.interval(state.intervalS());
                break;
            case PAUSE:
                feed.pause(state.paused());
                break;
            case STEP:
                feed.step();
                break;
            case TO_END:
                feed.toEnd();
                state.status("playing the rest of the series", false);
                break;
            case SCAN:
                run("scanning kmemleak", "kmemleak scan", () -> done(cfg.kmemleak().scan()));
                break;
            case CLEAR:
                run("clearing kmemleak", "kmemleak clear", () -> done(cfg.kmemleak().clear()));
                break;
            case SNAPSHOT: {
                Frame live = feed.latest();
                run("saving a snapshot", "snapshot", () -> done(cfg.snapshots().save(live)));
                break;
            }
            case DIFF_LIST:
                run("listing snapshots", "snapshots", () -> {
                    List<Choice> list;
                    try {
                        list = cfg.snapshots().list();
                    } catch (Exception failed) {
                        // no list: said as any failure is, and an Enter next is not a pick
                        String why = "snapshots: " + Background.why(failed);
                        return s -> s.pickFailed(why);
                    }
                    String none = cfg.snapshots().noneSaved();
                    return s -> {
                        s.finished(null, false);
                        s.pick("diff the live state against which snapshot?", list, none);
                    };
                });
                break;
            case DIFF: {
                Choice chosen = state.picked();
                Frame live = feed.latest();
                run("comparing with the snapshot", "diff", () -> {
                    DiffView d = cfg.snapshots().diff(chosen, live);
                    return s -> {
                        s.finished(null, false);
                        s.showDiff(d);
                    };
                });
                break;
            }
            default:
                break;
        }
        return true;
    }

    private static java.util.function.Consumer<ScreenState> done(String message) {
        return s -> s.finished(message, false);
    }

    private void run(String busy, String what,
                     java.util.concurrent.Callable<java.util.function.Consumer<ScreenState>> work) {
        state.busy(busy);
        background.submit(what, work);
    }
}
