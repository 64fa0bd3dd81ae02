package dev.kleaktop.view.tui;

import static dev.kleaktop.view.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.session.Frame;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Layout;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side pane: placement by terminal size, focus, selection, details. */
class PaneTest {
    @TempDir
    static Path dir;
    static List<Frame> series;
    Frame frame;

    @BeforeAll
    static void load() {
        series = Frames.series(dir);
    }

    @BeforeEach
    void frames() {
        frame = series.get(series.size() - 1);
    }

    ScreenHarness screen(int cols, int rows, ScreenExtras extras) {
        return new ScreenHarness(cols, rows,
                ScreenHarness.config(Glyphs.UNICODE, true, extras, KmemleakActions.NONE, SnapshotActions.NONE), frame);
    }

    @Test
    void atTheRightOnAWideTerminal() {
        ScreenHarness h = screen(160, 45, Panes.sample());
        Layout lay = Layout.of(160, 45, 3, true);
        assertThat(lay.pane()).isEqualTo(Layout.Pane.RIGHT);
        int rule = lay.tableWidth();
        for (int y = 3; y < 44; y++) assertThat(h.at(rule, y).getCharacterString()).isEqualTo("│");
        assertThat(h.row(3).substring(lay.paneLeft())).startsWith("KMEMLEAK  2 groups");
        assertThat(h.row(4).substring(lay.paneLeft())).startsWith(" 8×256B my_alloc+0x3c insmod");
        assertThat(h.row(5).substring(lay.paneLeft())).startsWith(" 1×64B other_fn+0x10 evil\\x1b[2Jcomm");
        assertThat(h.row(6).substring(lay.paneLeft())).startsWith("OOM  1 event");
        assertThat(h.row(7).substring(lay.paneLeft())).startsWith(" 23:41 memcg /x python3[4532]");
        assertThat(h.row(1)).contains("kmemleak 2  OOM 1");
        // the table keeps all its columns left of the rule
        assertThat(h.row(3).substring(0, rule)).contains("OBJSIZE").contains("TREND");
    }

    @Test
    void belowTheTableWhenNarrowAndHiddenWhenSmall() {
        ScreenHarness h = screen(100, 40, Panes.sample());
        Layout lay = Layout.of(100, 40, 3, true);
        assertThat(lay.pane()).isEqualTo(Layout.Pane.BELOW);
        assertThat(h.row(lay.paneTop() - 1)).isEqualTo("─".repeat(100));
        assertThat(h.row(lay.paneTop())).startsWith(" KMEMLEAK  2 groups");
        assertThat(h.row(lay.paneTop() + 1)).startsWith("  8×256B my_alloc+0x3c insmod");
        assertThat(lay.tableRows()).isGreaterThanOrEqualTo(Layout.TABLE_MIN_ROWS);

        h.resize(100, 16);
        assertThat(h.text()).doesNotContain("KMEMLEAK").doesNotContain("───");
        h.keys(key(KeyType.Tab));
        assertThat(h.state().focus()).isEqualTo(ScreenState.Focus.TABLE);
        assertThat(h.row(15)).startsWith("the side pane needs a larger terminal");
        h.resize(160, 45);
        assertThat(h.text()).contains("KMEMLEAK  2 groups");
    }

