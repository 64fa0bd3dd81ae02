package dev.kleaktop.view.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Sort and filter state of one table, kept apart from the data (as bottom does): the screen
 * and batch mode apply the same state to the same rows. Sorting starts at the spec's default
 * column; ties are broken by name, then occurrence, then place in the input.
 *
 * <p>Open so that a table can name its state type ({@code TableState} for the cache table);
 * a subclass only narrows the return types.
 *
 * @param <R> the row type
 * @param <C> the column type
 */
public class Table<R, C extends ColumnSpec<R>> {
    private final TableSpec<R, C> spec;
    private final TableSpec.Rows<R> named;
    private C sort;
    private boolean reversed;
    private Pattern filter;
    private String filterText = "";
    /**
     * Filter verdicts by row name (with the aliases they were given for): names and aliases
     * repeat at every refresh, and a case-insensitive regex over 10,000 names costs more than
     * the rest of drawing a screen. Emptied when the filter changes.
     */
    private final Map<String, Verdict> verdicts = new HashMap<>();
    private final Ranks ranks = new Ranks();
    private Last last = new Last(0, -1);
    private long filterGen;

    private record Verdict(List<String> aliases, boolean matches) {}

    /**
     * A row with its sort key and name rank taken out once, rather than once per comparison,
     * and its place in the input (the last tie-break, as a stable sort would order them).
     */
    private record Keyed<R>(R row, long key, int rank, int pos) {}

    public Table(TableSpec<R, C> spec) {
        this.spec = spec;
        this.named = spec.rows();
        this.sort = spec.defaultSort();
    }

    public TableSpec<R, C> spec() { return spec; }

    public C sort() { return sort; }

    public boolean reversed() { return reversed; }

    public String filterText() { return filterText; }

    /** True when the sort runs largest (or Z) first: the column's default unless reversed. */
    public boolean descending() { return sort.descendingByDefault() != reversed; }

    public Table<R, C> sortBy(C c) {
        if (!c.sortable()) throw new IllegalArgumentException("cannot sort by " + c);
        this.sort = c;
        return this;
    }

    public Table<R, C> reverse() {
        reversed = !reversed;
        return this;
    }

    public Table<R, C> reversed(boolean r) {
        reversed = r;
        return this;
    }

    /**
     * Sets the filter: a case-insensitive regular expression found anywhere in a row's name or
     * one of its aliases. Empty clears it.
     *
     * @throws PatternSyntaxException when the expression is invalid (state unchanged)
     */
    public Table<R, C> filter(String regex) {
        if (regex == null || regex.isEmpty()) {
            filter = null;
            filterText = "";
            verdicts.clear();
            filterGen++;
            return this;
        }
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        if (!regex.equals(filterText)) {
            verdicts.clear();
            filterGen++;
        }
        filter = p;
        filterText = regex;
        return this;
    }

    /**
     * Moves the sort one sortable column of the table left ({@code -1}) or right ({@code +1}),
     * wrapping round; from a column not in the table it moves from the default one.
     */
    public Table<R, C> moveSort(int step) {
        List<C> cols = spec.sortable();
        int i = cols.indexOf(sort);
        if (i < 0) i = cols.indexOf(spec.defaultSort());
        sort = cols.get(Math.floorMod(i + step, cols.size()));
        return this;
    }

    public boolean matches(R r) {
        if (filter == null) return true;
        String name = named.name(r);
        List<String> aliases = named.aliases(r);
        Verdict v = verdicts.get(name);
        if (v != null && (v.aliases() == aliases || v.aliases().equals(aliases))) return v.matches();
        boolean m = search(name, aliases);
        verdicts.put(name, new Verdict(aliases, m));
        return m;
    }

    private boolean search(String name, List<String> aliases) {
        if (filter.matcher(name).find()) return true;
        for (String a : aliases) {
            if (filter.matcher(a).find()) return true;
        }
        return false;
    }

