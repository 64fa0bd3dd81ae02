package dev.kleaktop.cli;

import dev.kleaktop.view.Column;
import dev.kleaktop.view.Intervals;
import dev.kleaktop.view.TableState;
import dev.kleaktop.view.Units;
import java.util.regex.PatternSyntaxException;
import dev.kleaktop.analysis.LeakRule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How often and how long to sample, and which caches to show in which order. */
public final class SamplingOptions {
    static final double DEFAULT_DELAY = 3;
    static final double DEFAULT_WINDOW = 60;
    /**
     * The longest interval of {@code -b} and {@code export}: an hour (a batch log of a slow
     * leak may well sample every few minutes; the screen has its own range, {@link Intervals}).
     * Without a bound, {@code 1e10} seconds overflowed the batch loop's clock into a busy loop.
     */
    static final double MAX_DELAY = 3600;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-d", "--delay"}, paramLabel = "SEC",
            description = "Seconds between refreshes, decimals allowed. Default 3 (export: 15). "
                    + "The screen takes 0.5 to 60 (the steps of its + and - keys); -b and export 0 to 3600 "
                    + "(0: one refresh right after another, -b only).")
    Double delay;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N",
            description = "Stop after N refreshes (default: until interrupted).")
    Integer iterations;

    @Option(names = {"-s", "--sort"}, paramLabel = "KEY", completionCandidates = SortCandidates.class,
            description = "Sort key: growth (default), delta, size, objs, active, name, objsize, use, slabs, "
                    + "or slabtop's letters a b c l v n o p s u.")
    String sort;

    @Option(names = {"-f", "--filter"}, paramLabel = "REGEX",
            description = "Show only caches whose name or alias matches REGEX (case-insensitive).")
    String filter;

    @Option(names = {"-w", "--window"}, paramLabel = "SEC",
            description = "Rate window in seconds for growth rates, which rank the caches (default 60; export: 20 intervals,"
                    + " at least 60); the leak verdict looks back --horizon.")
    Double window;

    @Option(names = "--horizon", paramLabel = "SEC",
            description = "How far back the leak verdict looks, in seconds (default 240, or 16 intervals when longer):"
                    + " a leak suspect's floor rose through each quarter of it.")
    Double horizon;

    @Option(names = "--min-growth", paramLabel = "SLABS",
            description = "Least growth of a leak suspect's floor over the horizon, in slabs of the cache (default 8).")
    Integer minGrowth;

    @Option(names = "--min-growth-kib", paramLabel = "KIB",
            description = "Least growth of a leak suspect's floor over the horizon, in KiB (default 96).")
    Long minGrowthKib;

    @Option(names = "--min-growth-pct", paramLabel = "PCT",
            description = "Least growth of a leak suspect's floor over the horizon, in percent of its size (default 25).")
    Double minGrowthPct;

    private SamplingOptions parent() { return Inherit.parentMixin(mixee, SamplingOptions.class); }

    Double delayOrNull() {
        if (delay != null) return delay;
        SamplingOptions p = parent();
        return p == null ? null : p.delayOrNull();
    }

    double delay(boolean allowZero) {
        Double d = delayOrNull();
        if (d == null) return DEFAULT_DELAY;
        if (d.isNaN() || d < 0 || d.isInfinite() || (!allowZero && d == 0)) {
            throw new UsageError("-d/--delay: must be " + (allowZero ? "0 or more" : "more than 0") + " seconds, not " + d);
        }
        if (d > MAX_DELAY) {
            throw new UsageError("-d/--delay: at most " + plain(MAX_DELAY) + " (an hour), not " + plain(d));
        }
        return d;
    }

    /**
     * The screen's interval: {@code -d} within the range that {@code +} and {@code -} step
     * through ({@link Intervals}), so the keys can always come back to it.
     */
    double screenDelay() {
        Double d = delayOrNull();
        if (d == null) return DEFAULT_DELAY;
        if (!Intervals.onScreen(d)) {
            throw new UsageError("-d/--delay: the screen refreshes every " + Intervals.range()
                    + " (the range + and - step through), not " + plain(d));
        }
        return d;
    }

    /** {@code 0.05}, {@code 10000000000}: as typed, not {@code 1.0E10}. */
    private static String plain(double d) {
        if (d != d || Double.isInfinite(d)) return Double.toString(d);
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() + " seconds";
    }

    Integer iterations() {
        Integer n = iterations;
        if (n == null) {
            SamplingOptions p = parent();
            n = p == null ? null : p.iterations();
        }
        if (n != null && n < 1) throw new UsageError("-n/--iterations: must be 1 or more, not " + n);
        return n;
    }

    String sortKey() {
        if (sort != null) return sort;
        SamplingOptions p = parent();
        return p == null ? null : p.sortKey();
    }

    String filter() {
        if (filter != null) return filter;
        SamplingOptions p = parent();
        return p == null ? null : p.filter();
    }

    /** The window given here or on a parent command, or null when not given. */
    Double windowOrNull() {
        if (window != null) return window;
        SamplingOptions p = parent();
        return p == null ? null : p.windowOrNull();
    }

    double window() {
        Double w = window;
        if (w == null) {
            SamplingOptions p = parent();
            w = p == null ? null : p.window;
        }
        if (w == null) return DEFAULT_WINDOW;
        if (w.isNaN() || w <= 0 || w.isInfinite()) throw new UsageError("-w/--window: must be more than 0 seconds, not " + w);
        return w;
    }

    /**
     * The leak rule's settings: {@code --horizon} (default the larger of
     * {@link LeakRule.Settings#DEFAULT}'s and 16 intervals of {@code intervalS}),
     * {@code --min-growth}, {@code --min-growth-pct}; a bad value is a usage error.
     */
    LeakRule.Settings rule(double intervalS) {
        LeakRule.Settings d = LeakRule.Settings.DEFAULT;
        Double h = horizon != null ? horizon : parent() == null ? null : parent().horizon;
        Integer g = minGrowth != null ? minGrowth : parent() == null ? null : parent().minGrowth;
        Double pct = minGrowthPct != null ? minGrowthPct : parent() == null ? null : parent().minGrowthPct;
        if (h != null && (h.isNaN() || h <= 0 || h.isInfinite() || h > MAX_DELAY * 24)) {
            throw new UsageError("--horizon: must be more than 0 seconds and at most a day, not " + h);
        }
        if (g != null && g < 1) throw new UsageError("--min-growth: must be 1 slab or more, not " + g);
        Long kib = minGrowthKib != null ? minGrowthKib : parent() == null ? null : parent().minGrowthKib;
        if (kib != null && (kib < 0 || kib > (1L << 30))) {
            throw new UsageError("--min-growth-kib: must be 0 to 1073741824 KiB, not " + kib);
        }
        if (pct != null && (pct.isNaN() || pct < 0 || pct > 1000)) {
            throw new UsageError("--min-growth-pct: must be 0 to 1000, not " + pct);
        }
        double horizonS = h != null ? h : Math.max(d.horizonS(), HORIZON_INTERVALS * intervalS);
        return new LeakRule.Settings(horizonS, g != null ? g : d.minSlabs(), pct != null ? pct / 100 : d.minFraction(),
                kib != null ? kib << 10 : d.minBytes());
    }

    /** The default horizon holds this many intervals at least (four samples per part). */
    static final int HORIZON_INTERVALS = 16;

    /** The table state the options ask for; a bad key or regex is a usage error. */
    TableState tableState() {
        TableState t = new TableState();
        String key = sortKey();
        if (key != null) {
            Column c = Column.SPEC.sortKey(key).orElseThrow(() -> new UsageError(
                    "-s/--sort: unknown sort key '" + key + "' (" + listedKeys() + ")"));
            t.sortBy(c);
        }
        String f = filter();
        if (f != null) {
            try {
                t.filter(f);
            } catch (PatternSyntaxException e) {
                throw new UsageError("-f/--filter: invalid regular expression '" + f + "': " + e.getDescription());
            }
        }
        return t;
    }

    /** The listed keys as the error names them: {@code growth, delta, ..., slabs, a b c ...}. */
    private static String listedKeys() {
        StringBuilder names = new StringBuilder(), letters = new StringBuilder();
        for (String s : Column.SPEC.listedSortKeys()) {
            StringBuilder b = s.length() == 1 ? letters : names;
            if (b.length() > 0) b.append(s.length() == 1 ? " " : ", ");
            b.append(s);
        }
        return names + ", " + letters;
    }

    /** Every sort key {@code -s} lists, for completion. */
    static final class SortCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Column.SPEC.listedSortKeys().iterator();
        }
    }
}
