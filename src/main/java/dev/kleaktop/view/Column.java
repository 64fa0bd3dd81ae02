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
    NAME("NAME", "name", 17, false),
    OBJS("OBJS", "objs", 8, true),
    ACTIVE("ACTIVE", "active", 8, true),
    USE("USE", "use", 4, true),
    OBJSIZE("OBJSIZE", "objsize", 7, true),
    SIZE("SIZE", "size", 7, true),
    DELTA("Δ START", "delta", 8, true),
    RATE("RATE", "growth", 9, true),
    TREND("TREND", null, 8, false),
    FLAGS("F", null, 3, false),
    SLABS("SLABS", "slabs", 7, true),
    ACTIVE_SLABS("ASLABS", null, 7, true),
    OBJPERSLAB("OBJ/SLAB", null, 8, true),
    PAGESPERSLAB("PG/SLAB", null, 7, true);

    /** The columns of the table, left to right, as in SPEC's screen. */
    public static final List<Column> TABLE = List.of(NAME, OBJS, ACTIVE, USE, OBJSIZE, SIZE, DELTA, RATE, TREND, FLAGS);

    /** The columns {@code <} and {@code >} step through. */
    public static final List<Column> SORTABLE_IN_TABLE = List.of(NAME, OBJS, ACTIVE, USE, OBJSIZE, SIZE, DELTA, RATE);

    private final String title;
    private final String sortName;
    private final int width;
    private final boolean rightAligned;

    Column(String title, String sortName, int width, boolean rightAligned) {
        this.title = title;
        this.sortName = sortName;
        this.width = width;
        this.rightAligned = rightAligned;
    }

    public String title() { return title; }

    /** The long sort key name ({@code -s growth}), or null when not a named sort key. */
    public String sortName() { return sortName; }

    public int width() { return width; }

    public boolean rightAligned() { return rightAligned; }

    /**
     * The cell's text, unpadded. A switch rather than a function per column: a command that
     * prints one table at start would otherwise link a lambda per column first.
     */
    public String format(CacheRow r) {
        return switch (this) {
            case NAME -> Text.escape(r.name());
            case OBJS -> Long.toString(r.cache().numObjs());
            case ACTIVE -> Long.toString(r.cache().activeObjs());
            case USE -> r.cache().usePct() + "%";
            case OBJSIZE -> Long.toString(r.cache().objSize());
            case SIZE -> Units.bytesShort(r.sizeBytes());
            case DELTA -> Units.signedBytes(r.deltaBytes());
            case RATE -> Units.rate(r.growthBytesPerS());
            case TREND -> "";
            case FLAGS -> flags(r);
            case SLABS -> Long.toString(r.cache().numSlabs());
            case ACTIVE_SLABS -> Long.toString(r.cache().activeSlabs());
            case OBJPERSLAB -> Long.toString(r.cache().objPerSlab());
            case PAGESPERSLAB -> Long.toString(r.cache().pagesPerSlab());
        };
    }

    /** True when rows can be sorted by this column. */
    public boolean sortable() { return this != TREND && this != FLAGS; }

    /** Ascending order, or null when the column cannot be sorted by. */
    public Comparator<CacheRow> comparator() { return Orders.ALL.get(this); }

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

    /** The comparators, made when first asked for (sorting uses keys, see TableState). */
    private static final class Orders {
        static final java.util.Map<Column, Comparator<CacheRow>> ALL = all();

        private static java.util.Map<Column, Comparator<CacheRow>> all() {
            java.util.Map<Column, Comparator<CacheRow>> m = new java.util.EnumMap<>(Column.class);
            m.put(NAME, Comparator.comparing(CacheRow::name).thenComparing(r -> r.id().index()));
            m.put(OBJS, Comparator.comparingLong(r -> r.cache().numObjs()));
            m.put(ACTIVE, Comparator.comparingLong(r -> r.cache().activeObjs()));
            m.put(USE, Comparator.comparingInt(r -> r.cache().usePct()));
            m.put(OBJSIZE, Comparator.comparingLong(r -> r.cache().objSize()));
            m.put(SIZE, Comparator.comparingLong(CacheRow::sizeBytes));
            m.put(DELTA, Comparator.comparingLong(CacheRow::deltaBytes));
            m.put(RATE, nullsLow(CacheRow::growthBytesPerS));
            m.put(SLABS, Comparator.comparingLong(r -> r.cache().numSlabs()));
            m.put(ACTIVE_SLABS, Comparator.comparingLong(r -> r.cache().activeSlabs()));
            m.put(OBJPERSLAB, Comparator.comparingLong(r -> r.cache().objPerSlab()));
            m.put(PAGESPERSLAB, Comparator.comparingLong(r -> r.cache().pagesPerSlab()));
            return m;
        }
    }

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
