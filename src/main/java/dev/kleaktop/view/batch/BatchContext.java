package dev.kleaktop.view.batch;

import java.time.ZoneId;

/**
 * What the writers need besides the frame: the requested interval, the time zone for
 * clock times, how many rows text output shows (0 = all), and whether the ledger is printed
 * ({@code --view ledger}: its table instead of the caches' in text, a {@code ledger} object
 * besides them in json).
 */
public record BatchContext(double intervalS, ZoneId zone, int maxRows, boolean ledger) {
    /** The caches' view. */
    public BatchContext(double intervalS, ZoneId zone, int maxRows) {
        this(intervalS, zone, maxRows, false);
    }
}
