package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One column of the cache table: its title, width, how a row is formatted and how rows are
 * compared. The screen, batch text and csv all go through these, so they agree.
 */
public enum Column {
    NAME("NAME", "name", 17, false, r -> Text.escape(r.name()),
            Comparator.comparing(CacheRow::name).thenComparing(r -> r.id().index())),
    OBJS("OBJS", "objs", 8, true, r -> Long.toString(r.cache().numObjs()),
            Comparator.comparingLong(r -> r.cache().numObjs())),
    ACTIVE("ACTIVE", "active", 8, true, r -> Long.toString(r.cache().activeObjs()),
            Comparator.comparingLong(r -> r.cache().activeObjs())),
    USE("USE", "use", 4, true, r -> r.cache().usePct() + "%",
            Comparator.comparingInt(r -> r.cache().usePct())),
    OBJSIZE("OBJSIZE", "objsize", 7, true, r -> Long.toString(r.cache().objSize()),
            Comparator.comparingLong(r -> r.cache().objSize())),
    SIZE("SIZE", "size", 7, true, r -> Units.bytesShort(r.sizeBytes()),
            Comparator.comparingLong(CacheRow::sizeBytes)),
    DELTA("Δ START", "delta", 8, true, r -> Units.signedBytes(r.deltaBytes()),
            Comparator.comparingLong(CacheRow::deltaBytes)),
    RATE("RATE", "growth", 9, true, r -> Units.rate(r.growthBytesPerS()),
            nullsLow(CacheRow::growthBytesPerS)),
    TREND("TREND", null, 8, false, r -> "", null),
    FLAGS("F", null, 3, false, Column::flags, null),
    SLABS("SLABS", "slabs", 7, true, r -> Long.toString(r.cache().numSlabs()),
            Comparator.comparingLong(r -> r.cache().numSlabs())),
    ACTIVE_SLABS("ASLABS", null, 7, true, r -> Long.toString(r.cache().activeSlabs()),
            Comparator.comparingLong(r -> r.cache().activeSlabs())),
    OBJPERSLAB("OBJ/SLAB", null, 8, true, r -> Long.toString(r.cache().objPerSlab()),
            Comparator.comparingLong(r -> r.cache().objPerSlab())),
    PAGESPERSLAB("PG/SLAB", null, 7, true, r -> Long.toString(r.cache().pagesPerSlab()),
            Comparator.comparingLong(r -> r.cache().pagesPerSlab()));

    /** The columns of the table, left to right, as in SPEC's screen. */
    public static final List<Column> TABLE = List.of(NAME, OBJS, ACTIVE, USE, OBJSIZE, SIZE, DELTA, RATE, TREND, FLAGS);

    /** The columns {@code <} and {@code >} step through. */
    public static final List<Column> SORTABLE_IN_TABLE = List.of(NAME, OBJS, ACTIVE, USE, OBJSIZE, SIZE, DELTA, RATE);

    private final String title;
    private final String sortName;
    private final int width;
    private final boolean rightAligned;
    private final Function<CacheRow, String> formatter;
    private final Comparator<CacheRow> comparator;

    Column(String title, String sortName, int width, boolean rightAligned, Function<CacheRow, String> formatter,
           Comparator<CacheRow> comparator) {
        this.title = title;
        this.sortName = sortName;
        this.width = width;
        this.rightAligned = rightAligned;
        this.formatter = formatter;
        this.comparator = comparator;
    }

    public String title() { return title; }

    /** The long sort key name ({@code -s growth}), or null when not a named sort key. */
    public String sortName() { return sortName; }

    public int width() { return width; }

    public boolean rightAligned() { return rightAligned; }

    public String format(CacheRow r) { return formatter.apply(r); }

    /** Ascending order, or null when the column cannot be sorted by. */
    public Comparator<CacheRow> comparator() { return comparator; }

    /** Numbers sort largest first by default (top's habit); names A to Z. */
    public boolean descendingByDefault() { return this != NAME; }

    /** Title padded to the column width with its alignment. */
    public String header() { return rightAligned ? Text.padLeft(title, width) : Text.padRight(title, width); }

    /** A cell padded to the column width with its alignment. */
    public String cell(CacheRow r) { return cell(r, width); }

    /** A cell padded (or, left-aligned, cut) to {@code w} columns. */
    public String cell(CacheRow r, int w) {
        String s = format(r);
        return rightAligned ? Text.padLeft(s, w) : Text.padRight(s, w);
    }

    /** Title padded to {@code w} columns. */
    public String header(int w) { return rightAligned ? Text.padLeft(title, w) : Text.padRight(title, w); }

    /** F column: R reclaimable, A merged aliases, ! leak suspect. */
    public static String flags(CacheRow r) {
        StringBuilder b = new StringBuilder(3);
        if (r.leakSuspect()) b.append('!');
        if (r.reclaimable()) b.append('R');
        if (r.hasAliases()) b.append('A');
        return b.toString();
    }

    /** Lower-case column name for csv headers. */
    public String csvName() { return name().toLowerCase(Locale.ROOT); }

    private static Comparator<CacheRow> nullsLow(Function<CacheRow, Double> f) {
        // Unknown rates sort below every known one, whatever the direction the view applies.
        return (a, b) -> {
            Double x = f.apply(a), y = f.apply(b);
            if (x == null) return y == null ? 0 : -1;
            if (y == null) return 1;
            return Double.compare(x, y);
        };
    }
}
