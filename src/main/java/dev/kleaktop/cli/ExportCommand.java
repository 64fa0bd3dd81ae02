package dev.kleaktop.cli;

import dev.kleaktop.session.Collector;
import dev.kleaktop.session.SessionConfig;
import dev.kleaktop.export.Exporter;
import dev.kleaktop.export.ListenAddress;
import dev.kleaktop.export.MetricsMapper;
import dev.kleaktop.export.Selection;
import dev.kleaktop.view.TableState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kleaktop export}: Prometheus metrics over HTTP and/or in a node_exporter textfile. */
@Command(name = "export",
        header = "Serve or write Prometheus metrics for fleets.",
        sortOptions = false,
        usageHelpWidth = 80,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prometheus metrics for fleets: serves /metrics over HTTP and/or rewrites a",
            "node_exporter textfile, refreshing every -d seconds (default " + ExportCommand.DEFAULT_DELAY_TEXT + ").",
            "Scrapes get the latest refresh; the kernel is read once per interval.",
            "With neither --listen nor --textfile, serves on " + ListenAddress.DEFAULT_HOST + ":"
                    + ListenAddress.DEFAULT_PORT + ".",
            "Runs until SIGTERM/SIGINT, or for -n refreshes.",
            "",
        },
        footerHeading = "%n",
        footer = {
            "Series: of the caches that pass -f, --top N keeps up to N/2 with the fastest",
            "growth, then the largest up to N (or the first N by -s KEY); every leak suspect",
            "that passes -f is added. Caches whose name repeats in /proc/slabinfo carry an",
            "index label (0 for the first, 1, ...) besides cache.",
            "Rate window: -w, default " + ExportCommand.WINDOW_INTERVALS + " intervals and at least 60 s ("
                    + (int) (ExportCommand.WINDOW_INTERVALS * ExportCommand.DEFAULT_DELAY) + " s at the default -d).",
            "OOM kills: counted from /dev/kmsg from start-up on. kmemleak: the report is read",
            "at start, when the kernel log reports new suspects, and every 10 minutes.",
        })
public final class ExportCommand implements Callable<Integer> {
    static final double DEFAULT_DELAY = 15;
    static final String DEFAULT_DELAY_TEXT = "15";
    static final int WINDOW_INTERVALS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "[ADDR]:PORT",
            description = "Serve /metrics on ADDR:PORT. ADDR defaults to 127.0.0.1, also for ':PORT';"
                    + " all addresses: 0.0.0.0:PORT or [::]:PORT. Default port " + ListenAddress.DEFAULT_PORT + ".")
    String listen;

    @Option(names = "--textfile", paramLabel = "FILE",
            description = "Rewrite FILE atomically every interval for node_exporter's textfile collector"
                    + " (name it *.prom in its --collector.textfile.directory).")
    Path textfile;

    @Option(names = "--top", paramLabel = "N",
            description = "Export at most N caches, plus every leak suspect (default " + Selection.DEFAULT_TOP + "; 0 = all).")
    Integer top;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    @Mixin
    WriteOptions write;

    /** The address parsed by {@link #build}, or null without HTTP. */
    private ListenAddress address;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Exporter exporter = build(err);
        Thread hook = new Thread(exporter::close, "kleaktop-export-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal came before the exporter started: nothing was started, nothing to say
            exporter.close();
            return 0;
        }
        try {
            try {
                exporter.start();
            } catch (IOException e) {
                throw new RuntimeFailure(e.getMessage());
            }
            announce(exporter, err);
            exporter.awaitStop();
        } finally {
            exporter.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // SIGTERM: the hook is running or has run; nothing to remove
            }
        }
        Throwable f = exporter.failure();
        if (f != null) throw new RuntimeFailure("export: stopped: " + Exporter.describe(f), f);
        // a -n run whose last textfile write failed (reported when it did) has not done its job
        if (exporter.textfileFailed()) {
            throw new RuntimeFailure(textfile + ": the last write failed; the file holds an earlier refresh");
        }
        return 0;
    }

    /** Validates the options and wires the exporter (not started). Usage errors exit 2. */
    Exporter build(PrintWriter err) {
        // --format, --dmesg-file, --kmemleak-file and --read-only are not export's (Accepted)
        Double d = sampling.delayOrNull();
        double delay = d == null ? DEFAULT_DELAY : sampling.delay(false);
        Double w = sampling.windowOrNull();
        double window = w == null ? Math.max(SamplingOptions.DEFAULT_WINDOW, WINDOW_INTERVALS * delay) : sampling.window();
        Integer iterations = sampling.iterations();
        int n = top == null ? Selection.DEFAULT_TOP : top;
        if (n < 0) throw new UsageError("--top: must be 0 (all) or more, not " + n);
        TableState table = sampling.tableState();
        Selection selection = sampling.sortKey() == null ? Selection.growthAndSize(n, table)
                : Selection.ranked(n, table, table.comparator());

        ListenAddress addr = null;
        if (listen != null) {
            try {
                addr = ListenAddress.parse(listen);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--listen " + listen + ": " + e.getMessage());
            }
        } else if (textfile == null) {
            addr = ListenAddress.defaultAddress();
        }
        if (textfile != null) {
            Path parent = textfile.toAbsolutePath().normalize().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageError("--textfile " + textfile + ": directory " + parent + " does not exist");
            }
            if (Files.isDirectory(textfile)) throw new UsageError("--textfile " + textfile + ": is a directory");
        }
        Collector collector = SessionConfig.export(source.fs(), Clock.systemUTC(), window, sampling.rule(delay)).open();
        address = addr;
        return new Exporter(new Exporter.Config(addr, textfile, delay, iterations, write.allowUnsafeDir()), collector,
                new MetricsMapper(selection), err);
    }

    private void announce(Exporter exporter, PrintWriter err) {
        StringBuilder b = new StringBuilder("kleaktop export:");
        if (address != null) b.append(" serving http://").append(address.authority(exporter.port())).append("/metrics");
        if (textfile != null) b.append(address != null ? "," : "").append(" writing ").append(textfile);
        err.println(b);
        err.flush();
    }
}
