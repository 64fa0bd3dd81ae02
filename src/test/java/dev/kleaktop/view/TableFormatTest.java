package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.CacheRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {
    @Test
    void allColumnsAtTheNaturalWidth() {
        TableFormat<CacheRow, Column> f = TableFormat.forWidth(TableFormat.naturalWidth());
        assertThat(f.columns()).isEqualTo(Column.SPEC.table());
        assertThat(f.nameWidth()).isEqualTo(Column.NAME.width());
        assertThat(f.header(new TableState(), Glyphs.UNICODE))
                .isEqualTo(" NAME                  OBJS   ACTIVE  USE OBJSIZE    SIZE  Δ START     RATE▼ TREND    F  ");
        assertThat(f.header(new TableState(), Glyphs.UNICODE)).hasSize(f.width());
    }

    @Test
    void narrowTablesDropTheLeastTellingColumnsFirst() {
        assertThat(TableFormat.forWidth(TableFormat.naturalWidth() - 1).columns()).doesNotContain(Column.OBJSIZE)
                .contains(Column.USE);
        TableFormat<CacheRow, Column> min = TableFormat.forWidth(40);
        assertThat(min.columns()).containsExactly(Column.NAME, Column.SIZE, Column.RATE, Column.FLAGS);
        assertThat(min.width()).isLessThanOrEqualTo(40);
        assertThat(TableFormat.minimumWidth()).isEqualTo(min.width());
    }

    @Test
    void spareWidthGoesToNameUpToItsMaximum() {
        assertThat(TableFormat.forWidth(TableFormat.naturalWidth() + 5).nameWidth()).isEqualTo(Column.NAME.width() + 5);
        assertThat(TableFormat.forWidth(500).nameWidth()).isEqualTo(TableFormat.MAX_NAME);
    }

    @Test
    void sortMarkFollowsDirectionAndTakesTheSeparatorWhenTheTitleIsFull() {
        TableFormat<CacheRow, Column> f = TableFormat.forWidth(TableFormat.naturalWidth());
        TableState t = new TableState().sortBy(Column.OBJSIZE);
        String h = f.header(t, Glyphs.UNICODE);
        assertThat(h).contains(" USE OBJSIZE▼   SIZE ").hasSize(f.width());
        assertThat(h.indexOf("OBJSIZE▼")).isEqualTo(f.offset(Column.OBJSIZE));
        assertThat(h.indexOf("SIZE ", h.indexOf("OBJSIZE▼") + 8)).isEqualTo(f.offset(Column.SIZE) + 3);
        assertThat(f.header(t.reverse(), Glyphs.UNICODE)).contains("OBJSIZE▲");
        assertThat(f.header(new TableState().sortBy(Column.NAME), Glyphs.ASCII)).startsWith(" NAME^").contains("D START");
        assertThat(f.header(new TableState().sortBy(Column.SLABS), Glyphs.UNICODE)).doesNotContain("▼").doesNotContain("▲");
    }

    @Test
    void cutMarksLongNames() {
        assertThat(TableFormat.cut("nf_conntrack_ffffffff81a2b640", 17, Glyphs.UNICODE)).isEqualTo("nf_conntrack_fff…").hasSize(17);
        assertThat(TableFormat.cut("short", 17, Glyphs.ASCII)).isEqualTo("short");
        assertThat(TableFormat.cut("abcdef", 4, Glyphs.ASCII)).isEqualTo("abc~");
        assertThat(List.of(TableFormat.cut("abc", 0, Glyphs.ASCII))).containsExactly("");
    }
}
