package dev.kleaktop.session;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.Analyzer;
import dev.kleaktop.analysis.LeakRule;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one collector of a session, for the screen, {@code -b} and the export alike: a sampler
 * and an analyzer fed in step, plus the kernel log (OOM events, kill counters) and kmemleak,
 * each followed once ({@link KernelLog}, {@link KmemleakFollower}). Each {@link #refresh()}
 * reads each kernel file once and returns an immutable {@link Frame}; a {@link SamplingLoop}
 * calls it at the session's pace. One thread refreshes; the kmemleak report may be replaced
 * from another (after a scan in the background).
 */
public final class Collector implements AutoCloseable {

    private final Sampler sampler;
    private final Analyzer analyzer;
    private final Identity identity;
    private final KernelLog log;
    private final KmemleakFollower kmemleak;
    private volatile boolean resetPending;

    public Collector(KernelFs fs, Clock clock, double windowS) {
        this(fs, clock, windowS, null, null);
    }

    /**
     * @param log      the kernel log to take OOM events from, or null for none
     * @param kmemleak where kmemleak reports come from, or null for none
     */
    public Collector(KernelFs fs, Clock clock, double windowS, KernelLog log, KmemleakSource kmemleak) {
        this(startedSampler(fs, clock), windowS, log, kmemleak);
    }

    /**
     * A sampler whose start-up read of sysfs is already running: start it before opening the
     * other sources, so that it overlaps them (then pass it to {@link #Collector(Sampler,
     * double, KernelLog, KmemleakFollower)}).
     */
    public static Sampler startedSampler(KernelFs fs, Clock clock) {
        Sampler s = new Sampler(fs, clock);
        s.startSysfsScan();
        return s;
    }

    /** A collector on a sampler of its own (see {@link #startedSampler}), kmemleak read on demand. */
    public Collector(Sampler sampler, double windowS, KernelLog log, KmemleakSource kmemleak) {
        this(sampler, windowS, log, kmemleak == null ? null : KmemleakFollower.onDemand(kmemleak, sampler.clock()));
    }

    /** A collector on a sampler of its own, kmemleak followed as {@code kmemleak} says (or null for none). */
    public Collector(Sampler sampler, double windowS, KernelLog log, KmemleakFollower kmemleak) {
        this(sampler, windowS, LeakRule.Settings.DEFAULT, log, kmemleak);
    }

    /** A collector whose verdicts follow {@code rule}. */
    public Collector(Sampler sampler, double windowS, LeakRule.Settings rule, KernelLog log, KmemleakFollower kmemleak) {
        this.sampler = sampler;
        this.identity = sampler.identity();
        this.analyzer = new Analyzer(identity, windowS, sampler::attrs, rule);
        this.log = log;
        this.kmemleak = kmemleak;
    }

    public Identity identity() { return identity; }

    public KernelFs fs() { return sampler.fs(); }

    /** The kmemleak source, or null when this session has none. */
    public KmemleakSource kmemleak() { return kmemleak == null ? null : kmemleak.source(); }

    /** Makes the next refresh the baseline of the deltas ({@code z}); safe from any thread. */
    public void resetBaseline() { resetPending = true; }

    /** Replaces the kmemleak report shown (after a scan or clear); safe from any thread. */
    public void kmemleakUpdated(KmemleakView v) {
        if (kmemleak != null) kmemleak.updated(v);
    }

    /**
     * Reads the sources and returns the new frame. The first call also reads the kmemleak
     * report, which blocks while a scan runs (unless kmemleak is followed in the background):
     * call it off any thread that must stay responsive.
     */
    public Frame refresh() {
        return refresh(null);
    }

    /**
     * A refresh whose frame counts every OOM event logged before the start: after sampling,
     * it waits (at most {@code max}) until the kernel log's history is read. For one-shot
     * output; the screen does not wait, its pane fills in as the history is read.
     */
    public Frame refreshWithLogHistory(Duration max) {
        return refresh(max);
    }

    private Frame refresh(Duration historyWait) {
        if (resetPending) {
            resetPending = false;
            analyzer.resetBaseline();
        }
        Sample s = sampler.sample();
        Analysis a = analyzer.add(s);
        Map<String, SourceState> sources = new LinkedHashMap<>(s.sources());
        List<OomEvent> events = List.of();
        KernelLog.Tally tally = KernelLog.Tally.NONE;
        if (log != null) {
            if (historyWait != null) log.awaitHistory(historyWait); else log.poll();
            events = log.events();
            sources.put(log.sourceName(), log.state());
            tally = log.tally();
        }
        KmemleakView kv = KmemleakView.NOT_READ;
        if (kmemleak != null) {
            kv = kmemleak.current(tally.leakNotices());
            sources.put(SourceId.KMEMLEAK.id(), kv.state());
        }
        return new Frame(a, sources, events, kv, tally);
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
        return new Frame(f.analysis(), sources, events, f.kmemleak(), log.tally());
    }

    /** OOM kills completed since this session started (live logs), for counters. */
    public long oomKillsSinceStart() { return log == null ? 0 : log.newSinceStart(); }

    @Override
    public void close() {
        if (log != null) log.close();
        if (kmemleak != null) kmemleak.close();
    }
}
