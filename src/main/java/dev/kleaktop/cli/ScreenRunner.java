package dev.kleaktop.cli;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.KmemleakView;
import dev.kleaktop.session.Collector;
import dev.kleaktop.session.KmemleakService;
import dev.kleaktop.session.SessionConfig;
import dev.kleaktop.session.SnapshotService;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Intervals;
import dev.kleaktop.view.PaneFormat;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.TableState;
import dev.kleaktop.view.tui.KmemleakActions;
import dev.kleaktop.view.tui.KmemleakKeys;
import dev.kleaktop.view.tui.SnapshotKeys;
import dev.kleaktop.view.tui.SnapshotActions;
import dev.kleaktop.view.tui.SamplingFailed;
import dev.kleaktop.view.tui.Tui;
import dev.kleaktop.view.tui.TuiConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/** {@code kleaktop} without {@code -b}: the interactive screen on the process's terminal. */
final class ScreenRunner {
    private final SamplingOptions sampling;
    private final SourceOptions source;
    private final OutputOptions output;
    private final StoreOptions store;
    private final WriteOptions write;
    private final Map<String, String> env;

    ScreenRunner(SamplingOptions sampling, SourceOptions source, OutputOptions output, StoreOptions store,
                 WriteOptions write, Map<String, String> env) {
        this.sampling = sampling;
        this.source = source;
        this.output = output;
        this.store = store;
        this.write = write;
        this.env = env;
    }

    /**
     * The screen's settings from the options and the environment (locale, TERM, NO_COLOR).
     *
     * @param monitor the session the kmemleak keys act on; null gives keys that say so
     * @param clock   for kmemleak's report times
     */
    TuiConfig config(Collector monitor, Clock clock) {
        double delay = delay();
        TableState table = sampling.tableState();
        KmemleakActions kmemleak = new KmemleakKeys(
                KmemleakService.of(source.fs(), source.readOnly(), source.kmemleakFile(), monitor, clock));
        String noColorEnv = env.get("NO_COLOR");
        boolean color = !output.noColor() && (noColorEnv == null || noColorEnv.isEmpty());
        Glyphs glyphs = Glyphs.detect(env);
        ZoneId zone = SystemZone.get();
        SnapshotActions snapshots = new SnapshotKeys(
                new SnapshotService(source.fs(), store.snapshotDir(), write.allowUnsafeDir()), zone);
        return new TuiConfig(delay, table, glyphs, color, zone, PaneFormat.extras(ScreenRunner::paneData, glyphs, zone),
                kmemleak, snapshots);
    }

    /**
     * A series whose first sample cannot be read (not a series at all, a stamp of no time
     * throughout) is said in one line before the terminal is touched, as a bad option is; a
     * problem later in it is shown on the screen when the replay gets there.
     */
    private void checkSeries() {
        if (source.series() == null) return;
        String name = source.series().file().name();
        try (dev.kleaktop.source.SeriesFile f = dev.kleaktop.source.SeriesFile.open(java.nio.file.Path.of(name))) {
            if (f.next() == null) throw new RuntimeFailure("--series " + name + ": no sample could be read");
        } catch (dev.kleaktop.source.SourceException e) {
            throw new RuntimeFailure("--series " + e.path() + ": " + e.reason(), e);
        }
    }

    /** A series plays a sample every half second unless -d says otherwise; live, -d or its default. */
    private double delay() {
        return source.series() != null && sampling.delayOrNull() == null ? SERIES_DELAY : sampling.screenDelay();
    }

    /** How often a replayed series takes its next sample on the screen by default. */
    static final double SERIES_DELAY = 0.5;

    /** The frame's kmemleak report and OOM kills, as the side pane takes them. */
    static PaneFormat.Data paneData(Frame f) {
        KmemleakView k = f.kmemleak();
        SourceState log = f.sources().get(SourceId.KMSG.id());
        if (log == null) log = f.sources().get(SourceId.DMESG_FILE.id());
        return new PaneFormat.Data(k.state(), k.state().ok() ? k.report() : null, log, f.oomEvents());
    }

    /**
     * Runs the screen; 2 (with the reason on {@code err}) when standard input or output is not a
     * terminal. The terminal is set up on a thread of its own while the sources are opened.
     */
    int run(PrintWriter err) {
        Clock clock = Clock.systemUTC();
        // Every option is checked before the terminal is touched: a bad -d, -w, -s or -f is a
        // usage error on the user's screen, with no flash of the alternate one.
        sampling.tableState();
        checkSeries();
        // a series' verdicts follow its own pace, not the replay's
        String warning = source.series() != null ? null : Intervals.verdictWarning(sampling.screenDelay(),
                sampling.rule(sampling.screenDelay()).horizonS());
        if (warning != null) {
            // kept in the scrollback for after the screen; the screen says it too
            err.println("kleaktop: warning: -d/--delay: " + warning);
            err.flush();
        }
        try (Tui.Opening opening = Tui.open(Glyphs.detect(env).unicode());
             Collector monitor = Sessions.config(source, clock, sampling.window(), SessionConfig.Use.SCREEN)
                     .withRule(sampling.rule(source.series() != null ? 0 : sampling.screenDelay())).open()) {
            Tui.run(monitor, source.series(), config(monitor, clock), clock, opening);
        } catch (Tui.NotATerminal e) {
            err.println("kleaktop: standard input or output is not a terminal: the interactive screen needs one;"
                    + " use -b for batch output");
            err.flush();
            return 2;
        } catch (SamplingFailed e) {
            throw new RuntimeFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new RuntimeFailure("terminal: " + (e.getMessage() == null ? "failed" : e.getMessage()), e);
        }
        return 0;
    }
}
