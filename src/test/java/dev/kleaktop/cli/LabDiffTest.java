package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kleaktop diff} on the two snapshots kleaktop itself wrote inside the e2e lab guest
 * (corpus/lab-e2e/snap-*.json, format version 1): before kleak_slab was loaded, and after
 * it leaked 408 objects of 8192 bytes.
 */
class LabDiffTest {
    @TempDir
    Path dir;

    Path copy(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, Corpus.bytes("lab-e2e/" + name));
        return p;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLeakingCacheLeadsTheDiffAsANewCache() throws Exception {
        CliRun r = CliRun.of("diff", "--format", "json", copy("snap-before.json").toString(),
                copy("snap-after.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertThat((List<Object>) doc.get("warnings")).as("same host, kernel and boot").isEmpty();
        assertThat(((Number) doc.get("elapsed_s")).doubleValue()).isCloseTo(72.75 - 13.54, within(0.01));
        List<Map<String, Object>> caches = (List<Map<String, Object>>) doc.get("caches");
        // 136 slabs of 8 pages: 3 objects of 8200 bytes to a slab
        assertThat(caches.get(0)).containsEntry("name", "kleak_slab_obj").containsEntry("status", "new")
                .containsEntry("delta_bytes", 136 * 8 * 4096).containsEntry("delta_objs", 408);
        // what else the guest's kernel grew meanwhile is far behind
        assertThat(((Number) caches.get(1).get("delta_bytes")).longValue()).isLessThan(136 * 8 * 4096L / 4);
    }

    @Test
    void theTextDiffNamesBothSnapshotsAndRanksTheLeakFirst() throws Exception {
        CliRun r = CliRun.of("diff", copy("snap-before.json").toString(), copy("snap-after.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("OLD  2026-11-26 02:55:12 UTC  host (none)  6.1.192-kmemlab"));
        int head = lines.indexOf(lines.stream().filter(l -> l.startsWith("NAME ")).findFirst().orElseThrow());
        assertThat(lines.get(head + 1)).matches("kleak_slab_obj +- +4\\.3M +\\+4\\.3M +\\+408 .* new");
    }
}
