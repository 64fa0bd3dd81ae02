package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.analysis.SnapshotDiff.Status;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One column of the diff table (snapshot OLD against NEW): title, width, alignment, cell text
 * and order. Batch text and the screen's diff view share them, as {@link Column} does for
 * the live table.
 */
public enum DiffColumn {
    NAME("NAME", 17, false, d -> Text.escape(d.id().toString()),
            Comparator.comparing(CacheDelta::id)),
    OLD("OLD SIZE", 8, true, d -> size(d.oldSizeBytes()),
            Comparator.comparing(CacheDelta::oldSizeBytes, Comparator.nullsFirst(Comparator.naturalOrder()))),
    NEW("NEW SIZE", 8, true, d -> size(d.newSizeBytes()),
            Comparator.comparing(CacheDelta::newSizeBytes, Comparator.nullsFirst(Comparator.naturalOrder()))),
    DELTA("Δ SIZE", 8, true, d -> Units.signedBytes(d.deltaBytes()),
            Comparator.comparingLong(CacheDelta::deltaBytes)),
    DELTA_OBJS("Δ OBJS", 8, true, d -> signed(d.deltaObjs()),
            Comparator.comparingLong(CacheDelta::deltaObjs)),
    RATE("RATE", 9, true, d -> Units.rate(d.rateBytesPerS()),
            Comparator.comparing(CacheDelta::rateBytesPerS, Comparator.nullsFirst(Comparator.naturalOrder()))),
    FLAGS("F", 2, false, DiffColumn::flags, null),
    STATUS("STATUS", 6, false, d -> d.status() == Status.CHANGED ? "" : d.status().json(),
            Comparator.comparing(CacheDelta::status));

    /** The columns left to right. */
    public static final List<DiffColumn> TABLE = List.of(values());

    private final String title;
    private final int width;
    private final boolean rightAligned;
    private final Function<CacheDelta, String> formatter;
    private final Comparator<CacheDelta> comparator;

    DiffColumn(String title, int width, boolean rightAligned, Function<CacheDelta, String> formatter,
               Comparator<CacheDelta> comparator) {
        this.title = title;
        this.width = width;
        this.rightAligned = rightAligned;
        this.formatter = formatter;
        this.comparator = comparator;
    }

    public String title() { return title; }

    public int width() { return width; }

    public boolean rightAligned() { return rightAligned; }

    public String format(CacheDelta d) { return formatter.apply(d); }

    /** Ascending order, or null when the column cannot be sorted by. */
    public Comparator<CacheDelta> comparator() { return comparator; }

    /** Numbers largest first by default, names and status A to Z. */
    public boolean descendingByDefault() { return this != NAME && this != STATUS; }

    public String header(int w) { return rightAligned ? Text.padLeft(title, w) : Text.padRight(title, w); }

    public String cell(CacheDelta d, int w) {
        String s = format(d);
        return rightAligned ? Text.padLeft(s, w) : Text.padRight(s, w);
    }

    /** R reclaimable, A merged aliases (what the live table's F column says too). */
    static String flags(CacheDelta d) {
        StringBuilder b = new StringBuilder(2);
        if (d.attrs().isReclaimable()) b.append('R');
        if (!d.attrs().aliases().isEmpty()) b.append('A');
        return b.toString();
    }

    private static String size(Long b) { return b == null ? "-" : Units.bytesShort(b); }

    private static String signed(long n) { return n > 0 ? "+" + n : Long.toString(n); }
}
