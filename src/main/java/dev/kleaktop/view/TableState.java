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

    /**
     * A row with its sort key and name rank taken out once, rather than once per comparison,
     * and its place in the input (the last tie-break, as a stable sort would order them).
     */
    private record Keyed(CacheRow row, long key, int rank, int pos) {}

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
        if (!c.sortable()) throw new IllegalArgumentException("cannot sort by " + c);
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
        if (filter == null) filterGen++; // no verdicts to reuse
        int size = rows.size();
        // The rows of a refresh come in the order of the last: what was worked out for the
        // same name (and aliases) at the same place is reused without a map lookup.
        Last now = new Last(size, filterGen, rankGen);
        boolean sameFilter = last.filterGen == filterGen;
        CacheRow[] passed = new CacheRow[size];
        int[] at = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            CacheRow r = rows.get(i);
            String name = r.name();
            List<String> aliases = r.attrs().aliases();
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
        int[] ranks = ranks(passed, at, n, now);
        Keyed[] keyed = new Keyed[n];
        int k = 0;
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
            keyed[k++] = new Keyed(passed[i], key(sort, passed[i]), ranks[i], p);
            index[p] = -1;
        }
        for (int i = 0; i < n; i++) {
            if (index[at[i]] >= 0) keyed[k++] = new Keyed(passed[i], key(sort, passed[i]), ranks[i], at[i]);
        }
        boolean desc = sort.descendingByDefault() != reversed;
        boolean byName = sort == Column.NAME;
        Arrays.sort(keyed, (a, b) -> {
            int c = byName ? byName(a, b) : Long.compare(a.key(), b.key());
            if (desc) c = -c;
            if (c == 0) c = byName(a, b);
            return c != 0 ? c : Integer.compare(a.pos(), b.pos());
        });
        List<CacheRow> out = new ArrayList<>(n);
        now.order = new int[n];
        for (int i = 0; i < n; i++) {
            out.add(keyed[i].row());
            now.order[i] = keyed[i].pos();
        }
        last = now;
        return out;
    }

    /** What one apply worked out for each row, by position. */
    private static final class Last {
        final int size;
        final long filterGen;
        long rankGen;
        final String[] names;
        final List<?>[] aliases;
        final boolean[] matches;
        final int[] ranks;
        /** Input places of the rows that came out, in the order they came out. */
        int[] order = new int[0];

        Last(int size, long filterGen, long rankGen) {
            this.size = size;
            this.filterGen = filterGen;
            this.rankGen = rankGen;
            names = new String[size];
            aliases = new List<?>[size];
            matches = new boolean[size];
            ranks = new int[size];
            Arrays.fill(ranks, -1);
        }
    }

    private Last last = new Last(0, -1, -1);
    private long filterGen;
    private long rankGen;

    /** {@link Column#NAME}'s order: name (by its rank), then occurrence. */
    private static int byName(Keyed a, Keyed b) {
        int c = Integer.compare(a.rank(), b.rank());
        return c != 0 ? c : Integer.compare(a.row().id().index(), b.row().id().index());
    }

    /**
     * The name ranks of the passed rows (at[i] is where passed[i] was in the input), from the
     * last apply's positions or the rank map; the map is rebuilt from these rows when one of
     * their names has no rank (or it holds too many names that went away).
     */
    private int[] ranks(CacheRow[] passed, int[] at, int n, Last now) {
        int[] out = new int[n];
        boolean lastRanks = last.rankGen == rankGen;
        boolean known = nameRank.size() <= 2 * n + 1024;
        for (int i = 0; known && i < n; i++) {
            int p = at[i];
            String name = passed[i].name();
            if (lastRanks && p < last.size && last.names[p] == name && last.ranks[p] >= 0) {
                out[i] = last.ranks[p];
            } else {
                Integer r = nameRank.get(name);
                if (r == null) known = false;
                else out[i] = r;
            }
        }
        if (!known) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) names[i] = passed[i].name();
            Arrays.sort(names);
            Map<String, Integer> m = new HashMap<>(names.length * 2);
            int rank = 0;
            for (int i = 0; i < names.length; i++) {
                if (i > 0 && !names[i].equals(names[i - 1])) rank++;
                m.put(names[i], rank);
            }
            nameRank = m;
            rankGen++;
            for (int i = 0; i < n; i++) out[i] = m.get(passed[i].name());
        }
        now.rankGen = rankGen;
        for (int i = 0; i < n; i++) now.ranks[at[i]] = out[i];
        return out;
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
