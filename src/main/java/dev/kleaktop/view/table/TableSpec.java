package dev.kleaktop.view.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table: its columns and the orders they are listed in (left to right on the screen, the
 * fields of json and csv, which go first on a narrow terminal), the sort it starts with, the
 * names {@code -s} and the keys take, and how its rows are named (the name, its aliases and
 * occurrence are what the filter searches and what breaks ties in every sort).
 *
 * @param <R> the row type
 * @param <C> the column type
 */
public final class TableSpec<R, C extends ColumnSpec<R>> {
    /** A raw value that leaves its field out of the record (e.g. an index of 0). */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() { return "ABSENT"; }
    };

    private final List<C> columns;
    private final List<C> table;
    private final List<C> sortable;
    private final List<C> dropOrder;
    private final List<C> fields;
    private final List<C> csvFields;
    private final C nameColumn;
    private final C defaultSort;
    private final Map<String, C> sortKeys;
    private final List<String> listedSortKeys;
    private final Rows<R> rows;

    /**
     * How a table's rows are named: the name and aliases the filter searches, the name and
     * occurrence every sort breaks ties by. A class rather than three functions: the sort
     * asks for them once per row per refresh, and a call through a lambda costs more there
     * than the rest of the loop.
     *
     * @param <R> the row type
     */
    public abstract static class Rows<R> {
        public abstract String name(R row);

        public abstract List<String> aliases(R row);

        /** Which of the rows of one name this is (0 for the first). */
        public abstract int index(R row);
    }

    private TableSpec(Builder<R, C> b) {
        columns = List.copyOf(b.columns);
        table = List.copyOf(b.table);
        dropOrder = List.copyOf(b.dropOrder);
        fields = List.copyOf(b.fields);
        // loops, not streams: the spec is built on the way to the first table a command prints
        List<C> s = new ArrayList<>();
        C named = null;
        for (C c : table) {
            if (c.sortable()) s.add(c);
            if (named == null && c.fit() == ColumnSpec.Fit.GROWS) named = c;
        }
        if (named == null) throw new IllegalArgumentException("a table needs a name column");
        sortable = List.copyOf(s);
        nameColumn = named;
        List<C> csv = new ArrayList<>();
        for (C c : fields) {
            if (!c.jsonOnly()) csv.add(c);
        }
        csvFields = List.copyOf(csv);
        defaultSort = b.defaultSort;
        sortKeys = new LinkedHashMap<>(b.sortKeys);
        listedSortKeys = List.copyOf(b.listed);
        rows = b.rows;
        if (!defaultSort.sortable()) throw new IllegalArgumentException("cannot sort by " + defaultSort);
    }

    /** A spec over {@code all} columns, its rows named by {@code rows}. */
    public static <R, C extends ColumnSpec<R>> Builder<R, C> of(List<C> all, Rows<R> rows) {
        return new Builder<>(all, rows);
    }

    /** Every column, fields included, in declaration order. */
    public List<C> columns() { return columns; }

    /** The columns of the table, left to right. */
    public List<C> table() { return table; }

    /** The columns of the table that can be sorted by, left to right: what {@code <} and {@code >} step through. */
    public List<C> sortable() { return sortable; }

    /** Dropped first when the table does not fit, in that order. */
    public List<C> dropOrder() { return dropOrder; }

    /** The json fields, in SPEC's order. */
    public List<C> fields() { return fields; }

    /** The csv fields (json's without the json-only ones), in order. */
    public List<C> csvFields() { return csvFields; }

    /** The column that names a row ({@link ColumnSpec.Fit#GROWS}). */
    public C nameColumn() { return nameColumn; }

    public C defaultSort() { return defaultSort; }

    /** The column a sort key ({@code -s growth}, {@code -s a}, a screen letter) stands for. */
    public Optional<C> sortKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(sortKeys.get(key));
    }

    /** Every accepted sort key, in order, the screen's own letters included. */
    public Iterable<String> sortKeyNames() { return sortKeys.keySet(); }

    /** The sort keys {@code -s} lists (its error message, completions): all but the screen's own letters. */
    public List<String> listedSortKeys() { return listedSortKeys; }

    /** How the rows are named. */
    public Rows<R> rows() { return rows; }

    public String name(R row) { return rows.name(row); }

    public List<String> aliases(R row) { return rows.aliases(row); }

    /** Which of the rows of one name this is (0 for the first). */
    public int index(R row) { return rows.index(row); }

    /** Name, then occurrence: the order of {@link ColumnSpec.Order#NAME} and every sort's tie-break. */
    public Comparator<R> nameOrder() {
        return Comparator.comparing((R r) -> rows.name(r)).thenComparingInt(rows::index);
    }

    /** Ascending order of a column, or null when it cannot be sorted by. */
    public Comparator<R> comparator(C c) {
        return switch (c.order()) {
            case NONE -> null;
            case NAME -> nameOrder();
            case KEY -> Comparator.comparingLong(c::sortKey);
        };
    }

    /** The row as an ordered map of its SPEC field names to raw values. */
    public Map<String, Object> record(R row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (C c : fields) {
            Object v = c.raw(row);
            if (v != ABSENT) m.put(c.field(), v);
        }
        return m;
    }

    /** Builds a spec; every list is of columns among the spec's. */
    public static final class Builder<R, C extends ColumnSpec<R>> {
        private final List<C> columns;
        private final Rows<R> rows;
        private List<C> table = List.of();
        private List<C> dropOrder = List.of();
        private List<C> fields = List.of();
        private C defaultSort;
        private final Map<String, C> sortKeys = new LinkedHashMap<>();
        private final List<String> listed = new ArrayList<>();

        private Builder(List<C> columns, Rows<R> rows) {
            this.columns = List.copyOf(columns);
            this.rows = rows;
        }

        /** The columns drawn, left to right. */
        @SafeVarargs
        public final Builder<R, C> table(C... cols) {
            table = known(cols);
            return this;
        }

        /** The columns given up first on a narrow terminal, in that order. */
        @SafeVarargs
        public final Builder<R, C> dropOrder(C... cols) {
            dropOrder = known(cols);
            return this;
        }

        /** The fields of json and csv, in order; each must have a field name. */
        @SafeVarargs
        public final Builder<R, C> fields(C... cols) {
            for (C c : cols) {
                if (c.field() == null) throw new IllegalArgumentException(c + " is not a field");
            }
            fields = known(cols);
            return this;
        }

        public Builder<R, C> defaultSort(C c) {
            defaultSort = c;
            return this;
        }

        /** The {@code -s} names of these columns (their {@link ColumnSpec#sortName()}), in this order. */
        @SafeVarargs
        public final Builder<R, C> sortNames(C... cols) {
            for (C c : known(cols)) {
                if (c.sortName() == null || !c.sortable()) throw new IllegalArgumentException(c + " has no sort name");
                sortKeys.put(c.sortName(), c);
                listed.add(c.sortName());
            }
            return this;
        }

        /** A further key for a column, e.g. one of slabtop's letters. */
        public Builder<R, C> sortKey(String key, C c) {
            screenSortKey(key, c);
            listed.add(key);
            return this;
        }

        /** A key the screen has for a column that {@code -s} takes too but does not list. */
        public Builder<R, C> screenSortKey(String key, C c) {
            if (!c.sortable()) throw new IllegalArgumentException("cannot sort by " + c);
            sortKeys.put(key, known(List.of(c)).get(0));
            return this;
        }

        public TableSpec<R, C> build() { return new TableSpec<>(this); }

        @SafeVarargs
        private List<C> known(C... cols) { return known(List.of(cols)); }

        private List<C> known(List<C> cols) {
            for (C c : cols) {
                if (!columns.contains(c)) throw new IllegalArgumentException(c + " is not a column of this table");
            }
            return new ArrayList<>(cols);
        }
    }
}
