package dev.kleaktop.view.table;

import java.util.List;

/** A toy row for the table model's tests: a name, its occurrence, a size and aliases. */
record Item(String name, int index, Long size, List<String> aliases) {
    static Item of(String name, long size) { return new Item(name, 0, size, List.of()); }

    /** How the toy rows are named. */
    static final class Rows extends TableSpec.Rows<Item> {
        @Override public String name(Item r) { return r.name(); }

        @Override public List<String> aliases(Item r) { return r.aliases(); }

        @Override public int index(Item r) { return r.index(); }
    }

    /** The toy table's columns: every kind the model knows (name, key, none, field only, graph). */
    enum Col implements ColumnSpec<Item> {
        NAME("NAME", 6, Align.LEFT, Fit.GROWS, "name", Order.NAME, "name"),
        SIZE("SIZE", 5, Align.RIGHT, Fit.FIXED, "size", Order.KEY, "size"),
        NOTE("NOTE", 4, Align.LEFT, Fit.FIXED, null, Order.NONE, null),
        GRAPH("GRAPH", 4, Align.LEFT, Fit.SPARKLINE, null, Order.NONE, null),
        INDEX(null, 0, Align.LEFT, Fit.FIXED, "index", Order.NONE, null),
        ALIASES(null, 0, Align.LEFT, Fit.FIXED, "aliases", Order.NONE, null);

        static final TableSpec<Item, Col> SPEC = TableSpec.<Item, Col>of(List.of(values()), new Rows())
                .table(NAME, SIZE, NOTE, GRAPH)
                .dropOrder(GRAPH, NOTE)
                .fields(NAME, INDEX, SIZE, ALIASES)
                .defaultSort(SIZE)
                .sortNames(SIZE, NAME)
                .sortKey("z", SIZE)
                .screenSortKey("y", NAME)
                .build();

        private final String title;
        private final int width;
        private final Align align;
        private final Fit fit;
        private final String field;
        private final Order order;
        private final String sortName;

        Col(String title, int width, Align align, Fit fit, String field, Order order, String sortName) {
            this.title = title;
            this.width = width;
            this.align = align;
            this.fit = fit;
            this.field = field;
            this.order = order;
            this.sortName = sortName;
        }

        @Override public String title() { return title; }
        @Override public int width() { return width; }
        @Override public Align align() { return align; }
        @Override public Fit fit() { return fit; }
        @Override public String field() { return field; }
        @Override public boolean jsonOnly() { return this == INDEX; }
        @Override public Order order() { return order; }
        @Override public String sortName() { return sortName; }
        @Override public boolean descendingByDefault() { return this != NAME; }

        @Override
        public String cell(Item r) {
            return switch (this) {
                case NAME -> r.name();
                case SIZE -> r.size() == null ? "-" : Long.toString(r.size());
                default -> "";
            };
        }

        @Override
        public Object raw(Item r) {
            return switch (this) {
                case NAME -> r.name();
                case SIZE -> r.size();
                case INDEX -> r.index() > 0 ? (Object) r.index() : TableSpec.ABSENT;
                case ALIASES -> r.aliases();
                default -> TableSpec.ABSENT;
            };
        }

        @Override
        public long sortKey(Item r) { return Values.nullsLow(r.size()); }
    }
}