    /** The order {@link #apply} sorts in: the sort column's, then name and occurrence. */
    public Comparator<R> comparator() {
        Comparator<R> c = spec.comparator(sort);
        if (descending()) c = c.reversed();
        return c.thenComparing(spec.nameOrder());
    }

    /**
     * The rows that pass the filter, in the order of {@link #comparator()} (a stable sort,
     * like List.sort), with each row's sort key read once.
     */
    public List<R> apply(List<R> rows) {
        if (verdicts.size() > 2 * rows.size() + 1024) verdicts.clear(); // names that went away
        if (filter == null) filterGen++; // no verdicts to reuse
        int size = rows.size();
        // The rows of a refresh come in the order of the last: what was worked out for the
        // same name (and aliases) at the same place is reused without a map lookup.
        Last now = new Last(size, filterGen);
        boolean sameFilter = last.filterGen == filterGen;
        Object[] passed = new Object[size];
        int[] at = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            R r = rows.get(i);
            String name = named.name(r);
            List<String> aliases = named.aliases(r);
            boolean m;
            if (filter == null) {
                m = true;
            } else if (sameFilter && i < last.size && last.names[i] == name && last.aliases[i] == aliases) {
                m = last.matches[i];
            } else {
                m = matches(r);
            }
            now.names[i] = name;
            now.aliases[i] = aliases;
            now.matches[i] = m;
            if (m) {
                passed[n] = r;
                at[n++] = i;
            }
        }
        int[] rank = ranks.of(at, n, now.names);
        @SuppressWarnings("unchecked")
        Keyed<R>[] keyed = new Keyed[n];
        int k = 0;
        boolean byKey = sort.order() == ColumnSpec.Order.KEY;
        // Rows go to the sort in the order they came out last time (the rows of a refresh are
        // mostly the rows of the last one, in much the same order), so the sort mostly finds
        // them in order. The order is total (input place last), so where they start from
        // does not change where they end.
        int[] index = new int[size];
        Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) index[at[i]] = i;
        for (int p : last.order) {
            int i = p < size ? index[p] : -1;
            if (i < 0) continue;
            keyed[k++] = keyed(row(passed, i), byKey, rank[i], p);
            index[p] = -1;
        }
        for (int i = 0; i < n; i++) {
            if (index[at[i]] >= 0) keyed[k++] = keyed(row(passed, i), byKey, rank[i], at[i]);
        }
        boolean desc = descending();
        Arrays.sort(keyed, (a, b) -> {
            int c = byKey ? Long.compare(a.key(), b.key()) : byName(a, b);
            if (desc) c = -c;
            if (c == 0) c = byName(a, b);
            return c != 0 ? c : Integer.compare(a.pos(), b.pos());
        });
        List<R> out = new ArrayList<>(n);
        now.order = new int[n];
        for (int i = 0; i < n; i++) {
            out.add(keyed[i].row());
            now.order[i] = keyed[i].pos();
        }
        last = now;
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <R> R row(Object[] rows, int i) { return (R) rows[i]; }

    private Keyed<R> keyed(R r, boolean byKey, int rank, int pos) {
        return new Keyed<>(r, byKey ? sort.sortKey(r) : 0, rank, pos);
    }

    /** Name order: name (by its rank), then occurrence (read only for a tie: most names are one cache's). */
    private int byName(Keyed<R> a, Keyed<R> b) {
        int c = Integer.compare(a.rank(), b.rank());
        return c != 0 ? c : Integer.compare(named.index(a.row()), named.index(b.row()));
    }

    /** What one apply worked out for each row, by position. */
    private static final class Last {
        final int size;
        final long filterGen;
        final String[] names;
        final List<?>[] aliases;
        final boolean[] matches;
        /** Input places of the rows that came out, in the order they came out. */
        int[] order = new int[0];

        Last(int size, long filterGen) {
            this.size = size;
            this.filterGen = filterGen;
            names = new String[size];
            aliases = new List<?>[size];
            matches = new boolean[size];
        }
    }
}
