package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Trees;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -b --view ledger}: the ledger's table in text, a {@code ledger} object in json. */
class BatchViewTest {
    @TempDir
    Path dir;

    @Test
    void theLedgerInTextAndJson() throws Exception {
        Trees.labFinal(dir);
        CliRun text = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--view", "ledger");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("LINE").contains("MEMINFO FIELDS").containsPattern("(?m)^unaccounted ")
                .containsPattern("(?m)^slab unreclaimable .* K  SUnreclaim$").doesNotContain("kleak_slab_obj");

        CliRun json = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--view", "ledger", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Map<String, Object> doc = JSON.std.mapFrom(json.out());
        assertThat(doc).containsKeys("caches", "ledger");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> ledger = (Map<String, Map<String, Object>>) doc.get("ledger");
        assertThat(ledger).containsKeys("free", "user", "page_cache", "slab_unreclaimable", "unaccounted");
        assertThat(ledger.get("unaccounted")).containsKeys("bytes", "growth_bytes_per_s", "delta_bytes", "kernel",
                "leak_suspect", "leak_level", "leak_reason").containsEntry("kernel", true);
        assertThat(((Number) ledger.get("unaccounted").get("bytes")).longValue()).isPositive();

        CliRun plain = CliRun.of("-b", "-n", "1", "--root", dir.toString(), "--format", "json");
        assertThat(JSON.std.mapFrom(plain.out())).doesNotContainKey("ledger");
    }

    @Test
    void aBadViewCsvOrTheScreenAreUsageErrors() {
        assertThat(CliRun.of("-b", "--view", "vmalloc").err()).isEqualTo("kleaktop: --view: caches or ledger, not vmalloc\n");
        CliRun csv = CliRun.of("-b", "--view", "ledger", "--format", "csv");
        assertThat(csv.code()).isEqualTo(2);
        assertThat(csv.err()).contains("csv has the caches' columns");
        assertThat(CliRun.of("--view", "ledger").code()).isEqualTo(2);
    }
}
