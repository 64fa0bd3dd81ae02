package dev.kleaktop.export;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.view.TableState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which caches get series. A box can have thousands of caches (one per device or network
 * namespace); every one exported at every scrape would swamp the Prometheus server. So the
 * export keeps the caches that pass {@code -f}, ranked, cut at {@code --top N}, and then
 * adds back every leak suspect that passed {@code -f}: the one series an alert needs must
 * never fall off the list because of a busier neighbour.
 */
public final class Selection {
    /** Default of {@code --top}: bounded series on big boxes, yet every cache on a typical one (150-300). */
    public static final int DEFAULT_TOP = 100;

    /**
     * Default ranking: growth rate first (unknown rates last), then memory held, then name,
     * so the cut keeps the caches that grow and, before rates are known, the biggest ones.
     */
    public static final Comparator<CacheRow> GROWTH_THEN_SIZE = Comparator
            .comparing((CacheRow r) -> r.growthBytesPerS() == null ? Double.NEGATIVE_INFINITY : r.growthBytesPerS(),
                    Comparator.reverseOrder())
            .thenComparing(CacheRow::sizeBytes, Comparator.reverseOrder())
            .thenComparing(CacheRow::id);

    private final int top;
    private final TableState filter;
    private final Comparator<CacheRow> rank;

    /**
     * @param top    how many caches to keep before suspects are added back; 0 keeps all
     * @param filter the {@code -f} filter (name or alias, case-insensitive); its sort is not used
     * @param rank   the ranking that decides who is cut
     */
    public Selection(int top, TableState filter, Comparator<CacheRow> rank) {
        if (top < 0) throw new IllegalArgumentException("top");
        this.top = top;
        this.filter = filter;
        this.rank = rank;
    }

    public static Selection all() { return new Selection(0, new TableState(), GROWTH_THEN_SIZE); }

    public int top() { return top; }

    /** The rows to export, ranked. */
    public List<CacheRow> apply(List<CacheRow> rows) {
        List<CacheRow> kept = new ArrayList<>(rows.size());
        for (CacheRow r : rows) {
            if (filter.matches(r)) kept.add(r);
        }
        kept.sort(rank);
        if (top == 0 || kept.size() <= top) return kept;
        List<CacheRow> out = new ArrayList<>(kept.subList(0, top));
        for (CacheRow r : kept.subList(top, kept.size())) {
            if (r.leakSuspect()) out.add(r);
        }
        return out;
    }
}
