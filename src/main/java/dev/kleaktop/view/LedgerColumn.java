package dev.kleaktop.view;

import dev.kleaktop.analysis.LedgerRow;
import dev.kleaktop.view.table.ColumnSpec;
import dev.kleaktop.view.table.TableSpec;
import dev.kleaktop.view.table.Values;
import java.util.List;

/**
 * The columns of the kernel-memory ledger ({@link dev.kleaktop.analysis.Ledger}), each
 * declared once: the screen's ledger view and its sort letters read {@link #SPEC}.
 */
public enum LedgerColumn implements ColumnSpec<LedgerRow> {
    NAME("LINE", 18, Align.LEFT, "line", Order.NAME),
    SIZE("SIZE", 8, Align.RIGHT, "bytes", Order.KEY),
    SHARE("% TOTAL", 7, Align.RIGHT, null, Order.KEY),
    DELTA("\u0394 START", 8, Align.RIGHT, "delta_bytes", Order.KEY),
    RATE("RATE", 9, Align.RIGHT, "rate_bytes_per_s", Order.KEY),
    FLAGS("F", 2, Align.LEFT, null, Order.NONE),
    FIELDS("MEMINFO FIELDS", 32, Align.LEFT, null, Order.NONE);

    public static final TableSpec<LedgerRow, LedgerColumn> SPEC = TableSpec.<LedgerRow, LedgerColumn>of(
                    List.of(values()), new Rows())
            .table(NAME, SIZE, SHARE, DELTA, RATE, FLAGS, FIELDS)
            .dropOrder(FIELDS, SHARE, FLAGS)
            .fields(NAME, SIZE, DELTA, RATE)
            .defaultSort(SIZE)
            .screenSortKey("g", RATE).screenSortKey("d", DELTA).screenSortKey("c", SIZE).screenSortKey("n", NAME)
            .build();

    private final String title;
    private final int width;
    private final Align align;
    private final String field;
    private final Order order;

    LedgerColumn(String title, int width, Align align, String field, Order order) {
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

    @Override public String sortName() { return null; }

    @Override public boolean descendingByDefault() { return this != NAME; }

    @Override
    public String cell(LedgerRow r) {
        return switch (this) {
            case NAME -> r.line().title();
            case SIZE -> Units.bytesShort(r.bytes());
            case SHARE -> share(r);
            case DELTA -> Units.signedBytes(r.deltaBytes());
            case RATE -> Units.rate(r.rateBytesPerS());
            case FLAGS -> r.leakSuspect() ? "!"
                    : r.verdict().level() == dev.kleaktop.analysis.LeakRule.Level.GROWING ? "+"
                    : r.line().kernel() ? "K" : "";
            case FIELDS -> r.line().formula();
        };
    }

    @Override
    public Object raw(LedgerRow r) {
        return switch (this) {
            case NAME -> r.line().title();
            case SIZE -> r.bytes();
            case DELTA -> r.deltaBytes();
            case RATE -> Values.round1(r.rateBytesPerS());
            default -> TableSpec.ABSENT;
        };
    }

    @Override
    public long sortKey(LedgerRow r) {
        return switch (this) {
            case SIZE, SHARE -> r.bytes();
            case DELTA -> r.deltaBytes();
            case RATE -> Values.orderedBits(r.rateBytesPerS());
            case NAME -> 0;
            default -> throw new IllegalArgumentException("cannot sort by " + this);
        };
    }

    /** Its share of MemTotal (the ledger's lines add up to it). */
    private static String share(LedgerRow r) {
        return r.totalBytes() <= 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * r.bytes() / r.totalBytes());
    }

    private static final class Rows extends TableSpec.Rows<LedgerRow> {
        @Override public String name(LedgerRow r) { return r.line().title(); }

        @Override public List<String> aliases(LedgerRow r) { return List.of(); }

        @Override public int index(LedgerRow r) { return 0; }
    }
}
