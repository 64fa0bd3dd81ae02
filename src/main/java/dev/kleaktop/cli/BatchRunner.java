package dev.kleaktop.cli;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.session.SessionConfig;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import dev.kleaktop.view.TableState;
import dev.kleaktop.view.batch.BatchContext;
import dev.kleaktop.view.batch.BatchWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code kleaktop -b}: refreshes at the requested pace and prints each with the chosen
 * writer. Stops after {@code -n} refreshes or when the reader of standard output goes away
 * ({@code kleaktop -b | head}).
 */
final class BatchRunner {
    private final SamplingOptions sampling;
    private final SourceOptions source;
    private final OutputOptions output;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;

    BatchRunner(SamplingOptions sampling, SourceOptions source, OutputOptions output, PrintWriter out, PrintWriter err) {
        this(sampling, source, output, out, err, Clock.systemUTC());
    }

    BatchRunner(SamplingOptions sampling, SourceOptions source, OutputOptions output, PrintWriter out, PrintWriter err,
                Clock clock) {
        this.sampling = sampling;
        this.source = source;
        this.output = output;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run() {
        double delay = sampling.delay(true);
        Integer iterations = sampling.iterations();
        double window = sampling.window();
        TableState table = sampling.tableState();
        KernelFs fs = source.fs();
        BatchWriter writer = output.format().writer(new BatchContext(delay, SystemZone.get(), 0));
        boolean[] failed = {false};
        SessionConfig session = Sessions.config(source, clock, window, SessionConfig.Use.BATCH);
        try (Collector collector = session.open()) {
            // the first frame counts every OOM event logged before the start (the session's loop waits for it)
            session.loop(collector).run(delay, false, (frame, i) -> {
                List<CacheRow> rows = table.apply(frame.analysis().rows());
                writer.write(frame, rows, i == 0, out);
                if (out.checkError()) return false; // the reader went away: stop quietly
                if (i == 0) failed[0] = reportUnavailable(fs, frame);
                return iterations == null || i + 1 < iterations;
            });
        }
        return failed[0] ? 1 : 0;
    }

    /**
     * Names, once on stderr, slabinfo when it could not be read (the one source without which
     * there is nothing to show), a meminfo that is there but cannot be read, and a file named
     * on the command line that could not be read. True if any. A missing meminfo and every
     * other source (sysfs, the kernel log, kmemleak: a mailing list's slabinfo comes without
     * them) is a state shown in the header and in {@code sources}, and the run succeeds.
     */
    private boolean reportUnavailable(KernelFs fs, Frame frame) {
        boolean failed = false;
        for (Map.Entry<String, String> e : Map.of(SourceId.SLABINFO.id(), KernelFs.SLABINFO,
                SourceId.MEMINFO.id(), KernelFs.MEMINFO).entrySet()) {
            SourceState st = frame.sources().get(e.getKey());
            if (!(st instanceof SourceState.Unavailable u)) continue;
            // a missing meminfo is a source shown unavailable (published slabinfo fixtures come
            // without one); one that is there but cannot be read, or is over its limit, is a failure
            if (e.getKey().equals(SourceId.MEMINFO.id()) && !fs.exists(e.getValue())) continue;
            String shown = fs.display(e.getValue());
            err.println("kleaktop: " + (u.reason().startsWith(shown) ? u.reason() : shown + ": " + st.describe()));
            failed = true;
        }
        // files named on the command line must be readable (as for kleaktop snapshot)
        String[] named = {Sessions.namedFileProblem(frame.sources(), SourceId.DMESG_FILE.id(), source.dmesgFile()),
            Sessions.namedFileProblem(frame.sources(), SourceId.KMEMLEAK.id(), source.kmemleakFile())};
        for (String problem : named) {
            if (problem != null) {
                err.println("kleaktop: " + problem);
                failed = true;
            }
        }
        err.flush();
        return failed;
    }
}
