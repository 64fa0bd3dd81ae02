package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.TableSpec;
import dev.kleaktop.view.table.Values;
import java.util.List;

/**
 * The columns of the cache table, each declared once: title, width and alignment, the cell
 * text, the SPEC field and its raw value, the sort key and its {@code -s} name. The screen,
 * batch text, csv, json and export all read them, through {@link #SPEC}, so they agree.
 * The last constants are fields only (json and csv carry them, no table draws them).
 */
public enum Column implements ColumnSpec<CacheRow> {
    NAME("NAME", 17, Align.LEFT, Fit.GROWS, "name", Order.NAME, "name"),
    OBJS("OBJS", 8, "num_objs", "objs"),
    ACTIVE("ACTIVE", 8, "active_objs", "active"),
    USE("USE", 4, "use_pct", "use"),
    OBJSIZE("OBJSIZE", 7, "objsize", "objsize"),
    SIZE("SIZE", 7, "size_bytes", "size"),
    DELTA("\u0394 START", 8, "delta_bytes", "delta"),
    RATE("RATE", 9, "growth_bytes_per_s", "growth"),
    TREND("TREND", 8, Align.LEFT, Fit.SPARKLINE, null, Order.NONE, null),
    FLAGS("F", 3, Align.LEFT, Fit.FIXED, null, Order.NONE, null),
    SLABS("SLABS", 7, "num_slabs", "slabs"),
    ACTIVE_SLABS("ASLABS", 7, "active_slabs", null),
    OBJPERSLAB("OBJ/SLAB", 8, "objperslab", null),
    PAGESPERSLAB("PG/SLAB", 7, "pagesperslab", null),
    ACTIVE_BYTES("active_bytes"),
    RATE_OBJS("growth_objs_per_s"),
    DELTA_OBJS("delta_objs"),
    RECLAIMABLE("reclaimable"),
    ALIASES("aliases"),
    LEAK_SUSPECT("leak_suspect"),
    /** Extra context for readers that want it (json only, when not the first of its name). */
    INDEX("index"),
    /** How strongly the verdict points at a leak: suspect, growing or none (json only). */
    LEAK_LEVEL("leak_level"),
    /** Why the row is a leak suspect (json only). */
    LEAK_REASON("leak_reason");

    /** The cache table. */
    public static final TableSpec<CacheRow, Column> SPEC = TableSpec.<CacheRow, Column>of(List.of(values()), new Rows())
            .table(NAME, OBJS, ACTIVE, USE, OBJSIZE, SIZE, DELTA, RATE, TREND, FLAGS)
            .dropOrder(OBJSIZE, USE, ACTIVE, OBJS, TREND, DELTA)
            .fields(NAME, ACTIVE, OBJS, OBJSIZE, OBJPERSLAB, PAGESPERSLAB, ACTIVE_SLABS, SLABS, SIZE,
                    ACTIVE_BYTES, USE, RATE, RATE_OBJS, DELTA, DELTA_OBJS, RECLAIMABLE, ALIASES, LEAK_SUSPECT,
                    INDEX, LEAK_LEVEL, LEAK_REASON)
            .defaultSort(RATE)
            .sortNames(RATE, DELTA, SIZE, OBJS, ACTIVE, NAME, OBJSIZE, USE, SLABS)
            // slabtop's letters, with slabtop's meaning
            .sortKey("a", ACTIVE).sortKey("b", OBJPERSLAB).sortKey("c", SIZE).sortKey("l", SLABS)
            .sortKey("v", ACTIVE_SLABS).sortKey("n", NAME).sortKey("o", OBJS).sortKey("p", PAGESPERSLAB)
            .sortKey("s", OBJSIZE).sortKey("u", USE)
            // kleaktop's own letters on the screen
            .screenSortKey("g", RATE).screenSortKey("d", DELTA)
            .build();

    private final String title;
    private final int width;
    private final Align align;
    private final Fit fit;
    private final String field;
    private final Order order;
    private final String sortName;

    Column(String title, int width, Align align, Fit fit, String field, Order order, String sortName) {
        this.title = title;
        this.width = width;
        this.align = align;
        this.fit = fit;
        this.field = field;
        this.order = order;
        this.sortName = sortName;
    }

    /** A right-aligned number sorted by its key. */
    Column(String title, int width, String field, String sortName) {
        this(title, width, Align.RIGHT, Fit.FIXED, field, Order.KEY, sortName);
    }

