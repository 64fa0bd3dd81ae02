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
 * Batch json on a captured tree of the e2e lab guest right after kleak_slab's growth:
 * its /proc/slabinfo, /proc/meminfo and /sys/kernel/slab (directories, alias symlinks,
 * attributes), all as the real 6.1 kernel wrote them.
 */
class LabTreeBatchTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> caches(String filter) throws Exception {
        new Trees(dir)
                .identity("kmemlab", "6.1.192-kmemlab", "6f0c2a8e-2f4e-4a3c-9a51-0b6c1e2d7f40")
                .file("proc/slabinfo", Corpus.text("lab-e2e/slabinfo.1-after-growth.txt"))
                .file("proc/meminfo", Corpus.text("lab-e2e/meminfo.1-after-growth.txt"))
                .sysSlabFromLab(Corpus.text("lab-e2e/sys-kernel-slab-ls.txt"), Corpus.text("lab-e2e/sys-kernel-slab.txt"));
        CliRun r = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "json", "-f", filter);
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(r.out().strip());
        assertThat((Map<String, Object>) doc.get("sources")).containsEntry("sysfs_slab", "ok");
        return (List<Map<String, Object>>) doc.get("caches");
    }

    @Test
    void theLeakingCacheAsTheKernelCountedIt() throws Exception {
        List<Map<String, Object>> caches = caches("^kleak");
        assertThat(caches).hasSize(1);
        Map<String, Object> c = caches.get(0);
        assertThat(c).containsEntry("name", "kleak_slab_obj")
                .containsEntry("active_objs", 413)
                .containsEntry("num_objs", 413)
                // 4096-byte objects plus the free pointer SLUB moves out of them for the ctor
                .containsEntry("objsize", 4104)
                .containsEntry("objperslab", 7)
                .containsEntry("pagesperslab", 8)
                .containsEntry("num_slabs", 59)
                .containsEntry("size_bytes", 59 * 8 * 4096)
                .containsEntry("active_bytes", 413 * 4104)
                .containsEntry("reclaimable", false)
                .containsEntry("aliases", List.of())
                .containsEntry("leak_suspect", false);
        assertThat(c.get("growth_bytes_per_s")).as("one sample: unknown").isNull();
    }

    @Test
    void aMergedCacheIsFoundByAnAliasAndListsItsOtherNames() throws Exception {
        // SLUB merged pool_workqueue, biovec-16 and sgpool-8 into maple_node (:0000256);
        // /proc/slabinfo shows only maple_node
        List<Map<String, Object>> caches = caches("^pool_workqueue$");
        assertThat(caches).singleElement().satisfies(c -> {
            assertThat(c.get("name")).isEqualTo("maple_node");
            assertThat(c.get("aliases")).isEqualTo(List.of(":0000256", "biovec-16", "pool_workqueue", "sgpool-8"));
        });
    }
}
