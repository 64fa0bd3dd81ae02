package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A captured tree holding the /proc/slabinfo of a Linux 2.4 box as it was pasted into
 * linux-kernel mail (format 1.1), and one of a 2.2 box (format 1.0, refused with its reason).
 */
class OldSlabinfoTreeTest {
    @TempDir
    Path dir;

    Path tree(String name, String corpusFile) {
        return new Trees(dir.resolve(name)).file("proc/slabinfo", Corpus.text("slabinfo/" + corpusFile)).root();
    }

    @Test
    void aFormat11SmpStatisticsTreeShowsItsCachesAndSucceeds() throws Exception {
        Path tree = tree("holzer", "lkml-2001-holzer-2.4.17-32G-slab-1.1-statistics-smp.txt");
        CliRun text = CliRun.of("-b", "-n", "1", "--root", tree.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).contains("buffer_head", "file lock cache", "dnotify cache");

        CliRun json = CliRun.of("-b", "-n", "1", "--root", tree.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(json.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> caches = (List<Map<String, Object>>) doc.get("caches");
        assertThat(caches).hasSize(63);
        Map<String, Object> bh = caches.stream().filter(c -> "buffer_head".equals(c.get("name"))).findFirst().orElseThrow();
        assertThat(bh).containsEntry("active_objs", 2557740).containsEntry("num_objs", 2559882)
                .containsEntry("objsize", 104).containsEntry("objperslab", 37).containsEntry("pagesperslab", 1)
                .containsEntry("num_slabs", 69186).containsEntry("size_bytes", 69186 * 4096)
                .containsEntry("active_bytes", 2557740 * 104);
        assertThat(caches).anySatisfy(c -> assertThat(c).containsEntry("name", "file lock cache").containsEntry("num_objs", 312));
    }

    @Test
    void aFormat11TreeWithItsPageSizeSizesCachesWithIt() throws Exception {
        // the SMP capture is from ia64, whose pages were 16 KiB; a tree can say so
        Path tree = tree("herva", "lkml-2001-herva-2.4.17-rc1-ia64-slab-1.1-smp-spaces-in-names.txt");
        new Trees(tree).file("page_size", "16384\n");
        CliRun json = CliRun.of("-b", "-n", "1", "--root", tree.toString(), "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(json.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> caches = (List<Map<String, Object>>) doc.get("caches");
        assertThat(caches).anySatisfy(c -> assertThat(c).containsEntry("name", "file lock cache")
                .containsEntry("num_slabs", 2).containsEntry("size_bytes", 2 * 16384));
    }

    @Test
    void aFormat10TreeIsRefusedInOneLineThatSaysWhy() {
        Path tree = tree("lewis", "lkml-2001-lewis-2.2.19-slab-1.0-two-columns.txt");
        CliRun r = CliRun.of("-b", "-n", "1", "--root", tree.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("kleaktop: " + tree.resolve("proc/slabinfo"))
                .contains("format version 1.0 (Linux 2.2): it has no object sizes");
    }
}
