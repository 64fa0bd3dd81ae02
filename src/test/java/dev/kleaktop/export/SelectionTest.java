package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.TableState;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SelectionTest {
    static CacheRow row(String name, long sizeBytes, Double growth, boolean suspect) {
        SlabCache c = new SlabCache(CacheId.of(name), 1, 1, 64, 64, 1, 0, 0, 0, sizeBytes / 4096, sizeBytes / 4096, 0);
        return new CacheRow(c, CacheAttrs.UNKNOWN, sizeBytes, 64, growth, growth, 0, 0, suspect, dev.kleaktop.testing.Verdicts.of(suspect), new long[0]);
    }

    static List<String> names(List<CacheRow> rows) {
        return rows.stream().map(CacheRow::name).sorted().collect(Collectors.toList());
    }

    static final List<CacheRow> ROWS = List.of(
            row("big", 100 << 20, -20.0, false),        // largest, slightly shrinking (dentry-like)
            row("big2", 90 << 20, 0.0, false),
            row("big3", 80 << 20, 0.0, false),
            row("fast", 4096, 5000.0, false),           // small, growing fastest
            row("faster", 8192, 9000.0, false),
            row("slow", 4096, 10.0, false),
            row("idle", 4096, 0.0, false),
            row("leak", 4096, 1.0, true),               // a suspect growing slowly
            row("new", 4096, null, false));             // rate not known yet

    @Test
    void halfTheSlotsGoToTheFastestGrowersTheRestToTheLargest() {
        assertThat(names(Selection.growthAndSize(4, new TableState()).apply(ROWS)))
                .containsExactly("big", "big2", "fast", "faster", "leak");
    }

    @Test
    void onlyPositiveGrowthTakesAGrowthSlot() {
        List<CacheRow> rows = List.of(row("a", 1 << 20, 0.0, false), row("b", 2 << 20, -5.0, false),
                row("c", 3 << 20, null, false), row("d", 4 << 20, 0.0, false));
        assertThat(names(Selection.growthAndSize(2, new TableState()).apply(rows))).containsExactly("c", "d");
    }

    @Test
    void suspectsAreAlwaysKeptButTheFilterStillApplies() {
        assertThat(names(Selection.growthAndSize(1, new TableState()).apply(ROWS))).containsExactly("big", "leak");
        assertThat(names(Selection.growthAndSize(1, new TableState().filter("^BIG")).apply(ROWS))).containsExactly("big");
        assertThat(names(Selection.growthAndSize(0, new TableState().filter("fast")).apply(ROWS)))
                .containsExactly("fast", "faster");
    }

    @Test
    void zeroOrAListShorterThanTopKeepsEverything() {
        assertThat(Selection.growthAndSize(0, new TableState()).apply(ROWS)).hasSize(ROWS.size());
        assertThat(Selection.growthAndSize(100, new TableState()).apply(ROWS)).hasSize(ROWS.size());
    }

    @Test
    void aSortKeyRanksInstead() {
        TableState byName = new TableState().sortBy(Column.NAME);
        assertThat(names(Selection.ranked(3, byName, byName.comparator()).apply(ROWS)))
                .containsExactly("big", "big2", "big3", "leak");
    }
}
