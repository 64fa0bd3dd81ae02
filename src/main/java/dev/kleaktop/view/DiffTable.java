package dev.kleaktop.view;

import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Sort and filter state of a diff table, apart from the data (like {@link TableState}):
 * by default largest {@code Δ SIZE} first, the order SPEC ranks a diff by.
 */
public final class DiffTable {
    private DiffColumn sort = DiffColumn.DELTA;
    private boolean reversed;
    private Pattern filter;
    private String filterText = "";

    public DiffColumn sort() { return sort; }

    public boolean reversed() { return reversed; }

    public String filterText() { return filterText; }

    public DiffTable sortBy(DiffColumn c) {
        if (c.comparator() == null) throw new IllegalArgumentException("cannot sort by " + c);
        sort = c;
        return this;
    }

    public DiffTable reverse() {
        reversed = !reversed;
        return this;
    }

    public DiffTable reversed(boolean r) {
        reversed = r;
        return this;
    }

    /** The columns that can be sorted by, left to right: what {@code <} and {@code >} step through. */
    public static final List<DiffColumn> SORTABLE =
            DiffColumn.TABLE.stream().filter(c -> c.comparator() != null).toList();

    /** Moves the sort one sortable column left ({@code -1}) or right ({@code +1}), wrapping round. */
    public DiffTable moveSort(int step) {
        int i = SORTABLE.indexOf(sort);
        sort = SORTABLE.get(Math.floorMod(i + step, SORTABLE.size()));
        return this;
    }

    /**
     * A case-insensitive regular expression found in the cache name or one of its aliases;
     * empty clears it.
     *
     * @throws PatternSyntaxException when the expression is invalid (state unchanged)
     */
    public DiffTable filter(String regex) {
        if (regex == null || regex.isEmpty()) {
            filter = null;
            filterText = "";
            return this;
        }
        filter = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        filterText = regex;
        return this;
    }

    public boolean matches(CacheDelta d) {
        if (filter == null) return true;
        if (filter.matcher(d.name()).find()) return true;
        for (String a : d.attrs().aliases()) {
            if (filter.matcher(a).find()) return true;
        }
        return false;
    }

    /** The rows that pass the filter, in the chosen order (ties by name and occurrence). */
    public List<CacheDelta> apply(List<CacheDelta> rows) {
        List<CacheDelta> out = new ArrayList<>(rows.size());
        for (CacheDelta d : rows) {
            if (matches(d)) out.add(d);
        }
        Comparator<CacheDelta> c = sort.comparator();
        if (sort.descendingByDefault() != reversed) c = c.reversed();
        out.sort(c.thenComparing(CacheDelta::id));
        return out;
    }
}
