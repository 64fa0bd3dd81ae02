package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.analysis.SnapshotDiff.Status;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.TableSpec;
import dev.kleaktop.view.table.Values;
import java.util.List;

/**
 * The columns of the diff table (snapshot OLD against NEW), each declared once as
 * {@link Column} declares the live table's: title, width, alignment, cell text, the field of
 * {@code diff --format json} and its raw value, the order. Batch text, json and the screen's
 * diff view read them through {@link #SPEC}. The last constants are fields only.
 */
public enum DiffColumn implements ColumnSpec<CacheDelta> {
    NAME("NAME", 17, Align.LEFT, "name", Order.NAME),
    OLD("OLD SIZE", 8, Align.RIGHT, "old_size_bytes", Order.KEY),
    NEW("NEW SIZE", 8, Align.RIGHT, "new_size_bytes", Order.KEY),
    DELTA("\u0394 SIZE", 8, Align.RIGHT, "delta_bytes", Order.KEY),
    DELTA_OBJS("\u0394 OBJS", 8, Align.RIGHT, "delta_objs", Order.KEY),
    RATE("RATE", 9, Align.RIGHT, "rate_bytes_per_s", Order.KEY),
    FLAGS("F", 2, Align.LEFT, null, Order.NONE),
    STATUS("STATUS", 6, Align.LEFT, "status", Order.KEY),
    /** Which of the caches of one name (json only when not the first). */
    INDEX(null, 0, Align.LEFT, "index", Order.NONE),
    RECLAIMABLE(null, 0, Align.LEFT, "reclaimable", Order.NONE),
    ALIASES(null, 0, Align.LEFT, "aliases", Order.NONE);

    /** The diff table: by default largest {@code Δ SIZE} first, the order SPEC ranks a diff by. */
    public static final TableSpec<CacheDelta, DiffColumn> SPEC = TableSpec.<CacheDelta, DiffColumn>of(
                    List.of(values()), new Rows())
            .table(NAME, OLD, NEW, DELTA, DELTA_OBJS, RATE, FLAGS, STATUS)
            // NAME, Δ SIZE and RATE stay
            .dropOrder(OLD, DELTA_OBJS, FLAGS, NEW, STATUS)
            .fields(NAME, INDEX, STATUS, OLD, NEW, DELTA, DELTA_OBJS, RATE, RECLAIMABLE, ALIASES)
            .defaultSort(DELTA)
            .build();

    private final String title;
    private final int width;
    private final Align align;
    private final String field;
    private final Order order;

    DiffColumn(String title, int width, Align align, String field, Order order) {
        this.title = title;
        this.width = width;
        this.align = align;
        this.field = field;
        this.order = order;
    }

    @Override public String title() { return title; }

    @Override public int width() { return width; }

    @Override public Align align() { return align; }

    @Override public Fit fit() { return this == NAME ? Fit.GROWS : Fit.FIXED; }

    @Override public String field() { return field; }

    @Override public Order order() { return order; }

    /** No {@code -s} names: the diff's sort letters are the screen's, in {@link KeyTable#DIFF}. */
    @Override public String sortName() { return null; }

    /** Numbers largest first by default, names and status A to Z. */
    @Override public boolean descendingByDefault() { return this != NAME && this != STATUS; }

    @Override
    public String cell(CacheDelta d) {
        return switch (this) {
            case NAME -> Text.escape(d.id().toString());
            case OLD -> size(d.oldSizeBytes());
            case NEW -> size(d.newSizeBytes());
            case DELTA -> Units.signedBytes(d.deltaBytes());
            case DELTA_OBJS -> signed(d.deltaObjs());
            case RATE -> Units.rate(d.rateBytesPerS());
            case FLAGS -> flags(d);
            case STATUS -> d.status() == Status.CHANGED ? "" : d.status().json();
            default -> String.valueOf(raw(d));
        };
    }

    @Override
    public Object raw(CacheDelta d) {
        return switch (this) {
            case NAME -> d.name();
            case INDEX -> d.id().index() > 0 ? (Object) d.id().index() : TableSpec.ABSENT;
            case STATUS -> d.status().json();
            case OLD -> d.oldSizeBytes();
            case NEW -> d.newSizeBytes();
            case DELTA -> d.deltaBytes();
            case DELTA_OBJS -> d.deltaObjs();
            case RATE -> Values.round1(d.rateBytesPerS());
            case RECLAIMABLE -> d.attrs().reclaimable();
            case ALIASES -> d.attrs().aliases();
            case FLAGS -> TableSpec.ABSENT;
        };
    }

    /** Unknown sizes and rates (a cache new or gone) sort below every known one. */
    @Override
    public long sortKey(CacheDelta d) {
        return switch (this) {
            case OLD -> Values.nullsLow(d.oldSizeBytes());
            case NEW -> Values.nullsLow(d.newSizeBytes());
            case DELTA -> d.deltaBytes();
            case DELTA_OBJS -> d.deltaObjs();
            case RATE -> Values.orderedBits(d.rateBytesPerS());
            case STATUS -> d.status().ordinal();
            case NAME -> 0;
            default -> throw new IllegalArgumentException("cannot sort by " + this);
        };
    }

    /** A cache of the diff is named as in the live table: name, aliases, occurrence. */
    private static final class Rows extends TableSpec.Rows<CacheDelta> {
        @Override public String name(CacheDelta d) { return d.name(); }

        @Override public List<String> aliases(CacheDelta d) { return d.attrs().aliases(); }

        @Override public int index(CacheDelta d) { return d.id().index(); }
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
