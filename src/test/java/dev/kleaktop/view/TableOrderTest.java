package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link TableState#apply} sorts with keys taken out once and remembers filter verdicts; it
 * must give exactly the rows, in exactly the order, of filtering with the regex and sorting
 * with {@link TableState#comparator()}, for every sortable column in both directions.
 */
class TableOrderTest {
    private static final String[] NAMES = {"dentry", "Dentry", "kmalloc-64", "kmalloc-128", "inode_cache",
        "dentry(12:docker-1.scope)", "bio-312", "ext4_inode_cache", "\u00e9t\u00e9", "x"};
    private static final Double[] RATES = {null, 0.0, -0.0, 1.5, -2.0, 1e9, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 3.0, 3.0};

    static List<CacheRow> rows(Random rnd, int n) {
        List<CacheRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = NAMES[rnd.nextInt(NAMES.length)];
            int index = rnd.nextInt(3);
            long objs = rnd.nextInt(4) * 100L;
            SlabCache c = new SlabCache(new CacheId(name, index), objs - rnd.nextInt(2), objs, 64 << rnd.nextInt(3),
                    rnd.nextInt(3), rnd.nextInt(3), 0, 0, 0, rnd.nextInt(4), rnd.nextInt(4), 0);
            List<String> aliases = rnd.nextInt(3) == 0 ? List.of(":A-0000064", "filp") : List.of();
            CacheAttrs a = new CacheAttrs(name, aliases, rnd.nextBoolean());
            out.add(new CacheRow(c, a, rnd.nextInt(3) * 4096L, 0, RATES[rnd.nextInt(RATES.length)], null,
                    rnd.nextInt(5) - 2, 0, false, dev.kleaktop.testing.Verdicts.of(false), new long[0]));
        }
        return out;
    }

    static List<CacheRow> reference(TableState t, String regex, List<CacheRow> rows) {
        java.util.regex.Pattern p = regex.isEmpty() ? null
                : java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
        List<CacheRow> out = new ArrayList<>();
        for (CacheRow r : rows) {
            boolean m = p == null || p.matcher(r.name()).find() || r.attrs().aliases().stream().anyMatch(x -> p.matcher(x).find());
            if (m) out.add(r);
        }
        out.sort(t.comparator());
        return out;
    }

    @Property(tries = 300)
    void sameRowsInTheSameOrderAsTheComparator(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<CacheRow> rows = rows(rnd, rnd.nextInt(60));
        TableState t = new TableState();
        String[] filters = {"", "dentry", "^k", "FILP", "\u00c9T\u00c9", "cache|bio", "(12:"};
        for (int round = 0; round < 4; round++) {
            String f = filters[rnd.nextInt(filters.length)];
            t.filter(f.equals("(12:") ? "\\(12:" : f);
            for (Column c : Column.values()) {
                if (Column.SPEC.comparator(c) == null) continue;
                for (boolean rev : new boolean[] {false, true}) {
                    t.sortBy(c).reversed(rev);
                    List<CacheRow> got = t.apply(rows);
                    List<CacheRow> want = reference(t, t.filterText(), rows);
                    assertThat(got).as("%s reversed=%s filter=%s", c, rev, t.filterText()).containsExactlyElementsOf(want);
                    // the same rows again (verdicts remembered) and a fresh list of them
                    assertThat(t.apply(new ArrayList<>(rows))).containsExactlyElementsOf(want);
                }
            }
        }
    }

    /**
     * The rows go to the sort in the order the last apply gave them: a refresh with caches
     * gone, new ones, rows moved or changed must still come out in the comparator's order.
     */
    @Property(tries = 300)
    void aChangedRefreshAfterAnotherStillSortsByTheComparator(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<CacheRow> rows = rows(rnd, rnd.nextInt(60));
        TableState t = new TableState();
        String[] filters = {"", "dentry", "^k", "cache|bio"};
        for (int round = 0; round < 6; round++) {
            if (rnd.nextInt(3) == 0) t.filter(filters[rnd.nextInt(filters.length)]);
            if (rnd.nextInt(3) == 0) t.sortBy(List.of(Column.RATE, Column.SIZE, Column.NAME, Column.OBJS).get(rnd.nextInt(4)));
            if (rnd.nextInt(4) == 0) t.reverse();
            List<CacheRow> got = t.apply(rows);
            assertThat(got).as("round %d %s filter=%s", round, t.sort(), t.filterText())
                    .containsExactlyElementsOf(reference(t, t.filterText(), rows));
            List<CacheRow> next = new ArrayList<>(rows);
            for (int i = rnd.nextInt(4); i > 0 && !next.isEmpty(); i--) next.remove(rnd.nextInt(next.size()));
            List<CacheRow> fresh = rows(rnd, rnd.nextInt(5));
            for (CacheRow r : fresh) next.add(rnd.nextInt(next.size() + 1), r);
            for (int i = rnd.nextInt(3); i > 0 && next.size() > 1; i--) {
                java.util.Collections.swap(next, rnd.nextInt(next.size()), rnd.nextInt(next.size()));
            }
            rows = next;
        }
    }
}