    @Test
    void tabFocusesThePaneAndEnterOpensTheItem() {
        ScreenHarness h = screen(160, 45, Panes.sample());
        int left = Layout.of(160, 45, 3, true).paneLeft();
        assertThat(h.reversed(left + 1, 4)).isFalse();
        h.keys(key(KeyType.Tab));
        assertThat(h.state().focus()).isEqualTo(ScreenState.Focus.PANE);
        assertThat(h.reversed(left + 1, 4)).isTrue();
        assertThat(h.reversed(3, 4)).isFalse(); // the table's selection is no longer reversed
        h.keys(key(KeyType.ArrowDown), key(KeyType.ArrowDown));
        assertThat(h.reversed(left + 1, 7)).isTrue();
        assertThat(h.state().paneMode().selectedItem().orElseThrow().summary()).isEqualTo("23:41 memcg /x python3[4532]");
        h.keys(key(KeyType.Enter));
        assertThat(h.row(0)).startsWith(" OOM kill of python3[4532] at 23:41");
        assertThat(h.row(1)).startsWith(" kind memcg");
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.state().focus()).isEqualTo(ScreenState.Focus.PANE);
        h.keys(key(KeyType.Home), key(KeyType.Enter));
        assertThat(h.text()).contains("backtrace:").contains("  my_alloc+0x3c/0x60 [kleak]").contains("sample address 0xffff888003a1b000");
        h.keys(key(KeyType.Escape), key(KeyType.Escape));
        assertThat(h.state().focus()).isEqualTo(ScreenState.Focus.TABLE);
        h.keys(key(KeyType.Tab), key(KeyType.Tab));
        assertThat(h.state().focus()).isEqualTo(ScreenState.Focus.TABLE);
    }

    @Test
    void paneScrollsToTheSelectedItem() {
        ScreenHarness h = screen(160, 20, Panes.many(50));
        int left = Layout.of(160, 20, 3, true).paneLeft();
        h.keys(key(KeyType.Tab), key(KeyType.End));
        assertThat(h.state().paneMode().selectedItem().orElseThrow().summary()).isEqualTo("group 49");
        int y = h.find(" group 49");
        assertThat(y).isBetween(3, 18);
        assertThat(h.reversed(left + 1, y)).isTrue();
        h.keys(key(KeyType.Home));
        assertThat(h.row(3).substring(left)).startsWith("KMEMLEAK  50 groups");
    }

    @Test
    void emptySectionSaysSo() {
        ScreenHarness h = screen(160, 45, Panes.many(1));
        assertThat(h.text()).contains("  none seen");
    }

    @Test
    void noPaneWithoutExtras() {
        ScreenHarness h = screen(160, 45, ScreenExtras.NONE);
        assertThat(h.text()).doesNotContain("│");
        h.keys(key(KeyType.Tab));
        assertThat(h.row(44)).startsWith("the side pane has nothing to show");
    }

    @Test
    void realKmemleakAndOomDataThroughTheFrameAdapter() {
        dev.kleaktop.view.PaneFormat.Data data = new dev.kleaktop.view.PaneFormat.Data(
                dev.kleaktop.model.SourceState.OK, dev.kleaktop.testing.KernelData.kmemleak("lab/run-memcg-v2/kmemleak.txt"),
                dev.kleaktop.model.SourceState.OK, dev.kleaktop.testing.KernelData.oom("lab/run-memcg-v2/dmesg.txt"));
        ScreenHarness h = screen(160, 45, dev.kleaktop.view.PaneFormat.extras(f -> data, Glyphs.UNICODE, java.time.ZoneOffset.UTC));
        int left = Layout.of(160, 45, 3, true).paneLeft();
        assertThat(h.row(1)).contains("kmemleak 747  OOM 1");
        assertThat(h.row(3).substring(left)).startsWith("KMEMLEAK  747 suspects");
        assertThat(h.row(4).substring(left)).startsWith(" 640×512B kleak_leak_batch+0x1f kworker/0:1");
        int oom = h.find("OOM  1 kill");
        assertThat(oom).isPositive();
        assertThat(h.row(oom + 1).substring(left)).startsWith(" up 31s memcg /oomtest memhog[257]");
        h.keys(key(KeyType.Tab), key(KeyType.Enter));
        assertThat(h.row(0)).startsWith(" memory leak in kleak_leak_batch");   // the group's title
        assertThat(h.text()).contains("  kleak_leak_batch+0x1f/0x30 [kleak_slab]");
        h.keys(key(KeyType.Escape), key(KeyType.End), key(KeyType.Enter));
        assertThat(h.row(0)).startsWith(" OOM kill of memhog[257] at up 31s");
        assertThat(h.text()).contains("invoked by     memhog");
    }
}
