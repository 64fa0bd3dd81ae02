package dev.kleaktop.cli;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.session.SeriesPlayer;
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

    private BatchView view = BatchView.CACHES;

    /** Prints {@code v} ({@code --view}). */
    BatchRunner view(BatchView v) {
        this.view = v;
        return this;
    }

    int run() {
        double delay = sampling.delay(true);
        Integer iterations = sampling.iterations();
        double window = sampling.window();
        TableState table = sampling.tableState();
        KernelFs fs = source.fs();
        if (view == BatchView.LEDGER && output.format() == dev.kleaktop.view.batch.BatchFormat.CSV) {
            throw new UsageError("--view ledger: text or json (csv has the caches' columns)");
        }
        BatchWriter writer = output.format().writer(new BatchContext(delay, SystemZone.get(), 0,
                view == BatchView.LEDGER));
        boolean[] failed = {false};
        SessionConfig session = Sessions.config(source, clock, window, SessionConfig.Use.BATCH)
                .withRule(sampling.rule(source.series() != null ? 0 : delay));
        if (source.series() != null) return runSeries(session, writer, table, iterations);
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
     * {@code -b --series}: every sample through the session's collector, as fast as they are
     * read; a frame printed for each, or with {@code -n N} for the last N only (the series is
     * counted first, so that only those are kept). Warnings about skipped samples go to
     * stderr, then a line that counts them; a series that cannot go on is a failure after the
     * frames before it are out.
     */
    private int runSeries(SessionConfig session, BatchWriter writer, TableState table, Integer lastN) {
        SeriesPlayer player = source.series();
        long from = 0;
        if (lastN != null) {
            int total = countSamples(player);
            from = Math.max(0, total - lastN);
        }
        String failure = null;
        long i = 0;
        long printed = 0;
        try (Collector collector = session.open(); player) {
            while (player.advance()) {
                // the first frame counts every OOM event of a --dmesg-file given alongside
                Frame frame = i == 0 ? collector.refreshWithLogHistory(SessionConfig.HISTORY_WAIT) : collector.refresh();
                if (i >= from) {
                    writer.write(frame, table.apply(frame.analysis().rows()), printed == 0, out);
                    printed++;
                    if (out.checkError()) return 0;
                }
                i++;
            }
        } catch (dev.kleaktop.source.SourceException e) {
            failure = e.path() + ": " + e.reason();
        }
        out.flush();
        dev.kleaktop.source.SeriesFile f = player.file();
        for (String w : f.warnings()) err.println("kleaktop: warning: " + dev.kleaktop.view.Text.escape(w));
        if (f.warningsDropped() > 0) err.println("kleaktop: warning: and " + f.warningsDropped() + " more");
        if (f.skipped() > 0 || failure != null && f.samples() > 0) {
            err.println("kleaktop: " + f.name() + ": " + f.samples() + " samples replayed, " + f.skipped() + " skipped"
                    + (failure != null ? ", stopped at a problem" : ""));
        }
        if (f.samples() == 0 && failure == null) {
            failure = f.name() + ": no sample could be read";
        }
        if (failure != null) err.println("kleaktop: " + dev.kleaktop.view.Text.escape(failure));
        err.flush();
        return failure != null ? 1 : 0;
    }

    /** How many samples the series of {@code player} has, read once from its start (problems count at the end). */
    private static int countSamples(SeriesPlayer player) {
        try (dev.kleaktop.source.SeriesFile again = dev.kleaktop.source.SeriesFile.open(java.nio.file.Path.of(player.file().name()))) {
            try {
                while (again.next() != null) { /* counting */ }
            } catch (dev.kleaktop.source.SourceException e) {
                // the replay stops at the same place and says so
            }
            return again.samples();
        } catch (dev.kleaktop.source.SourceException e) {
            return 0;
        }
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
