package dev.kleaktop.cli;

import dev.kleaktop.app.KernelLog;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.store.EventFields;
import dev.kleaktop.view.EventText;
import dev.kleaktop.view.Text;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.JsonText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Path file = Sessions.logFile(source, fs);
        String shown = file != null ? file.toString() : fs.display(KernelFs.KMSG);
        long dropped;
        try (KernelLog log = Sessions.kernelLog(source, fs, Clock.systemUTC()).keepUpTo(MAX_LISTED)) {
            events = log.readAll();
            state = log.state();
            dropped = log.dropped();
        }
        if (state instanceof SourceState.Unavailable u && events.isEmpty()) {
            throw new RuntimeFailure(shown + ": " + u.describe());
        }
        if (format == BatchFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("events", EventFields.oom(events));
            out.println(JsonText.write(doc));
        } else {
            printText(out, events, shown);
            if (dropped > 0) out.println("(" + dropped + " older events not listed; the newest " + MAX_LISTED + " are)");
        }
        out.flush();
        return 0;
    }

    static void printText(PrintWriter out, List<OomEvent> events, String source) {
        if (events.isEmpty()) {
            out.println("no OOM-killer events in " + Text.escape(source));
            return;
        }
        String[] head = {"WHEN", "KIND/MEMCG", "VICTIM", "RSS", "ADJ", "TOP UNRECLAIMABLE SLAB", "REPORT"};
        String[][] rows = new String[events.size()][];
        for (int i = 0; i < events.size(); i++) {
            OomEvent e = events.get(i);
            rows[i] = new String[] {EventText.when(e), EventText.kindAndMemcg(e), EventText.victim(e), EventText.rss(e),
                    e.oomScoreAdj() == null ? "-" : e.oomScoreAdj().toString(), EventText.topUnreclaimable(e, 3),
                    EventText.report(e)};
        }
        TextTable.print(out, head, rows, new boolean[] {false, false, false, true, true, false, false});
        out.println();
        long kills = events.stream().filter(OomEvent::isKill).count();
        long partial = events.stream().filter(e -> Boolean.FALSE.equals(e.complete())).count();
        out.println(events.size() + (events.size() == 1 ? " OOM-killer event" : " OOM-killer events") + " in "
                + Text.escape(source) + (kills == events.size() ? "" : " (" + kills + (kills == 1 ? " kill" : " kills") + ")")
                + (partial == 0 ? "" : "; " + partial + " from partial reports (see REPORT)"));
    }
}
