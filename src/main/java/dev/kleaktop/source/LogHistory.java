package dev.kleaktop.source;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.OomParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The OOM kills in the whole kernel log as it stands now: a saved log ({@code --dmesg-file}),
 * a captured {@code dev/kmsg} file under the root, or the live {@code /dev/kmsg} read from
 * its oldest record to the newest present when the call began. Blocks up to the timeout.
 */
public final class LogHistory {
    /** What was found, and whether the log could be read ({@code source} names it). */
    public record Oom(List<OomEvent> events, SourceState state, String source) {
        public Oom {
            events = List.copyOf(events);
        }
    }

    private LogHistory() {}

    public static Oom oomEvents(KernelFs fs, Clock clock, Path dmesgFile, Duration timeout) {
        List<OomEvent> events = new ArrayList<>();
        OomParser parser = new OomParser(events::add);
        if (dmesgFile != null) {
            try {
                SavedLogReader.read(dmesgFile, parser::accept);
            } catch (SourceException e) {
                return new Oom(List.of(), e.toState(), dmesgFile.toString());
            }
            parser.finish();
            return new Oom(events, SourceState.OK, dmesgFile.toString());
        }
        String shown = fs.display(KernelFs.KMSG);
        boolean file = Files.isRegularFile(fs.resolve(KernelFs.KMSG));
        SourceState state;
        try (KmsgReader all = KmsgReader.open(fs, true, clock)) {
            long upTo = Long.MAX_VALUE;
            if (!file) {
                // A device never ends: a second reader from the end tells which record is the
                // newest now, and the first one reads up to it.
                try (KmsgReader mark = KmsgReader.open(fs, false, null)) {
                    mark.awaitCaughtUp(timeout);
                    upTo = mark.lastSeq();
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean timedOut = false;
            while (true) {
                List<LogRecord> batch = all.drain().records();
                for (LogRecord r : batch) parser.accept(r);
                if (!all.state().ok() || all.ended() || (!file && all.lastSeq() >= upTo)) break;
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                if (batch.isEmpty()) Thread.sleep(10);
            }
            state = !all.state().ok() ? all.state()
                    : timedOut ? SourceState.unavailable("not read to the end within " + timeout.toSeconds() + " s", "")
                    : SourceState.OK;
        } catch (SourceException e) {
            state = e.toState();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = SourceState.unavailable("interrupted", "");
        }
        parser.finish();
        return new Oom(events, state, shown);
    }
}
