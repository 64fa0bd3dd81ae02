package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.session.Snapshots;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.TwoTrees;
import dev.kleaktop.view.table.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffTableTest {
    @TempDir
    Path tmp;

    List<CacheDelta> rows() {
        TestClock clock = new TestClock();
        var a = Snapshots.take(new KernelFs(TwoTrees.older(tmp.resolve("a")).root()), clock);
        var b = Snapshots.take(new KernelFs(TwoTrees.newer(tmp.resolve("b")).root()), clock);
        return SnapshotDiff.compute(a, b).caches();
    }

    static List<String> names(List<CacheDelta> l) { return l.stream().map(d -> d.id().toString()).toList(); }

    @Test
    void sortsFiltersAndReverses() {
        List<CacheDelta> rows = rows();
        Table<CacheDelta, DiffColumn> t = new Table<>(DiffColumn.SPEC);
        assertThat(names(t.apply(rows))).containsExactly("leaky", "nf_conntrack#2", "newcomer", "nf_conntrack",
                "vanishing", "dentry");
        assertThat(names(t.reverse().apply(rows))).startsWith("dentry", "vanishing");
        assertThat(names(t.reverse().sortBy(DiffColumn.NAME).apply(rows)))
                .containsExactly("dentry", "leaky", "newcomer", "nf_conntrack", "nf_conntrack#2", "vanishing");
        assertThat(names(t.sortBy(DiffColumn.DELTA_OBJS).apply(rows)).get(0)).isEqualTo("leaky");
        assertThat(names(t.sortBy(DiffColumn.OLD).apply(rows)).get(0)).isEqualTo("leaky");
        assertThat(names(t.filter("KMALLOC-512").apply(rows))).containsExactly("leaky");
        assertThat(names(t.filter("").apply(rows))).hasSize(6);
        assertThatThrownBy(() -> t.filter("(")).isInstanceOf(PatternSyntaxException.class);
        assertThat(t.filterText()).isEmpty();
        assertThatThrownBy(() -> t.sortBy(DiffColumn.FLAGS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cellsAreAligned() {
        CacheDelta leaky = rows().get(0);
        TableFormat<CacheDelta, DiffColumn> f = TableFormat.forWidth(DiffColumn.SPEC, 200);
        String row = f.row(leaky, Glyphs.UNICODE);
        int delta = f.offset(DiffColumn.DELTA), rate = f.offset(DiffColumn.RATE);
        assertThat(row.substring(delta, delta + 8)).isEqualTo(" +500.0K");
        assertThat(row.substring(rate, rate + 9)).isEqualTo("   +142/s");
        assertThat(DiffColumn.FLAGS.cell(leaky)).isEqualTo("A");
        String head = TableFormat.forWidth(DiffColumn.SPEC, 200).header(new Table<>(DiffColumn.SPEC), Glyphs.UNICODE);
        assertThat(head.substring(1, 1 + f.nameWidth())).isEqualTo("NAME" + " ".repeat(f.nameWidth() - 4));
    }
}
