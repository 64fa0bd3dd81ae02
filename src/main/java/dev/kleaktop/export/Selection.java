package dev.kleaktop.export;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.view.TableState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which caches get series. A box can have thousands of caches (one per device or network
 * namespace); all of them at every scrape would swamp the Prometheus server. So the export
 * keeps the caches that pass {@code -f}, cut at {@code --top N}, and then adds back every
 * leak suspect that passed {@code -f}: the series an alert needs never falls off the list
 * because of busier neighbours.
 *
 * <p>The default cut gives half of the N slots to the fastest-growing caches (positive
 * growth rate only) and fills the rest with the largest caches. Ranking by growth alone
 * would drop a large, steady cache (dentry holding 70 MB at a slope of -20 B/s ranks below
 * every idle cache), and ranking by size alone would hide a small cache that has just
 * started to leak. With {@code -s KEY} the caches are ranked by that key instead and the
 * first N kept.
 */
public final class Selection {
    /** Default of {@code --top}: bounded series on big boxes, most caches on a typical one (150-300). */
    public static final int DEFAULT_TOP = 100;

    private static final Comparator<CacheRow> BY_GROWTH = Comparator
            .comparing((CacheRow r) -> r.growthBytesPerS() == null ? Double.NEGATIVE_INFINITY : r.growthBytesPerS(),
                    Comparator.reverseOrder())
            .thenComparing(CacheRow::id);
    private static final Comparator<CacheRow> BY_SIZE = Comparator
            .comparing(CacheRow::sizeBytes, Comparator.reverseOrder())
            .thenComparing(CacheRow::id);

    private final int top;
    private final TableState filter;
    private final Comparator<CacheRow> rank;

    private Selection(int top, TableState filter, Comparator<CacheRow> rank) {
        if (top < 0) throw new IllegalArgumentException("top");
        this.top = top;
        this.filter = filter;
        this.rank = rank;
    }

    /**
     * The default cut: up to N/2 fastest-growing caches, then the largest up to N.
     *
     * @param top    how many caches to keep before suspects are added back; 0 keeps all
     * @param filter the {@code -f} filter (name or alias, case-insensitive); its sort is not used
     */
    public static Selection growthAndSize(int top, TableState filter) {
        return new Selection(top, filter, null);
    }

    /** The first N caches by {@code rank} ({@code -s KEY}). */
    public static Selection ranked(int top, TableState filter, Comparator<CacheRow> rank) {
        return new Selection(top, filter, rank);
    }

    public static Selection all() { return growthAndSize(0, new TableState()); }

    public int top() { return top; }

    /** The rows to export (in no particular order: the exposition sorts its series). */
    public List<CacheRow> apply(List<CacheRow> rows) {
        List<CacheRow> kept = new ArrayList<>(rows.size());
        for (CacheRow r : rows) {
            if (filter.matches(r)) kept.add(r);
        }
        if (top == 0 || kept.size() <= top) return kept;
        Set<CacheRow> chosen = new LinkedHashSet<>();
        if (rank != null) {
            kept.sort(rank);
            chosen.addAll(kept.subList(0, top));
        } else {
            kept.sort(BY_GROWTH);
            for (CacheRow r : kept) {
                if (chosen.size() >= top / 2 || r.growthBytesPerS() == null || r.growthBytesPerS() <= 0) break;
                chosen.add(r);
            }
            kept.sort(BY_SIZE);
            for (CacheRow r : kept) {
                if (chosen.size() >= top) break;
                chosen.add(r);
            }
        }
        for (CacheRow r : kept) {
            if (r.leakSuspect()) chosen.add(r);
        }
        return new ArrayList<>(chosen);
    }
}
