package dev.kleaktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The source names scripts and dashboards see ({@code sources}, {@code kleaktop_source_up}): pinned as they are. */
class SourceIdTest {
    @Test
    void theWireNamesAreTheOnesSnapshotsJsonAndMetricsHaveAlwaysUsed() {
        assertThat(Arrays.stream(SourceId.values()).map(SourceId::id))
                .containsExactly("slabinfo", "meminfo", "sysfs_slab", "kmsg", "dmesg_file", "kmemleak");
        for (SourceId s : SourceId.values()) {
            assertThat(SourceId.of(s.id())).contains(s);
            assertThat(s).hasToString(s.id());
        }
        assertThat(SourceId.of("allocinfo")).isEmpty();
    }
}