    /** A field only. */
    Column(String field) {
        this(null, 0, Align.LEFT, Fit.FIXED, field, Order.NONE, null);
    }

    @Override public String title() { return title; }

    @Override public int width() { return width; }

    @Override public Align align() { return align; }

    @Override public Fit fit() { return fit; }

    @Override public String field() { return field; }

    @Override public boolean jsonOnly() { return this == INDEX || this == LEAK_LEVEL || this == LEAK_REASON; }

    @Override public Order order() { return order; }

    @Override public String sortName() { return sortName; }

    @Override public boolean descendingByDefault() { return this != NAME; }

    /**
     * The cell's text, unpadded. Switches rather than a function per column: a command that
     * prints one table at start would otherwise link a lambda per column first.
     */
    @Override
    public String cell(CacheRow r) {
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
            default -> String.valueOf(raw(r));
        };
    }

    @Override
    public long[] series(CacheRow r) { return this == TREND ? r.trend() : null; }

    /** The raw value SPEC names the field for: bytes and counts, unknown rates null. */
    @Override
    public Object raw(CacheRow r) {
        return switch (this) {
            case NAME -> r.name();
            case OBJS -> r.cache().numObjs();
            case ACTIVE -> r.cache().activeObjs();
            case USE -> r.cache().usePct();
            case OBJSIZE -> r.cache().objSize();
            case SIZE -> r.sizeBytes();
            case DELTA -> r.deltaBytes();
            case RATE -> Values.round1(r.growthBytesPerS());
            case SLABS -> r.cache().numSlabs();
            case ACTIVE_SLABS -> r.cache().activeSlabs();
            case OBJPERSLAB -> r.cache().objPerSlab();
            case PAGESPERSLAB -> r.cache().pagesPerSlab();
            case ACTIVE_BYTES -> r.activeBytes();
            case RATE_OBJS -> Values.round1(r.growthObjsPerS());
            case DELTA_OBJS -> r.deltaObjs();
            case RECLAIMABLE -> r.attrs().reclaimable();
            case ALIASES -> r.attrs().aliases();
            case LEAK_SUSPECT -> r.leakSuspect();
            case INDEX -> r.cache().id().index() > 0 ? (Object) r.cache().id().index() : TableSpec.ABSENT;
            case LEAK_LEVEL -> VerdictText.level(r.verdict());
            case LEAK_REASON -> VerdictText.why(r.verdict());
            case TREND, FLAGS -> TableSpec.ABSENT;
        };
    }

    /**
     * The sort value, a long in the column's ascending order: counts as they are, rates as
     * ordered bits with the unknown ones below every number.
     */
    @Override
    public long sortKey(CacheRow r) {
        return switch (this) {
            case NAME -> 0;
            case OBJS -> r.cache().numObjs();
            case ACTIVE -> r.cache().activeObjs();
            case USE -> r.cache().usePct();
            case OBJSIZE -> r.cache().objSize();
            case SIZE -> r.sizeBytes();
            case DELTA -> r.deltaBytes();
            case RATE -> Values.orderedBits(r.growthBytesPerS());
            case SLABS -> r.cache().numSlabs();
            case ACTIVE_SLABS -> r.cache().activeSlabs();
            case OBJPERSLAB -> r.cache().objPerSlab();
            case PAGESPERSLAB -> r.cache().pagesPerSlab();
            default -> throw new IllegalArgumentException("cannot sort by " + this);
        };
    }

    /** A cache is named by its name and aliases, and which of the caches of that name it is. */
    private static final class Rows extends TableSpec.Rows<CacheRow> {
        @Override public String name(CacheRow r) { return r.name(); }

        @Override public List<String> aliases(CacheRow r) { return r.attrs().aliases(); }

        @Override public int index(CacheRow r) { return r.cache().id().index(); }
    }

    /** F column: ! leak suspect, + growing (watching), R reclaimable, A merged aliases. */
    public static String flags(CacheRow r) {
        StringBuilder b = new StringBuilder(3);
        if (r.leakSuspect()) b.append('!');
        else if (r.verdict().level() == dev.kleaktop.analysis.LeakRule.Level.GROWING) b.append('+');
        if (r.reclaimable()) b.append('R');
        if (r.hasAliases()) b.append('A');
        return b.toString();
    }
}
