package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void tooSmallBelowFortyByTen() {
        assertThat(Layout.of(39, 50, 2, false).tooSmall()).isTrue();
        assertThat(Layout.of(200, 9, 2, false).tooSmall()).isTrue();
        assertThat(Layout.of(40, 10, 2, false).tooSmall()).isFalse();
    }

    @Test
    void paneAtTheRightWhenTheWholeTableStillFits() {
        int need = TableFormat.naturalWidth() + 2 + Layout.PANE_MIN_WIDTH;
        Layout l = Layout.of(need, 30, 2, true);
        assertThat(l.pane()).isEqualTo(Layout.Pane.RIGHT);
        assertThat(l.tableWidth()).isEqualTo(TableFormat.naturalWidth());
        assertThat(l.paneLeft() + l.paneWidth()).isEqualTo(need);
        assertThat(Layout.of(need - 1, 30, 2, true).pane()).isEqualTo(Layout.Pane.BELOW);
        // wider: the table takes what it can use, the pane every other column, no gap between
        Layout wide = Layout.of(300, 30, 2, true);
        assertThat(TableFormat.forWidth(wide.tableWidth()).nameWidth()).isEqualTo(TableFormat.MAX_NAME);
        assertThat(wide.tableWidth()).isEqualTo(TableFormat.forWidth(300).width());
        assertThat(wide.paneLeft()).isEqualTo(wide.tableWidth() + 2);
        assertThat(wide.paneLeft() + wide.paneWidth()).isEqualTo(300);
    }

    @Test
    void paneBelowNeedsRoomForTheTableAndHidesOtherwise() {
        Layout below = Layout.of(100, 40, 2, true);
        assertThat(below.pane()).isEqualTo(Layout.Pane.BELOW);
        assertThat(below.paneTop() + below.paneRows()).isEqualTo(below.statusRow());
        assertThat(below.tableTop() + 1 + below.tableRows() + 1).isEqualTo(below.paneTop());
        assertThat(Layout.of(100, 16, 2, true).pane()).isEqualTo(Layout.Pane.NONE);
        assertThat(Layout.of(200, 40, 2, false).pane()).isEqualTo(Layout.Pane.NONE);
    }

    @Test
    void unavailableSourcesNeverCrowdOutTheTable() {
        Layout l = Layout.of(80, 10, 6, false);
        assertThat(l.header()).isEqualTo(2);
        assertThat(Layout.of(80, 40, 6, false).header()).isEqualTo(6);
    }

    @Property
    void partsStayInsideTheTerminalAndDoNotOverlap(@ForAll @IntRange(min = 40, max = 400) int cols,
                                                  @ForAll @IntRange(min = 10, max = 200) int rows,
                                                  @ForAll @IntRange(min = 2, max = 8) int header,
                                                  @ForAll boolean pane) {
        Layout l = Layout.of(cols, rows, header, pane);
        assertThat(l.statusRow()).isEqualTo(rows - 1);
        assertThat(l.tableRows()).isGreaterThanOrEqualTo(1);
        assertThat(l.tableWidth()).isBetween(TableFormat.minimumWidth(), cols);
        switch (l.pane()) {
            case RIGHT:
                assertThat(l.paneLeft()).isGreaterThan(l.tableWidth());
                assertThat(l.paneLeft() + l.paneWidth()).isLessThanOrEqualTo(cols);
                assertThat(l.paneTop() + l.paneRows()).isLessThanOrEqualTo(l.statusRow());
                break;
            case BELOW:
                assertThat(l.paneTop()).isGreaterThan(l.tableTop() + l.tableRows());
                assertThat(l.paneTop() + l.paneRows()).isLessThanOrEqualTo(l.statusRow());
                break;
            default:
                assertThat(l.tableTop() + 1 + l.tableRows()).isEqualTo(l.statusRow());
        }
    }
}
