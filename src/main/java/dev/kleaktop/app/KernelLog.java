package dev.kleaktop.app;

import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmsgReader;
import dev.kleaktop.source.SavedLogReader;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.source.parse.OomParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * OOM-killer events from the kernel log: /dev/kmsg read incrementally (history first, then
 * only new records, never blocking a refresh), or a saved log ({@code --dmesg-file}) read
 * once. Keeps the newest {@value #MAX_EVENTS} events. One thread calls {@link #poll()}.
 */
public final class KernelLog implements AutoCloseable {
    public static final int MAX_EVENTS = 64;

    private final Deque<OomEvent> events = new ArrayDeque<>();
    private final OomParser parser;
    private final List<OomEvent> fresh = new ArrayList<>();
    private final KmsgReader reader;
    private final Path file;
    private final String sourceName;
    private SourceState state;
    private boolean fileRead;
    private long lost;
    private long newSinceStart;
    private boolean historyDone;

    private KernelLog(KmsgReader reader, Path file, SourceState state, String sourceName) {
        this.reader = reader;
        this.file = file;
        this.state = state;
        this.sourceName = sourceName;
        this.parser = new OomParser(fresh::add);
    }

    /** The live kernel log (or a captured tree's dev/kmsg), history first. */
    public static KernelLog kmsg(KernelFs fs, Clock clock) {
        try {
            KmsgReader r = KmsgReader.open(fs, true, clock);
            return new KernelLog(r, null, r.state(), "kmsg");
        } catch (SourceException e) {
            return new KernelLog(null, null, e.toState(), "kmsg");
        }
    }

    /** A saved log ({@code dmesg}, {@code journalctl -k}, syslog, raw kmsg records). */
    public static KernelLog file(Path file) {
        return new KernelLog(null, file, SourceState.OK, "dmesg_file");
    }

    /** {@code kmsg} or {@code dmesg_file}: the name under which {@code sources} lists it. */
    public String sourceName() { return sourceName; }

    /** Reads what is new; returns the events completed by it (possibly none). */
    public List<OomEvent> poll() {
        fresh.clear();
        if (reader != null) {
            KmsgReader.Batch b = reader.drain();
            lost += b.lost();
            for (var r : b.records()) parser.accept(r);
            state = reader.state();
            if (reader.ended()) parser.finish();
            List<OomEvent> done = absorb();
            // what came before the reader first caught up is history, not news
            if (reader.idle()) historyDone = true;
            return done;
        } else if (file != null && !fileRead) {
            fileRead = true;
            try {
                SavedLogReader.read(file, parser::accept);
                parser.finish();
                state = SourceState.OK;
            } catch (SourceException e) {
                state = e.toState();
            }
        }
        return absorb();
    }

    private List<OomEvent> absorb() {
        for (OomEvent e : fresh) {
            events.addLast(e);
            if (events.size() > MAX_EVENTS) events.removeFirst();
        }
        if (historyDone) newSinceStart += fresh.size();
        List<OomEvent> done = List.copyOf(fresh);
        fresh.clear();
        return done;
    }

    /** Every event kept, oldest first, plus one whose report is still being printed. */
    public List<OomEvent> events() {
        List<OomEvent> out = new ArrayList<>(events);
        parser.pending().ifPresent(out::add);
        return out;
    }

    /** Events completed after the first poll, i.e. since kleaktop started (live logs only). */
    public long newSinceStart() { return newSinceStart; }

    /** Records the kernel overwrote before they could be read. */
    public long lost() { return lost; }

    public SourceState state() { return state; }

    /** Reads everything there is and finishes the last report: for one-shot commands. */
    public List<OomEvent> readAll() {
        if (reader != null) {
            // drain until the reader has caught up and nothing more comes (at most ~5 s of
            // waiting, for a kernel that never stops logging)
            int pauses = 0;
            while (pauses < 250) {
                KmsgReader.Batch b = reader.drain();
                lost += b.lost();
                for (var r : b.records()) parser.accept(r);
                absorb();
                if (b.records().isEmpty() && reader.idle()) break;
                if (b.records().isEmpty()) {
                    pause();
                    pauses++;
                }
            }
            state = reader.state();
        } else {
            poll();
        }
        parser.finish();
        absorb();
        return events();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (reader != null) reader.close();
    }
}
