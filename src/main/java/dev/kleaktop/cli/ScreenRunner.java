package dev.kleaktop.cli;

import dev.kleaktop.app.Monitor;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.TableState;
import dev.kleaktop.view.tui.KmemleakActions;
import dev.kleaktop.view.tui.SnapshotActions;
import dev.kleaktop.view.tui.Tui;
import dev.kleaktop.view.tui.TuiConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/** {@code kleaktop} without {@code -b}: the interactive screen on the process's terminal. */
final class ScreenRunner {
    private final SamplingOptions sampling;
    private final SourceOptions source;
    private final OutputOptions output;
    private final Map<String, String> env;

    ScreenRunner(SamplingOptions sampling, SourceOptions source, OutputOptions output, Map<String, String> env) {
        this.sampling = sampling;
        this.source = source;
        this.output = output;
        this.env = env;
    }

    /** The screen's settings from the options and the environment (locale, TERM, NO_COLOR). */
    TuiConfig config() {
        double delay = sampling.delay(false);
        TableState table = sampling.tableState();
        KmemleakActions kmemleak = KmemleakKeys.of(source.fs(), source.readOnly(), source.kmemleakFile());
        String noColorEnv = env.get("NO_COLOR");
        boolean color = !output.noColor() && (noColorEnv == null || noColorEnv.isEmpty());
        return new TuiConfig(delay, table, Glyphs.detect(env), color, ZoneId.systemDefault(),
                ScreenExtras.NONE, kmemleak, SnapshotActions.NONE);
    }

    /**
     * Whether standard input and output are both a terminal. Up to Java 21 a console exists
     * only then; from Java 22 one always exists and {@code Console.isTerminal()} (looked up
     * reflectively, this code is built for 17) tells.
     */
    static boolean hasTerminal() {
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

    int run() {
        TuiConfig cfg = config();
        Clock clock = Clock.systemUTC();
        Monitor monitor = new Monitor(source.fs(), clock, sampling.window());
        try {
            Tui.run(monitor, cfg, clock);
        } catch (IOException e) {
            throw new RuntimeFailure("terminal: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return 0;
    }
}
