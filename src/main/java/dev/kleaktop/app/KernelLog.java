package dev.kleaktop.app;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.kmsg.KmsgReader;
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
 * once. Keeps the newest {@value #MAX_EVENTS} events (a one-shot listing may keep more,
 * {@link #keepUpTo}). One thread calls {@link #poll()}.
 *
 * <p>The live device's records are parsed on its reader thread as they arrive (the history
 * is thousands of records: parsing them in the first refresh would hold it up); {@code poll}
 * takes the events completed meanwhile. The parser's state is guarded by {@code lock}.
 */
public final class KernelLog implements AutoCloseable {
    public static final int MAX_EVENTS = 64;

    private final Object lock = new Object();
    private int maxEvents = MAX_EVENTS;
    private long dropped;
    private final Deque<OomEvent> events = new ArrayDeque<>();
    private final OomParser parser;
    private final List<OomEvent> fresh = new ArrayList<>();
    private KmsgReader reader;
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
        KernelLog log = kmsgNotStarted(fs, clock);
        log.start();
        return log;
    }

    /**
     * The live kernel log, opened (its state known) but not read until {@link #start()}: the
     * screen starts it once its first frame is up, so that reading thousands of records does
     * not compete with the first frame for the CPU.
     */
    public static KernelLog kmsgNotStarted(KernelFs fs, Clock clock) {
        KernelLog log = new KernelLog(null, null, SourceState.OK, "kmsg");
        try {
            log.reader = KmsgReader.openStopped(fs, true, clock, log::onRecord);
            log.state = log.reader.state();
        } catch (SourceException e) {
            log.state = e.toState();
        }
        return log;
    }

    /** Starts reading a log made by {@link #kmsgNotStarted}; nothing for any other, or when started. */
    public void start() {
        KmsgReader r;
        synchronized (lock) {
            r = reader;
        }
        if (r != null) r.start();
    }

    /**
     * Whether the history (what the log held when kleaktop started) has been read and parsed:
     * a poll found the reader caught up, a saved file was read, or there is nothing to read.
     */
    public boolean historyRead() {
        synchronized (lock) {
            if (reader != null) return historyDone || reader.ended() || !state.ok();
            return file == null || fileRead;
        }
    }

    /** A record of the live device, on its reader thread. */
    private void onRecord(LogRecord r) {
        synchronized (lock) {
            parser.accept(r);
        }
    }

    /** A saved log ({@code dmesg}, {@code journalctl -k}, syslog, raw kmsg records). */
    public static KernelLog file(Path file) {
        return new KernelLog(null, file, SourceState.OK, "dmesg_file");
    }

    /** Keeps the newest {@code n} events instead of {@value #MAX_EVENTS}; before the first poll. */
    public KernelLog keepUpTo(int n) {
        synchronized (lock) {
            maxEvents = Math.max(1, n);
        }
        return this;
    }

    /** Completed events let go because more than the kept number came. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** {@code kmsg} or {@code dmesg_file}: the name under which {@code sources} lists it. */
    public String sourceName() { return sourceName; }

    /** Reads what is new; returns the events completed by it (possibly none). */
    public List<OomEvent> poll() {
        synchronized (lock) {
            return pollLocked();
        }
    }

    private List<OomEvent> pollLocked() {
        if (reader != null) {
            // idle before draining: what the reader had when it was idle is all in after it.
            // Asked only until the history is done (without the exact end, idle() reads the
            // reader's wchan: not a file for every refresh)
            boolean idle = !historyDone && reader.idle();
            KmsgReader.Batch b = reader.drain();
            lost += b.lost();
            for (var r : b.records()) parser.accept(r);
            state = reader.state();
            if (reader.ended()) parser.finish();
            List<OomEvent> done = absorb();
            // what came before the reader first caught up is history, not news
            if (idle) historyDone = true;
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

    private List<OomEvent> absorb() {  // holding lock
        if (reader != null) {
            // the reader hands records over without wall times: give the events theirs
            for (int i = 0; i < fresh.size(); i++) fresh.set(i, timed(fresh.get(i)));
        }
        for (OomEvent e : fresh) {
            events.addLast(e);
            if (events.size() > maxEvents) {
                events.removeFirst();
                dropped++;
            }
        }
        if (historyDone) newSinceStart += fresh.stream().filter(OomEvent::isKill).count();   // kills, not header-only events
        List<OomEvent> done = List.copyOf(fresh);
        fresh.clear();
        return done;
    }

    private OomEvent timed(OomEvent e) {
        if (reader == null || e.time() != null || e.uptimeS() == null) return e;
        String t = reader.wallTimeOf(e.uptimeS());
        return t == null ? e : e.withTime(t);
    }

    /** Every event kept, oldest first, plus one whose report is still being printed. */
    public List<OomEvent> events() {
        synchronized (lock) {
            List<OomEvent> out = new ArrayList<>(events);
            parser.pending().map(this::timed).ifPresent(out::add);
            return out;
        }
    }

    /**
     * Waits until the history the kernel had is read and parsed (the reader waits for new
     * records, or a captured file is read to its end), at most {@code max}; then polls. For
     * one-shot output ({@code kleaktop -b}), whose first frame must count every OOM event
     * logged before it started.
     *
     * @return true when the history is complete, false on timeout
     */
    public boolean awaitHistory(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        if (reader == null) {
            poll();
            return true;
        }
        while (true) {
            boolean idle = reader.idle();
            poll();
            if (idle) return true;
            if (System.nanoTime() > deadline) return false;
            if (!reader.ended()) pauseShort();
        }
    }

    private static void pauseShort() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills (events with a victim) completed after the first poll, i.e. since kleaktop started (live logs only). */
    public long newSinceStart() { return newSinceStart; }

    /** Records the kernel overwrote before they could be read. */
    public long lost() { return lost; }

    public SourceState state() { return state; }

    /** Reads everything there is and finishes the last report: for one-shot commands. */
    public List<OomEvent> readAll() {
        // until the reader has caught up (at most ~5 s, for a kernel that never stops logging)
        awaitHistory(java.time.Duration.ofSeconds(5));
        synchronized (lock) {
            parser.finish();
            absorb();
        }
        return events();
    }

    @Override
    public void close() {
        if (reader != null) reader.close();
    }
}
