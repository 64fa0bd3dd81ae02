package dev.kleaktop.app;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.Analyzer;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One monitoring session: a sampler and an analyzer fed in step, plus the kernel log (for OOM
 * events) and kmemleak when they are wanted. Each {@link #refresh()} reads each kernel file
 * once and returns an immutable {@link Frame}. One thread calls {@code refresh}; the
 * kmemleak report may be replaced from another (after a scan in the background).
 */
public final class Monitor implements AutoCloseable {
    public static final String SRC_KMEMLEAK = "kmemleak";

    private final Sampler sampler;
    private final Analyzer analyzer;
    private final Identity identity;
    private final KernelLog log;
    private final KmemleakSource kmemleak;
    private final AtomicReference<KmemleakView> kmemleakView = new AtomicReference<>();
    private volatile boolean resetPending;

    public Monitor(KernelFs fs, Clock clock, double windowS) {
        this(fs, clock, windowS, null, null);
    }

    /**
     * @param log      the kernel log to take OOM events from, or null for none
     * @param kmemleak where kmemleak reports come from, or null for none
     */
    public Monitor(KernelFs fs, Clock clock, double windowS, KernelLog log, KmemleakSource kmemleak) {
        this(startedSampler(fs, clock), windowS, log, kmemleak);
    }

    /**
     * A sampler whose start-up read of sysfs is already running: start it before opening the
     * other sources, so that it overlaps them (then pass it to {@link #Monitor(Sampler,
     * double, KernelLog, KmemleakSource)}).
     */
    public static Sampler startedSampler(KernelFs fs, Clock clock) {
        Sampler s = new Sampler(fs, clock);
        s.startSysfsScan();
        return s;
    }

    /** A monitor on a sampler of its own (see {@link #startedSampler}). */
    public Monitor(Sampler sampler, double windowS, KernelLog log, KmemleakSource kmemleak) {
        this.sampler = sampler;
        this.identity = sampler.identity();
        this.analyzer = new Analyzer(identity, windowS, sampler::attrs);
        this.log = log;
        this.kmemleak = kmemleak;
    }

    public Identity identity() { return identity; }

    public KernelFs fs() { return sampler.fs(); }

    /** The kmemleak source, or null when this session has none. */
    public KmemleakSource kmemleak() { return kmemleak; }

    /** Makes the next refresh the baseline of the deltas ({@code z}); safe from any thread. */
    public void resetBaseline() { resetPending = true; }

    /** Replaces the kmemleak report shown (after a scan or clear); safe from any thread. */
    public void kmemleakUpdated(KmemleakView v) { kmemleakView.set(v); }

    /**
     * Reads the sources and returns the new frame. The first call also reads the kmemleak
     * report, which blocks while a scan runs: call it off any thread that must stay
     * responsive.
     */
    public Frame refresh() {
        return refresh(null);
    }

    /**
     * A refresh whose frame counts every OOM event logged before the start: after sampling,
     * it waits (at most {@code max}) until the kernel log's history is read. For one-shot
     * output; the screen does not wait, its pane fills in as the history is read.
     */
    public Frame refreshWithLogHistory(java.time.Duration max) {
        return refresh(max);
    }

    private Frame refresh(java.time.Duration historyWait) {
        if (resetPending) {
            resetPending = false;
            analyzer.resetBaseline();
        }
        Sample s = sampler.sample();
        Analysis a = analyzer.add(s);
        Map<String, SourceState> sources = new LinkedHashMap<>(s.sources());
        List<OomEvent> events = List.of();
        if (log != null) {
            if (historyWait != null) log.awaitHistory(historyWait); else log.poll();
            events = log.events();
            sources.put(log.sourceName(), log.state());
        }
        KmemleakView kv = KmemleakView.NOT_READ;
        if (kmemleak != null) {
            kv = kmemleakView.get();
            if (kv == null) {
                kv = kmemleak.read();
                kmemleakView.compareAndSet(null, kv);
                kv = kmemleakView.get();
            }
            sources.put(SRC_KMEMLEAK, kv.state());
        }
        return new Frame(a, sources, events, kv);
    }

    /** Starts reading a kernel log opened not started; nothing when there is none or it runs. */
    public void startLog() {
        if (log != null) log.start();
    }

    /** Whether the kernel log's history is in (or there is no log). */
    public boolean logHistoryRead() {
        return log == null || log.historyRead();
    }

    /**
     * {@code f} with the kernel log as it is now: what was read since {@code f} was made, without
     * sampling anything again; {@code f} itself when nothing changed. For the screen while the
     * log's history comes in after its first frame.
     */
    public Frame withLatestLog(Frame f) {
        if (log == null) return f;
        List<OomEvent> fresh = log.poll();
        SourceState state = log.state();
        List<OomEvent> events = log.events();
        if (fresh.isEmpty() && state.equals(f.sources().get(log.sourceName())) && events.equals(f.oomEvents())) return f;
        Map<String, SourceState> sources = new LinkedHashMap<>(f.sources());
        sources.put(log.sourceName(), state);
        return new Frame(f.analysis(), sources, events, f.kmemleak());
    }

    /** OOM kills completed since this session started (live logs), for counters. */
    public long oomKillsSinceStart() { return log == null ? 0 : log.newSinceStart(); }

    @Override
    public void close() {
        if (log != null) log.close();
    }
}
