package dev.kleaktop.cli;

import dev.kleaktop.session.KmemleakSource;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.EventOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kleaktop kmemleak [report|scan|clear]}: read, scan or clear kmemleak's suspects. */
@Command(name = "kmemleak", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 80,
        header = "Show kmemleak's suspected leaks, or trigger a scan or a clear.",
        description = {"Show kmemleak's suspected leaks grouped by allocation backtrace (report, the"
                + " default), trigger a scan (blocks until the kernel finishes; fresh objects need two"
                + " scans) or clear the current suspects. Needs root and debugfs;"
                + " scan and clear write to the kernel and are refused with --read-only."})
final class KmemleakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "report",
            completionCandidates = Actions.class, description = "report (default), scan or clear.")
    String action;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read a saved report (or a kernel log with kmemleak.verbose output) instead of debugfs.")
    Path file;

    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    static final class Actions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return List.of("report", "scan", "clear").iterator(); }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BatchFormat format = output.format();
        if (format == BatchFormat.CSV) throw new UsageError("kmemleak: --format must be text or json");
        // the same report named twice must be the same file: which one was meant cannot be guessed
        if (file != null && source.kmemleakFile() != null
                && !file.toAbsolutePath().normalize().equals(source.kmemleakFile().toAbsolutePath().normalize())) {
            throw new UsageError("kmemleak: --file " + file + " and --kmemleak-file " + source.kmemleakFile()
                    + " name different reports (give one)");
        }
        KernelFs fs = source.fs();
        KmemleakSource km = Sessions.kmemleak(source, Clock.systemUTC(), file);
        String where = file != null ? file.toString() : source.kmemleakFile() != null
                ? source.kmemleakFile().toString() : fs.display(KernelFs.KMEMLEAK);
        switch (action.toLowerCase(Locale.ROOT)) {
            case "report" -> report(out, format, where, read(km));
            case "scan" -> scan(out, format, where, km);
            case "clear" -> clear(out, format, where, km);
            default -> throw new UsageError("kmemleak: unknown action '" + action + "' (report, scan, clear)");
        }
        out.flush();
        return 0;
    }

    private static KmemleakReport read(KmemleakSource km) {
        try {
            return km.readReport();
        } catch (SourceException e) {
            throw failure(e);
        }
    }

    private static void report(PrintWriter out, BatchFormat format, String where, KmemleakReport r) {
        print(out, EventOutput.report(format, r, where));
    }

    private static void scan(PrintWriter out, BatchFormat format, String where, KmemleakSource km) {
        KmemleakControl.ScanResult s;
        try {
            s = km.scan();
        } catch (SourceException e) {
            throw failure(e);
        }
        print(out, EventOutput.scan(format, s, where));
    }

    private static void clear(PrintWriter out, BatchFormat format, String where, KmemleakSource km) {
        KmemleakReport after;
        try {
            km.clear();
            after = km.readReport();
        } catch (SourceException e) {
            throw failure(e);
        }
        print(out, EventOutput.cleared(format, after, where));
    }

    private static void print(PrintWriter out, List<String> lines) {
        for (String l : lines) out.println(l);
    }

    /** A refusal under --read-only is the user's own choice (exit 2); the rest is exit 1. */
    static RuntimeException failure(SourceException e) {
        String msg = e.path() + ": " + e.reason() + (e.fix().isEmpty() ? "" : " (" + e.fix() + ")");
        if (e.reason().endsWith("--read-only")) return new UsageError(msg);
        return new RuntimeFailure(msg);
    }
}
