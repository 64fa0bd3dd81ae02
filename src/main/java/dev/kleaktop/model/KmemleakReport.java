package dev.kleaktop.model;

import java.util.List;

/**
 * A parsed kmemleak report: every record counted, the first ones kept whole, all of them
 * grouped by backtrace.
 *
 * @param records     the first records of the report in report order; capped, so it may be
 *                    shorter than {@code recordCount}
 * @param groups      one group per distinct backtrace, largest total size first
 * @param recordCount how many records the report held
 * @param totalBytes  sum of all record sizes
 */
public record KmemleakReport(
        List<KmemleakRecord> records,
        List<KmemleakGroup> groups,
        long recordCount,
        long totalBytes) {

    public KmemleakReport {
        records = records == null ? List.of() : List.copyOf(records);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static final KmemleakReport EMPTY = new KmemleakReport(List.of(), List.of(), 0, 0);

    /** True when some records were counted but not kept. */
    public boolean truncated() { return recordCount > records.size(); }
}
