package dev.kleaktop.export;

import dev.kleaktop.app.Frame;
import dev.kleaktop.app.Monitor;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The long-running exporter. One sampling thread refreshes on the {@code -d} cadence: one
 * read of each kernel file, one mapping to metrics, one textfile write. Scrapes only hand
 * out the latest mapped result, so however often and however many servers scrape, the
 * kernel is read once per interval (reading /proc/slabinfo takes kernel locks). Memory is
 * what the {@link dev.kleaktop.analysis.Analyzer} holds (bounded per cache) plus one set of
 * metrics; nothing grows with run time.
 *
 * <p>A refresh never stops the exporter: unreadable sources become {@code
 * kleaktop_source_up 0}, a failed textfile write is reported and retried at the next
 * interval. Only an {@link Error} on the sampling thread ends it, as a failure, so a
 * supervisor (systemd's {@code Restart=on-failure}) starts it afresh.
 */
public final class Exporter implements AutoCloseable {

    /**
     * @param listen     where to serve /metrics, or null for no HTTP server
     * @param textfile   the node_exporter textfile to rewrite, or null
     * @param delayS     seconds between refreshes
     * @param iterations stop after this many refreshes, or null to run until stopped
     * @param allowUnsafeDir write the textfile even where another user could swap it ({@code --allow-unsafe-dir})
     */
    public record Config(ListenAddress listen, Path textfile, double delayS, Integer iterations, boolean allowUnsafeDir) {
        public Config {
            if (listen == null && textfile == null) throw new IllegalArgumentException("nothing to export to");
            if (!(delayS > 0)) throw new IllegalArgumentException("delay");
        }

        public Config(ListenAddress listen, Path textfile, double delayS, Integer iterations) {
            this(listen, textfile, delayS, iterations, false);
        }
    }

    /** The file behind each source, to name it in messages. */
    private static final Map<String, String> SOURCE_FILES = Map.of(
            Sampler.SRC_SLABINFO, KernelFs.SLABINFO, Sampler.SRC_MEMINFO, KernelFs.MEMINFO,
            Sampler.SRC_SYSFS, KernelFs.SYS_SLAB, KernelEvents.SRC_KMSG, KernelFs.KMSG,
            KernelEvents.SRC_KMEMLEAK, KernelFs.KMEMLEAK);

    private final Config config;
    private final Monitor monitor;
    private final KernelEvents events;
    private final MetricsMapper mapper;
    private final PrintWriter err;
    private final TextfileWriter textfile;
    private final AtomicReference<MetricSnapshots> latest = new AtomicReference<>();
    /** What the HTTP server sends: the latest refresh, encoded once per format. */
    private volatile EncodedMetrics encoded;
    private final CountDownLatch stopped = new CountDownLatch(1);

    // Touched by the sampling thread only (and by start() before it exists).
    private ExportFrame.OomTotals oomTotals;
    private long refreshes;
    private Map<String, String> lastStates = Map.of();
    private String lastTextfileError;

    private volatile Throwable failure;
    private ScheduledExecutorService scheduler;
    private MetricsServer server;
    private boolean closed;
    /** Whether the latest textfile write failed (a {@code -n} run then ends in failure). */
    private volatile boolean textfileFailed;

    public Exporter(Config config, Monitor monitor, KernelEvents events, MetricsMapper mapper, PrintWriter err) {
        this.config = config;
        this.monitor = monitor;
        this.events = events;
        this.mapper = mapper;
        this.err = err;
        this.textfile = config.textfile() == null ? null : new TextfileWriter(config.textfile(), config.allowUnsafeDir());
    }

    /**
     * Takes the first refresh, writes the textfile once and binds the HTTP server, so that a
     * bad path or a busy port fails here, at start, rather than later in the background;
     * then starts the sampling thread.
     *
     * @throws IOException when the textfile cannot be written or the address not bound
     */
    public synchronized void start() throws IOException {
        // a signal's shutdown hook closed it before it started: nothing to start, quietly
        if (closed) return;
        Map<String, SourceState> first = refresh();
        if (textfile != null) {
            try {
                textfile.write(latest.get());
            } catch (IOException e) {
                throw new IOException(textfile.target() + ": " + reason(e), e);
            }
        }
        if (config.listen() != null) {
            try {
                server = new MetricsServer(new InetSocketAddress(config.listen().address(), config.listen().port()),
                        MetricsServer.Limits.DEFAULT, () -> encoded, err, this::fail);
            } catch (IOException e) {
                throw new IOException("--listen " + config.listen().authority(config.listen().port()) + ": " + reason(e), e);
            }
        }
        // Only now: a start that fails says one thing, why it failed.
        reportChanges(first);
        if (done()) {
            stopped.countDown();
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kleaktop-export-sampler");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, Math.round(config.delayS() * 1000));
        scheduler.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The port the HTTP server is bound to (useful with port 0), or -1 without one. */
    public synchronized int port() { return server == null ? -1 : server.port(); }

    /** The metrics of the latest refresh, as a scrape gets them. */
    public MetricSnapshots latest() {
        MetricSnapshots s = latest.get();
        return s == null ? MetricSnapshots.of() : s;
    }

    /** Blocks until the exporter stops: after {@code -n} refreshes, {@link #close()}, or a fatal error. */
    public void awaitStop() throws InterruptedException { stopped.await(); }

    /** What ended the exporter abnormally, or null. */
    public Throwable failure() { return failure; }

    /** Whether the latest write of the textfile failed (it was reported on stderr). */
    public boolean textfileFailed() { return textfileFailed; }

    /** An {@link Error} on one of the exporter's threads ends it, as a failure. */
    private void fail(Throwable t) {
        failure = t;
        stopped.countDown();
    }

    private void tick() {
        try {
            reportChanges(refresh());
            if (textfile != null) writeTextfile();
        } catch (RuntimeException e) {
            // A bug in one refresh must not silence the exporter: the scheduler drops a task
            // that throws. Report it and keep the last good metrics.
            err.println("kleaktop: export: refresh failed: " + describe(e));
            err.flush();
        } catch (Error e) {
            fail(e);
            throw e;
        }
        if (done()) stopped.countDown();
    }

    private boolean done() {
        return config.iterations() != null && refreshes >= config.iterations();
    }

    /** One refresh; returns the state of every source for {@link #reportChanges}. */
    private Map<String, SourceState> refresh() {
        Frame frame = monitor.refresh();
        KernelEvents.OomKills kills = events.pollOomKills();
        if (kills.state().ok()) {
            oomTotals = (oomTotals == null ? new ExportFrame.OomTotals(0, 0) : oomTotals).plus(kills);
        }
        KernelEvents.KmemleakCount km = events.kmemleakCount();
        ExportFrame ef = new ExportFrame(frame, kills.state(), oomTotals, km);
        MetricSnapshots s = mapper.map(ef);
        latest.set(s);
        if (config.listen() != null) {
            EncodedMetrics before = encoded;
            encoded = before == null ? new EncodedMetrics(s) : before.next(s);
        }
        refreshes++;
        Map<String, SourceState> states = new LinkedHashMap<>(frame.sources());
        states.put(KernelEvents.SRC_KMSG, kills.state());
        states.put(KernelEvents.SRC_KMEMLEAK, km.state());
        return states;
    }

    /** One line on stderr when a source becomes unavailable or comes back, not at every refresh. */
    private void reportChanges(Map<String, SourceState> states) {
        Map<String, String> now = new HashMap<>();
        for (Map.Entry<String, SourceState> e : states.entrySet()) {
            String d = e.getValue().describe();
            now.put(e.getKey(), d);
            String before = lastStates.get(e.getKey());
            if (d.equals(before) || (before == null && e.getValue().ok())) continue;
            String rel = SOURCE_FILES.get(e.getKey());
            String path = rel == null ? null : monitor.fs().display(rel);
            String what = path == null || d.startsWith(path) ? e.getKey() : e.getKey() + " (" + path + ")";
            err.println("kleaktop: export: source " + what + ": " + (e.getValue().ok() ? "ok again" : d));
        }
        err.flush();
        lastStates = now;
    }

    private void writeTextfile() {
        try {
            textfile.write(latest.get());
            textfileFailed = false;
            if (lastTextfileError != null) {
                err.println("kleaktop: " + textfile.target() + ": written again");
                lastTextfileError = null;
            }
        } catch (IOException e) {
            textfileFailed = true;
            String why = reason(e);
            if (!why.equals(lastTextfileError)) err.println("kleaktop: " + textfile.target() + ": " + why);
            lastTextfileError = why;
        }
        err.flush();
    }

    /** What went wrong, in words: the message, not the exception's class (that takes --debug). */
    public static String describe(Throwable t) {
        return dev.kleaktop.view.Failures.why(t, "internal error");
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return describe(e);
    }

    /** Stops the sampling thread, then the HTTP server, then the event sources. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) scheduler.shutdownNow();
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) server.close();
        events.close();
        stopped.countDown();
    }
}
