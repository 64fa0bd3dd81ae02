package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Sort and filter state of the cache table, kept apart from the data (as bottom does):
 * the screen and batch mode apply the same state to the same rows.
 */
public final class TableState {
    private Column sort = Column.RATE;
    private boolean reversed;
    private Pattern filter;
    private String filterText = "";

    public Column sort() { return sort; }

    public boolean reversed() { return reversed; }

    public String filterText() { return filterText; }

    public TableState sortBy(Column c) {
        if (c.comparator() == null) throw new IllegalArgumentException("cannot sort by " + c);
        this.sort = c;
        return this;
    }

    public TableState reverse() {
        reversed = !reversed;
        return this;
    }

    public TableState reversed(boolean r) {
        reversed = r;
        return this;
    }

    /**
     * Sets the filter: a case-insensitive regular expression matched anywhere in the cache
     * name or one of its aliases. Empty clears it.
     *
     * @throws PatternSyntaxException when the expression is invalid (state unchanged)
     */
    public TableState filter(String regex) {
        if (regex == null || regex.isEmpty()) {
            filter = null;
            filterText = "";
            return this;
        }
        filter = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        filterText = regex;
        return this;
    }

    /** Moves the sort one column left ({@code -1}) or right ({@code +1}) among the table columns. */
    public TableState moveSort(int step) {
        List<Column> cols = Column.SORTABLE_IN_TABLE;
        int i = cols.indexOf(sort);
        if (i < 0) i = cols.indexOf(Column.RATE);
        int n = cols.size();
        sort = cols.get(Math.floorMod(i + step, n));
        return this;
    }

    public boolean matches(CacheRow r) {
        if (filter == null) return true;
        if (filter.matcher(r.name()).find()) return true;
        for (String a : r.attrs().aliases()) {
            if (filter.matcher(a).find()) return true;
        }
        return false;
    }

    /** The rows that pass the filter, in the chosen order (ties broken by name). */
    public List<CacheRow> apply(List<CacheRow> rows) {
        List<CacheRow> out = new ArrayList<>(rows.size());
        for (CacheRow r : rows) {
            if (matches(r)) out.add(r);
        }
        out.sort(comparator());
        return out;
    }

    public Comparator<CacheRow> comparator() {
        Comparator<CacheRow> c = sort.comparator();
        boolean desc = sort.descendingByDefault() != reversed;
        if (desc) c = c.reversed();
        return c.thenComparing(Column.NAME.comparator());
    }
}
