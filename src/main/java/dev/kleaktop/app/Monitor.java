package dev.kleaktop.app;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.Analyzer;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.Sampler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One monitoring session: a sampler and an analyzer fed in step. Each {@link #refresh()}
 * reads each kernel file once and returns an immutable {@link Frame}. One thread calls it.
 */
public final class Monitor {
    private final Sampler sampler;
    private final Analyzer analyzer;
    private final Identity identity;

    public Monitor(KernelFs fs, Clock clock, double windowS) {
        this.sampler = new Sampler(fs, clock);
        this.identity = sampler.identity();
        this.analyzer = new Analyzer(identity, windowS, sampler::attrs);
    }

    public Identity identity() { return identity; }

    public KernelFs fs() { return sampler.fs(); }

    /** Makes the next refresh the baseline of the deltas ({@code z}). */
    public void resetBaseline() { analyzer.resetBaseline(); }

    public Frame refresh() {
        Sample s = sampler.sample();
        Analysis a = analyzer.add(s);
        Map<String, SourceState> sources = new LinkedHashMap<>(s.sources());
        return new Frame(a, sources);
    }
}
