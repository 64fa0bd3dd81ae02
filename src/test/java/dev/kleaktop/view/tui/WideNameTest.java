package dev.kleaktop.view.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.session.Frame;
import dev.kleaktop.session.Collector;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache name of wide (CJK) characters keeps the table's columns and the pane's rule in place. */
class WideNameTest {
    @TempDir
    Path root;

    @Test
    void theRowOfAWideNameLinesUpWithTheOthers() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        String slabinfo = Corpus.text("lab-e2e/slabinfo.1-after-growth.txt").replaceFirst("(?m)^dentry ", "数据缓存_cache ");
        Files.writeString(root.resolve("proc/slabinfo"), slabinfo);
        Files.writeString(root.resolve("proc/meminfo"), Corpus.text("lab-e2e/meminfo.1-after-growth.txt"));
        Frame f;
        try (Collector m = new Collector(new KernelFs(root), Clock.systemUTC(), 60)) {
            f = m.refresh();
        }
        ScreenHarness h = new ScreenHarness(140, 160, ScreenHarness.config(), f);
        h.step();
        int wide = h.find("数");
        int plain = h.find(" inode_cache ");
        assertThat(wide).as(h.text()).isPositive();
        assertThat(plain).isPositive();
        // the trend chart starts in the same column as in every other row
        assertThat(trendAt(h, wide)).as(h.text()).isEqualTo(trendAt(h, plain)).isPositive();
        // the OBJS figure ends in the same column as in every other row
        assertThat(endOf(h, wide, "1995")).isEqualTo(endOf(h, plain, "966"));
    }

    private static int trendAt(ScreenHarness h, int y) {
        for (int x = 0; x < h.cols(); x++) {
            if (h.at(x, y).getCharacterString().equals("\u2581")) return x;
        }
        return -1;
    }

    /** The screen column just after the first appearance of {@code s} in row {@code y}. */
    private static int endOf(ScreenHarness h, int y, String s) {
        StringBuilder row = new StringBuilder();
        int[] colOf = new int[h.cols() * 2];
        for (int x = 0; x < h.cols(); x++) {
            String c = h.at(x, y).getCharacterString();
            if (x > 0 && h.at(x - 1, y).isDoubleWidth()) continue; // the second half of a wide cell
            colOf[row.length()] = x;
            row.append(c);
        }
        int i = row.indexOf(" " + s + " ");
        return i < 0 ? -1 : colOf[i + 1 + s.length()];
    }
}
