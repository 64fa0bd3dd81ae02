package dev.kleaktop.view.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListCursorTest {
    static ListCursor of(int size, int rows) {
        ListCursor c = new ListCursor();
        c.resize(size);
        c.viewport(rows);
        return c;
    }

    @Test
    void theSelectionStaysInTheListAndOnScreenWithTheLeastScrolling() {
        ListCursor c = of(10, 4);
        c.move(2);
        assertThat(c.selected()).isEqualTo(2);
        assertThat(c.top()).isZero();
        c.move(2);
        assertThat(c.selected()).isEqualTo(4);
        assertThat(c.top()).isEqualTo(1); // the selection on the last row
        c.move(-2);
        assertThat(c.top()).isEqualTo(1); // still on screen: no scroll
        c.move(-3);
        assertThat(c.selected()).isZero();
        assertThat(c.top()).isZero();
        c.move(Integer.MAX_VALUE / 2);
        assertThat(c.selected()).isEqualTo(9);
        assertThat(c.top()).isEqualTo(6);
        c.move(Integer.MIN_VALUE / 2);
        assertThat(c.selected()).isZero();
    }

    @Test
    void pagesAreAScreenfulLessOneLine() {
        assertThat(of(10, 4).page()).isEqualTo(3);
        assertThat(of(10, 1).page()).isEqualTo(1);
        assertThat(of(10, 0).rows()).isEqualTo(1);
    }

    @Test
    void aShorterListClampsTheSelectionAtTheNextSelectAndTheScrollWithIt() {
        ListCursor c = of(20, 5);
        c.select(18);
        assertThat(c.top()).isEqualTo(14);
        c.resize(6);
        c.select(c.selected());
        assertThat(c.selected()).isEqualTo(5);
        assertThat(c.top()).isEqualTo(1);
        c.resize(3);
        c.select(c.selected());
        assertThat(c.top()).isZero(); // the whole list fits
    }

    @Test
    void anEmptyListHasItsSelectionAtZero() {
        ListCursor c = of(0, 5);
        c.move(3);
        assertThat(c.selected()).isZero();
        c.select(7);
        assertThat(c.selected()).isZero();
        assertThat(c.top()).isZero();
    }

    @Test
    void aTallerViewportScrollsBackToShowMore() {
        ListCursor c = of(10, 3);
        c.select(9);
        assertThat(c.top()).isEqualTo(7);
        c.viewport(8);
        assertThat(c.top()).isEqualTo(2);
    }

    @Test
    void aTextViewScrollsWithinItsLines() {
        ListCursor c = new ListCursor();
        c.window(5, 12);
        c.scroll(3);
        assertThat(c.top()).isEqualTo(3);
        c.scroll(Integer.MAX_VALUE / 2);
        assertThat(c.top()).isEqualTo(7);
        c.window(10, 12); // a taller terminal: the last screenful starts higher
        assertThat(c.top()).isEqualTo(2);
        c.scroll(-100);
        assertThat(c.top()).isZero();
        c.window(5, 3);
        c.scroll(1);
        assertThat(c.top()).isZero(); // shorter than the screen: nothing to scroll
        c.reset();
        assertThat(c.top()).isZero();
        assertThat(c.selected()).isZero();
    }
}
