package dev.kleaktop.analysis;

import dev.kleaktop.model.Identity;
import dev.kleaktop.model.Sample;
import java.util.List;

/**
 * Everything one refresh shows, derived from the latest sample and the history before it.
 * Immutable: handed from the sampling thread to whatever draws it.
 *
 * @param rows     one per cache in the latest sample, in slabinfo order (views sort)
 * @param samples  how many samples the analysis has seen since start
 * @param ledger   the kernel-memory ledger's lines ({@link Ledger}) present in meminfo, in its order
 * @param rule     the leak rule's settings the verdicts were made with
 */
public record Analysis(Identity identity, Sample sample, List<CacheRow> rows, Totals totals,
                       double windowS, double intervalS, long samples, List<LedgerRow> ledger, LeakRule.Settings rule) {
    public Analysis {
        rows = List.copyOf(rows);
        ledger = List.copyOf(ledger);
        if (rule == null) rule = LeakRule.Settings.DEFAULT;
    }

    /** An analysis with the default rule. */
    public Analysis(Identity identity, Sample sample, List<CacheRow> rows, Totals totals,
                    double windowS, double intervalS, long samples, List<LedgerRow> ledger) {
        this(identity, sample, rows, totals, windowS, intervalS, samples, ledger, LeakRule.Settings.DEFAULT);
    }

    /** An analysis without a ledger. */
    public Analysis(Identity identity, Sample sample, List<CacheRow> rows, Totals totals,
                    double windowS, double intervalS, long samples) {
        this(identity, sample, rows, totals, windowS, intervalS, samples, List.of());
    }
}
