package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnSortableTest {
    @Test
    void sortableExactlyWhenThereIsAnOrder() {
        for (Column c : Column.values()) {
            assertThat(c.sortable()).as(c.name()).isEqualTo(Column.SPEC.comparator(c) != null);
        }
        assertThat(Column.SPEC.sortable()).allMatch(Column::sortable);
        assertThatThrownBy(() -> new TableState().sortBy(Column.FLAGS)).isInstanceOf(IllegalArgumentException.class);
    }
}
