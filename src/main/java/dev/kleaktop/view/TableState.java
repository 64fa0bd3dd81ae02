package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
    /**
     * Filter verdicts by cache name (with the aliases they were given for): names and aliases
     * repeat at every refresh, and a case-insensitive regex over 10,000 names costs more than
     * the rest of drawing a screen. Emptied when the filter changes.
     */
    private final Map<String, Verdict> verdicts = new HashMap<>();

    private record Verdict(List<String> aliases, boolean matches) {}

    /** A row with its sort key and name rank taken out once, rather than once per comparison. */
    private record Keyed(CacheRow row, long key, int rank) {}

    /**
     * Each name's place in String order among the names last seen: ties in the sort key (most
     * caches of a quiet machine grow at 0/s) are broken by name, and comparing two ints is
     * much cheaper than comparing two long names. Rebuilt when a name is not in it.
     */
    private Map<String, Integer> nameRank = new HashMap<>();

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
            verdicts.clear();
            return this;
        }
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        if (!regex.equals(filterText)) verdicts.clear();
        filter = p;
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
        List<String> aliases = r.attrs().aliases();
        Verdict v = verdicts.get(r.name());
        if (v != null && (v.aliases() == aliases || v.aliases().equals(aliases))) return v.matches();
        boolean m = search(r.name(), aliases);
        verdicts.put(r.name(), new Verdict(aliases, m));
        return m;
    }

    private boolean search(String name, List<String> aliases) {
        if (filter.matcher(name).find()) return true;
        for (String a : aliases) {
            if (filter.matcher(a).find()) return true;
        }
        return false;
    }

    /**
     * The rows that pass the filter, in the chosen order (ties broken by name): the order of
     * {@link #comparator()}, with each row's sort key read once (a stable sort, like List.sort).
     */
    public List<CacheRow> apply(List<CacheRow> rows) {
        if (verdicts.size() > 2 * rows.size() + 1024) verdicts.clear(); // names that went away
        List<CacheRow> passed = new ArrayList<>(rows.size());
        for (CacheRow r : rows) {
            if (matches(r)) passed.add(r);
        }
        int n = passed.size();
        Map<String, Integer> ranks = ranks(passed);
        Keyed[] keyed = new Keyed[n];
        for (int i = 0; i < n; i++) {
            CacheRow r = passed.get(i);
            keyed[i] = new Keyed(r, key(sort, r), ranks.get(r.name()));
        }
        boolean desc = sort.descendingByDefault() != reversed;
        boolean byName = sort == Column.NAME;
        Arrays.sort(keyed, (a, b) -> {
            int c = byName ? byName(a, b) : Long.compare(a.key(), b.key());
            if (desc) c = -c;
            return c != 0 ? c : byName(a, b);
        });
        List<CacheRow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(keyed[i].row());
        return out;
    }

    /** {@link Column#NAME}'s order: name (by its rank), then occurrence. */
    private static int byName(Keyed a, Keyed b) {
        int c = Integer.compare(a.rank(), b.rank());
        return c != 0 ? c : Integer.compare(a.row().id().index(), b.row().id().index());
    }

    /** The name ranks, rebuilt from these rows when one of their names has none. */
    private Map<String, Integer> ranks(List<CacheRow> rows) {
        boolean known = nameRank.size() <= 2 * rows.size() + 1024;
        for (int i = 0; known && i < rows.size(); i++) known = nameRank.containsKey(rows.get(i).name());
        if (known) return nameRank;
        String[] names = new String[rows.size()];
        for (int i = 0; i < names.length; i++) names[i] = rows.get(i).name();
        Arrays.sort(names);
        Map<String, Integer> m = new HashMap<>(names.length * 2);
        int rank = 0;
        for (int i = 0; i < names.length; i++) {
            if (i > 0 && !names[i].equals(names[i - 1])) rank++;
            m.put(names[i], rank);
        }
        nameRank = m;
        return m;
    }

    /**
     * The value {@link Column#comparator()} compares, as a long in the same order: counts as
     * they are, rates as ordered bits with the unknown ones below every number.
     */
    static long key(Column c, CacheRow r) {
        return switch (c) {
            case NAME -> 0;
            case OBJS -> r.cache().numObjs();
            case ACTIVE -> r.cache().activeObjs();
            case USE -> r.cache().usePct();
            case OBJSIZE -> r.cache().objSize();
            case SIZE -> r.sizeBytes();
            case DELTA -> r.deltaBytes();
            case RATE -> orderedBits(r.growthBytesPerS());
            case SLABS -> r.cache().numSlabs();
            case ACTIVE_SLABS -> r.cache().activeSlabs();
            case OBJPERSLAB -> r.cache().objPerSlab();
            case PAGESPERSLAB -> r.cache().pagesPerSlab();
            case TREND, FLAGS -> throw new IllegalArgumentException("cannot sort by " + c);
        };
    }

    /** Double.compare's order as signed longs; null below all (Long.MIN_VALUE is no double's). */
    static long orderedBits(Double d) {
        if (d == null) return Long.MIN_VALUE;
        long b = Double.doubleToLongBits(d);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    public Comparator<CacheRow> comparator() {
        Comparator<CacheRow> c = sort.comparator();
        boolean desc = sort.descendingByDefault() != reversed;
        if (desc) c = c.reversed();
        return c.thenComparing(Column.NAME.comparator());
    }
}
