package dev.kleaktop.cli;

import dev.kleaktop.session.KernelLog;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.EventOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kleaktop oom}: the OOM-killer events of the live kernel log or a saved one. */
@Command(name = "oom", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpWidth = 80,
        header = "List OOM-killer events from the live kernel log or a saved one.",
        description = {"List OOM-killer events, newest last, from the live kernel log (/dev/kmsg,"
                + " needs root or dmesg_restrict=0) or a saved one (--dmesg-file: dmesg, dmesg -T,"
                + " journalctl -k, syslog, raw kmsg records)."})
final class OomCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    /** Events listed at most: every one a real log holds, within bounded memory. */
    static final int MAX_LISTED = 10_000;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BatchFormat format = output.format();
        if (format == BatchFormat.CSV) throw new UsageError("oom: --format must be text or json");
        KernelFs fs = source.fs();
        List<OomEvent> events;
        SourceState state;
        Path file = Sessions.logFile(source);
        String shown = file != null ? file.toString() : fs.display(KernelFs.KMSG);
        long dropped;
        boolean cut;
        try (KernelLog log = Sessions.kernelLog(source, Clock.systemUTC()).keepUpTo(MAX_LISTED)) {
            events = log.readAll();
            state = log.state();
            dropped = log.dropped();
            cut = log.historyCut();
        }
        if (state instanceof SourceState.Unavailable u && events.isEmpty()) {
            throw new RuntimeFailure(shown + ": " + u.describe());
        }
        if (cut) {
            spec.commandLine().getErr().println("kleaktop: " + shown + ": still reading after "
                    + KernelLog.ONE_SHOT_WAIT_S + " s; the newest events may be missing");
        }
        for (String line : EventOutput.oom(format, events, shown, dropped, MAX_LISTED)) out.println(line);
        out.flush();
        return 0;
    }
}
