package dev.kleaktop.analysis;

/**
 * One line of the kernel-memory ledger in one refresh.
 *
 * @param line        which line
 * @param bytes       its size now
 * @param rateBytesPerS its slope over the window, null while unknown
 * @param deltaBytes  its change since the baseline (the start or the last {@code z})
 * @param verdict     the leak rule's verdict on it (kernel lines only; the others are never suspects)
 * @param totalBytes  MemTotal, which the lines add up to (0 when unknown)
 */
public record LedgerRow(Ledger line, long bytes, Double rateBytesPerS, long deltaBytes, LeakRule.Verdict verdict,
                        long totalBytes) {
    public boolean leakSuspect() { return verdict != null && verdict.suspect(); }
}
