package dev.kleaktop.session;

import dev.kleaktop.model.SourceId;
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
import java.util.Optional;

/**
 * OOM-killer events from the kernel log, the one follower of it for the screen, batch and
 * export: /dev/kmsg read incrementally (history first, then only new records, never blocking
 * a refresh; or from its end, {@link #kmsgFromEnd}, for the export's counters), or a saved log
 * ({@code --dmesg-file}) read once. Keeps the newest {@value #MAX_EVENTS} events (a one-shot listing may keep more,
 * {@link #keepUpTo}). One thread calls {@link #poll()}.
 *
 * <p>The live device's records are parsed on its reader thread as they arrive (the history
 * is thousands of records: parsing them in the first refresh would hold it up); {@code poll}
 * takes the events completed meanwhile. The parser's state is guarded by {@code lock}.
 *
 * <p><b>Kills since start</b> ({@link #kills()}) count events that show a kill ({@link
 * OomEvent#isKill()}), after the history: a kill counts as soon as its {@code Killed process}
 * line is read, while the parser still waits for its reaper line, and not again when the
 * parser finishes it. A live device that could not be opened is tried again at each poll.
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
    private boolean everRead;
    private boolean historyDone;
    /** Kills after the history, by kind, as {@link #kills()} counts them. */
    private long globalKills;
    private long memcgKills;
    /** The kill the parser still holds that was counted already (or was history), by {@link #key}. */
    private String pendingSeen;
    /** {@code kmemleak: N new suspected memory leaks} lines after the history. */
    private long leakNotices;
    /** How to open the live device again after it failed (null for a saved file or an open one). */
    private KernelFs reopenFs;
    private Clock reopenClock;
    private boolean fromEnd;
    private boolean started;
    /** The last {@link #readAll()} gave up before the reader had caught up. */
    private boolean historyCut;

    /**
     * How long {@link #readAll()} waits at most for the reader to catch up: reading a few
     * thousand records takes ~0.1 s on a real box, but tens of seconds in an emulated guest
     * whose JVM has just started (5 s once cut the lab's newest OOM report off).
     */
    public static final int ONE_SHOT_WAIT_S = 60;
    static final java.time.Duration ONE_SHOT_WAIT = java.time.Duration.ofSeconds(ONE_SHOT_WAIT_S);

    private KernelLog(KmsgReader reader, Path file, SourceState state, String sourceName) {
        this.reader = reader;
        this.file = file;
        this.state = state;
        this.sourceName = sourceName;
        this.parser = new OomParser(fresh::add);
    }

    /**
     * Cumulative counts of what the log said after the history (or, read from its end, since it
     * was opened).
     *
     * @param global       kills by the global OOM killer (also cpuset / mempolicy constrained)
     * @param memcg        kills inside a memory cgroup over its limit
     * @param lost         records the kernel overwrote before they could be read
     * @param leakNotices  {@code kmemleak: N new suspected memory leaks} lines
     * @param everRead     whether the log could ever be read (counts of a log never read are unknown, not 0)
     */
    public record Tally(long global, long memcg, long lost, long leakNotices, boolean everRead) {
        public static final Tally NONE = new Tally(0, 0, 0, 0, false);

        /** Kills of both kinds. */
        public long kills() { return global + memcg; }
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
        return device(fs, clock, false);
    }

    /**
     * The live kernel log read from its end: only records logged after it was opened (a
     * captured tree's {@code dev/kmsg} file is read whole), parsed on the polling thread. For
     * the export, whose counters count from its start.
     */
    public static KernelLog kmsgFromEnd(KernelFs fs, Clock clock) {
        KernelLog log = device(fs, clock, true);
        log.start();
        return log;
    }

    /** dev/kmsg under the root, opened (and opened again at each poll while it cannot be) but not started. */
    private static KernelLog device(KernelFs fs, Clock clock, boolean fromEnd) {
        KernelLog log = new KernelLog(null, null, SourceState.OK, SourceId.KMSG.id());
        log.reopenFs = fs;
        log.reopenClock = clock;
        log.fromEnd = fromEnd;
        log.historyDone = fromEnd;   // read from its end, nothing it reads is history
        log.openDevice();
        return log;
    }

    private void openDevice() {
        try {
            reader = fromEnd ? KmsgReader.open(reopenFs, false, reopenClock)
                    : KmsgReader.openStopped(reopenFs, true, reopenClock, this::onRecord);
            state = reader.state();
            if (started) reader.start();
        } catch (SourceException e) {
            reader = null;
            state = e.toState();
        }
    }

    /** Starts reading a log made by {@link #kmsgNotStarted}; nothing for any other, or when started. */
    public void start() {
        KmsgReader r;
        synchronized (lock) {
            started = true;
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
            take(r);
        }
    }

    private void take(LogRecord r) {  // holding lock
        parser.accept(r);
        if (historyDone && isLeakNotice(r.text())) leakNotices++;
    }

    /** The kernel's own kmemleak scan found new suspects: {@code kmemleak: 5 new suspected memory leaks ...}. */
    static boolean isLeakNotice(String text) {
        int i = text.indexOf("kmemleak: ");
        if (i < 0) return false;
        int j = i + "kmemleak: ".length();
        int k = j;
        while (k < text.length() && Character.isDigit(text.charAt(k))) k++;
        return k > j && text.startsWith(" new suspected memory leak", k);
    }

    /** A saved log ({@code dmesg}, {@code journalctl -k}, syslog, raw kmsg records). */
    public static KernelLog file(Path file) {
        return new KernelLog(null, file, SourceState.OK, SourceId.DMESG_FILE.id());
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
        if (reader == null && reopenFs != null && started) openDevice();
        if (reader != null) {
            // idle before draining: what the reader had when it was idle is all in after it.
            // Asked only until the history is done (without the exact end, idle() reads the
            // reader's wchan: not a file for every refresh)
            boolean idle = !historyDone && reader.idle();
            KmsgReader.Batch b = reader.drain();
            lost += b.lost();
            for (var r : b.records()) take(r);
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
        if (state.ok()) everRead = true;
        countKills();
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
        List<OomEvent> done = List.copyOf(fresh);
        fresh.clear();
        return done;
    }

    /** Counts the kills among the events just completed and the one still pending (holding lock). */
    private void countKills() {
        for (OomEvent e : fresh) {
            if (key(e).equals(pendingSeen)) {
                pendingSeen = null;   // counted (or history) while it was pending
                continue;
            }
            count(e);
        }
        Optional<OomEvent> waiting = parser.pending();
        if (waiting.isPresent() && !key(waiting.get()).equals(pendingSeen)) {
            pendingSeen = key(waiting.get());
            count(waiting.get());
        }
    }

    private void count(OomEvent e) {
        // kills, not header-only events; what came before the reader first caught up is history
        if (!historyDone || !e.isKill()) return;
        // SPEC labels: memcg, or global (also for cpuset / mempolicy constrained kills)
        if ("memcg".equals(e.kind())) memcgKills++;
        else globalKills++;
    }

    /** One kill, before it gets its wall time (the pending one has none yet). */
    private static String key(OomEvent e) {
        return e.victimPid() + "/" + e.victimComm() + "/" + e.uptimeS() + "/" + (e.uptimeS() == null ? e.time() : "");
    }

    /** What the log said since the start, as counters. */
    public Tally tally() {
        synchronized (lock) {
            return new Tally(globalKills, memcgKills, lost, leakNotices, everRead);
        }
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

    /** Kills (events with a victim) after the history, i.e. since kleaktop started (live logs only). */
    public long newSinceStart() {
        synchronized (lock) {
            return globalKills + memcgKills;
        }
    }

    /** Records the kernel overwrote before they could be read. */
    public long lost() {
        synchronized (lock) {
            return lost;
        }
    }

    public SourceState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Reads everything there is and finishes the last report: for one-shot commands. */
    public List<OomEvent> readAll() {
        return readAll(ONE_SHOT_WAIT);
    }

    /** {@link #readAll()} waiting at most {@code max} for the reader to catch up. */
    List<OomEvent> readAll(java.time.Duration max) {
        // until the reader has caught up (bounded, for a kernel that never stops logging)
        boolean whole = awaitHistory(max);
        synchronized (lock) {
            historyCut = !whole;
            parser.finish();
            absorb();
        }
        return events();
    }

    /**
     * True when the last {@link #readAll()} stopped waiting before the reader had caught up
     * with the log: the newest events may be missing, and the caller says so.
     */
    public boolean historyCut() {
        synchronized (lock) {
            return historyCut;
        }
    }

    @Override
    public void close() {
        KmsgReader r;
        synchronized (lock) {
            r = reader;
            reopenFs = null;
        }
        if (r != null) r.close();
    }
}
