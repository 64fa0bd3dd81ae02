package dev.kleaktop.view.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.view.table.Item.Col;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class TableTest {
    static final List<Item> ROWS = List.of(
            Item.of("b", 20), Item.of("a", 20), new Item("a", 1, 5L, List.of("alias-x")), Item.of("c", 30),
            new Item("d", 0, null, List.of()));

    static List<String> names(List<Item> l) {
        return l.stream().map(i -> i.name() + (i.index() > 0 ? "#" + i.index() : "")).toList();
    }

    @Test
    void sortsByTheDefaultColumnLargestFirstWithTiesByNameThenOccurrence() {
        Table<Item, Col> t = new Table<>(Col.SPEC);
        assertThat(t.sort()).isEqualTo(Col.SIZE);
        assertThat(t.descending()).isTrue();
        // unknown sizes go below every known one
        assertThat(names(t.apply(ROWS))).containsExactly("c", "a", "b", "a#1", "d");
    }

    @Test
    void reverseTurnsTheOrderButNotTheTieBreak() {
        Table<Item, Col> t = new Table<>(Col.SPEC).reverse();
        assertThat(t.descending()).isFalse();
        assertThat(names(t.apply(ROWS))).containsExactly("d", "a#1", "a", "b", "c");
        assertThat(names(t.reversed(false).apply(ROWS))).startsWith("c");
    }

    @Test
    void sortsByNameAToZThenOccurrence() {
        Table<Item, Col> t = new Table<>(Col.SPEC).sortBy(Col.NAME);
        assertThat(t.descending()).isFalse();
        assertThat(names(t.apply(ROWS))).containsExactly("a", "a#1", "b", "c", "d");
        assertThat(names(t.reverse().apply(ROWS))).containsExactly("d", "c", "b", "a#1", "a");
    }

    @Test
    void applyGivesTheComparatorsOrder() {
        Table<Item, Col> t = new Table<>(Col.SPEC);
        for (Col c : Col.SPEC.sortable()) {
            for (boolean rev : new boolean[] {false, true}) {
                t.sortBy(c).reversed(rev);
                List<Item> want = new ArrayList<>(ROWS);
                want.sort(t.comparator());
                assertThat(t.apply(ROWS)).as("%s %s", c, rev).containsExactlyElementsOf(want);
            }
        }
    }

    @Test
    void moveSortStepsThroughTheSortableColumnsOfTheTableAndWraps() {
        assertThat(Col.SPEC.sortable()).containsExactly(Col.NAME, Col.SIZE);
        Table<Item, Col> t = new Table<>(Col.SPEC);
        assertThat(t.moveSort(1).sort()).isEqualTo(Col.NAME); // wraps past the right end
        assertThat(t.moveSort(1).sort()).isEqualTo(Col.SIZE);
        assertThat(t.moveSort(-1).sort()).isEqualTo(Col.NAME);
        assertThat(t.moveSort(-1).sort()).isEqualTo(Col.SIZE); // wraps past the left end
    }

    @Test
    void onlySortableColumnsCanBeSortedBy() {
        Table<Item, Col> t = new Table<>(Col.SPEC);
        assertThatThrownBy(() -> t.sortBy(Col.NOTE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.sort()).isEqualTo(Col.SIZE);
        assertThat(Col.SPEC.comparator(Col.NOTE)).isNull();
    }

    @Test
    void filterFindsNamesAndAliasesIgnoringCaseAndABadOneChangesNothing() {
        Table<Item, Col> t = new Table<>(Col.SPEC).filter("ALIAS");
        assertThat(names(t.apply(ROWS))).containsExactly("a#1");
        assertThat(t.matches(ROWS.get(2))).isTrue();
        assertThat(t.matches(ROWS.get(0))).isFalse();
        assertThat(names(t.filter("^[bc]$").apply(ROWS))).containsExactly("c", "b");
        assertThatThrownBy(() -> t.filter("(")).isInstanceOf(PatternSyntaxException.class);
        assertThat(t.filterText()).isEqualTo("^[bc]$");
        assertThat(names(t.apply(ROWS))).containsExactly("c", "b");
        assertThat(t.filter("").apply(ROWS)).hasSize(ROWS.size());
        assertThat(t.filterText()).isEmpty();
    }

    @Test
    void aRefreshWithRowsGoneAndNewStillSortsRight() {
        Table<Item, Col> t = new Table<>(Col.SPEC).filter("a|b|e");
        assertThat(names(t.apply(ROWS))).containsExactly("a", "b", "a#1");
        List<Item> next = List.of(Item.of("e", 25), ROWS.get(1), new Item("a", 1, 50L, List.of("alias-x")));
        assertThat(names(t.apply(next))).containsExactly("a#1", "e", "a");
    }

    @Test
    void recordsCarryTheFieldsInOrderAndLeaveAbsentOnesOut() {
        Map<String, Object> first = Col.SPEC.record(ROWS.get(0));
        assertThat(first.keySet()).containsExactly("name", "size", "aliases");
        Map<String, Object> second = Col.SPEC.record(ROWS.get(2));
        assertThat(second.keySet()).containsExactly("name", "index", "size", "aliases");
        assertThat(second.get("index")).isEqualTo(1);
        assertThat(Col.SPEC.record(ROWS.get(4))).containsEntry("size", null);
        assertThat(Col.SPEC.csvFields()).containsExactly(Col.NAME, Col.SIZE, Col.ALIASES);
    }

    @Test
    void sortKeysAreTheSortNamesThenTheFurtherKeys() {
        assertThat(Col.SPEC.sortKeyNames()).containsExactly("size", "name", "z", "y");
        assertThat(Col.SPEC.listedSortKeys()).containsExactly("size", "name", "z");
        assertThat(Col.SPEC.sortKey("y")).contains(Col.NAME);
        assertThat(Col.SPEC.sortKey("z")).contains(Col.SIZE);
        assertThat(Col.SPEC.sortKey("note")).isEmpty();
        assertThat(Col.SPEC.sortKey(null)).isEmpty();
        assertThat(Col.SPEC.nameColumn()).isEqualTo(Col.NAME);
    }

    @Test
    void aSpecRefusesColumnsThatAreNotItsOwnOrNotFields() {
        assertThatThrownBy(() -> TableSpec.<Item, Col>of(List.of(Col.NAME), new Item.Rows())
                .table(Col.NAME, Col.SIZE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableSpec.<Item, Col>of(List.of(Col.values()), new Item.Rows())
                .fields(Col.NOTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableSpec.<Item, Col>of(List.of(Col.values()), new Item.Rows())
                .sortKey("n", Col.NOTE)).isInstanceOf(IllegalArgumentException.class);
    }
}
