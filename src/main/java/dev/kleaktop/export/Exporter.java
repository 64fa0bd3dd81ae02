package dev.kleaktop.export;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.session.FrameSink;
import dev.kleaktop.session.SamplingLoop;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The long-running exporter, on the session's {@link Collector}: a {@link SamplingLoop} refreshes
 * on the {@code -d} cadence, on a thread of its own: one read of each kernel file, one
 * mapping to metrics, one textfile write. Scrapes only hand
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
            SourceId.SLABINFO.id(), KernelFs.SLABINFO, SourceId.MEMINFO.id(), KernelFs.MEMINFO,
            SourceId.SYSFS_SLAB.id(), KernelFs.SYS_SLAB, SourceId.KMSG.id(), KernelFs.KMSG,
            SourceId.KMEMLEAK.id(), KernelFs.KMEMLEAK);
    /** Records lost from the kernel log are said at most this often. */
    static final long LOSS_REPORT_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    private final Config config;
    private final Collector collector;
    private final SamplingLoop loop;
    private final MetricsMapper mapper;
    private final PrintWriter err;
    private final TextfileWriter textfile;
    private final AtomicReference<MetricSnapshots> latest = new AtomicReference<>();
    /** What the HTTP server sends: the latest refresh, encoded once per format. */
    private volatile EncodedMetrics encoded;
    private final CountDownLatch stopped = new CountDownLatch(1);

    // Touched by the sampling thread only (and by start() before it exists).
    private long refreshes;
    private long lostSeen;
    private long lostSinceReport;
    private long lastLossReport;
    private boolean lossReported;
    private Map<String, String> lastStates = Map.of();
    private String lastTextfileError;

    private volatile Throwable failure;
    private boolean sampling;
    private MetricsServer server;
    private boolean closed;
    /** Whether the latest textfile write failed (a {@code -n} run then ends in failure). */
    private volatile boolean textfileFailed;

    /** @param collector the session (made with {@code SessionConfig.export}); the exporter closes it */
    public Exporter(Config config, Collector collector, MetricsMapper mapper, PrintWriter err) {
        this.config = config;
        this.collector = collector;
        this.loop = new SamplingLoop(collector);
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
        Map<String, SourceState> first = refresh(collector.refresh());
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
                        ServerLimits.DEFAULT, () -> encoded, err, this::fail);
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
        sampling = true;
        loop.start("kleaktop-export-sampler", config.delayS(), true, new FrameSink() {
            @Override
            public boolean accept(Frame frame, long index) { return tick(frame); }

            @Override
            public boolean failed(RuntimeException e) {
                refreshFailed(e);
                return true;
            }

            @Override
            public void ended(Throwable why) {
                if (why != null) fail(why);
                stopped.countDown();
            }
        });
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

    /** One refresh of the loop; false when the exporter is done. */
    private boolean tick(Frame frame) {
        try {
            reportChanges(refresh(frame));
            if (textfile != null) writeTextfile();
        } catch (RuntimeException e) {
            refreshFailed(e);
        }
        return !done();
    }

    /** A bug in one refresh must not silence the exporter: it is reported, the last good metrics kept. */
    private void refreshFailed(RuntimeException e) {
        err.println("kleaktop: export: refresh failed: " + describe(e));
        err.flush();
    }

    private boolean done() {
        return config.iterations() != null && refreshes >= config.iterations();
    }

    /** One refresh; returns the state of every source for {@link #reportChanges}. */
    private Map<String, SourceState> refresh(Frame frame) {
        ExportFrame ef = ExportFrame.of(frame);
        reportLoss(frame.log().lost());
        MetricSnapshots s = mapper.map(ef);
        latest.set(s);
        if (config.listen() != null) {
            EncodedMetrics before = encoded;
            encoded = before == null ? new EncodedMetrics(s) : before.next(s);
        }
        refreshes++;
        return frame.sources();
    }

    /**
     * Records the kernel overwrote before they could be read (a log flood), on stderr at most
     * once per {@link #LOSS_REPORT_NANOS}: kills among them are not counted.
     */
    private void reportLoss(long lostTotal) {
        lostSinceReport += lostTotal - lostSeen;
        lostSeen = lostTotal;
        long now = System.nanoTime();
        if (lostSinceReport == 0 || (lossReported && now - lastLossReport < LOSS_REPORT_NANOS)) return;
        err.println("kleaktop: export: " + collector.fs().display(KernelFs.KMSG) + ": " + lostSinceReport
                + " records overwritten before they could be read; OOM kills among them are not counted");
        err.flush();
        lostSinceReport = 0;
        lastLossReport = now;
        lossReported = true;
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
            String path = rel == null ? null : collector.fs().display(rel);
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

    /** Stops the sampling loop, then the HTTP server, then the session's sources. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (sampling) loop.stop(5000);
        if (server != null) server.close();
        collector.close();
        stopped.countDown();
    }
}
