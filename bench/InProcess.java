import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.TableState;
import dev.kleaktop.view.batch.BatchContext;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.BatchWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * In-process measurements where a whole process is too coarse, run by bench/run.sh with the
 * launcher's JVM flags against the built jar (java -cp kleaktop.jar bench/InProcess.java).
 * Times are CPU time of the measuring thread, after a warm-up, as medians of many
 * repetitions, so other processes on a shared machine disturb them little.
 *
 * <pre>
 * refresh ROOT WARMUP N   Collector.refresh() on a captured tree (read, parse, analyse), one
 *                         simulated second apart (a warm-up of 60 or more fills the window)
 * table   ROOT WARMUP N   sort + filter the rows of a new refresh and draw a 200x60 frame of it
 *                         with the batch text writer; the sort or the filter changes every
 *                         OPS_PER_KEY frames, as when a user presses a key now and then
 * screen  ROOT WARMUP N   the same with the interactive screen: ScreenState.update (sort, filter,
 *                         side pane), the screen's Renderer into a 200x60 Lanterna virtual
 *                         terminal and the screen's refresh (the renderer is package-private:
 *                         reached by reflection, as a test in its package would)
 * </pre>
 * Prints "median_ms=... p90_ms=... n=..." on one line.
 */
public final class InProcess {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Frames drawn per key press (sort or filter change) in the table and screen measures. */
    static final int OPS_PER_KEY = 10;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        long[] ns = switch (args[0]) {
            case "refresh" -> refresh(root, warmup, n);
            case "table" -> table(root, warmup, n);
            case "screen" -> screen(root, warmup, n);
            default -> throw new IllegalArgumentException(args[0]);
        };
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "median_ms=%.3f p90_ms=%.3f n=%d%n",
                ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.9)] / 1e6, ns.length);
    }

    /** A clock one second further at every reading: each refresh is a 1-second sample. */
    static final class Steps extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() { return ZoneId.of("UTC"); }

        @Override
        public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }

    /** Refreshes as if one second apart, so after the warm-up the 60 s rate window is full. */
    private static long[] refresh(Path root, int warmup, int n) {
        try (Collector m = new Collector(new KernelFs(root), new Steps(), 60)) {
            long[] out = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                Frame f = m.refresh();
                long t = THREADS.getCurrentThreadCpuTime() - t0;
                if (f.analysis().rows().isEmpty()) throw new IllegalStateException("no caches under " + root);
                if (i >= warmup) out[i - warmup] = t;
            }
            return out;
        }
    }

    /** What a new frame or a key costs the screen's drawing thread, sort and filter included. */
    private static long[] screen(Path root, int warmup, int n) throws Exception {
        Frame[] frames = new Frame[2];
        try (Collector m = new Collector(new KernelFs(root), Clock.systemUTC(), 60)) {
            m.refresh();
            frames[0] = m.refresh();
            frames[1] = m.refresh();
        }
        TableState table = new TableState();
        ZoneId utc = ZoneId.of("UTC");
        var extras = dev.kleaktop.view.PaneFormat.extras(fr -> new dev.kleaktop.view.PaneFormat.Data(
                fr.kmemleak().state(), fr.kmemleak().state().ok() ? fr.kmemleak().report() : null,
                fr.sources().getOrDefault("kmsg", dev.kleaktop.model.SourceState.OK), fr.oomEvents()),
                dev.kleaktop.view.Glyphs.UNICODE, utc);
        var cfg = new dev.kleaktop.view.tui.TuiConfig(3, table, dev.kleaktop.view.Glyphs.UNICODE, true, utc, extras,
                dev.kleaktop.view.tui.KmemleakActions.NONE, dev.kleaktop.view.tui.SnapshotActions.NONE);
        var vt = new com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal(
                new com.googlecode.lanterna.TerminalSize(200, 60));
        var screen = new com.googlecode.lanterna.screen.TerminalScreen(vt);
        screen.startScreen();
        var state = new dev.kleaktop.view.ScreenState(table, 3, Clock.systemUTC(), null, null);
        Class<?> rc = Class.forName("dev.kleaktop.view.tui.Renderer");
        var ctor = rc.getDeclaredConstructor(dev.kleaktop.view.tui.TuiConfig.class);
        ctor.setAccessible(true);
        Object renderer = ctor.newInstance(cfg);
        var draw = rc.getDeclaredMethod("draw", com.googlecode.lanterna.screen.Screen.class, dev.kleaktop.view.ScreenState.class);
        draw.setAccessible(true);
        Column[] sorts = {Column.RATE, Column.SIZE, Column.NAME, Column.OBJS};
        String[] filters = {"dentry|inode", "kmalloc", "docker", ""};
        long[] out = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            // each op shows a new frame; the sort or the filter changes every OPS_PER_KEY ops
            table.sortBy(sorts[(i / OPS_PER_KEY) % sorts.length]);
            table.filter(filters[(i / OPS_PER_KEY / sorts.length) % filters.length]);
            Frame f = frames[i % 2];
            long t0 = THREADS.getCurrentThreadCpuTime();
            state.update(f, extras.pane(f));
            draw.invoke(renderer, screen, state);
            screen.refresh(com.googlecode.lanterna.screen.Screen.RefreshType.DELTA);
            long t1 = THREADS.getCurrentThreadCpuTime() - t0;
            if (i >= warmup) out[i - warmup] = t1;
        }
        StringBuilder shown = new StringBuilder();
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 200; col++) shown.append(vt.getCharacter(col, row).getCharacterString());
        }
        if (!shown.toString().contains("NAME")) throw new IllegalStateException("no table drawn: " + shown);
        screen.stopScreen();
        return out;
    }

    /** What one keypress or refresh of the batch table costs: sort, filter, lay out 60 rows. */
    private static long[] table(Path root, int warmup, int n) {
        Frame[] frames = new Frame[2];
        try (Collector m = new Collector(new KernelFs(root), Clock.systemUTC(), 60)) {
            m.refresh();
            frames[0] = m.refresh();
            frames[1] = m.refresh();
        }
        BatchWriter w = BatchFormat.TEXT.writer(new BatchContext(1, ZoneId.of("UTC"), 60 - 6));
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Column[] sorts = {Column.RATE, Column.SIZE, Column.NAME, Column.OBJS};
        String[] filters = {"dentry|inode", "kmalloc", "docker", ""};
        long[] out = new long[n];
        TableState t = new TableState();
        for (int i = 0; i < warmup + n; i++) {
            t.sortBy(sorts[(i / OPS_PER_KEY) % sorts.length]);
            t.filter(filters[(i / OPS_PER_KEY / sorts.length) % filters.length]);
            Frame f = frames[i % 2];
            long t0 = THREADS.getCurrentThreadCpuTime();
            List<CacheRow> shown = t.apply(f.analysis().rows());
            w.write(f, shown, i == 0, sink);
            sink.flush();
            long t1 = THREADS.getCurrentThreadCpuTime() - t0;
            if (i >= warmup) out[i - warmup] = t1;
        }
        return out;
    }
}
