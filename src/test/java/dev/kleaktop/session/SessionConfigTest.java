package dev.kleaktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One collector per session; what it follows depends on who runs on it. */
class SessionConfigTest {
    @TempDir
    Path dir;

    Frame first(SessionConfig.Use use) {
        SessionConfig cfg = new SessionConfig(new KernelFs(dir), new TestClock(), 60, use, null, null, false);
        try (Collector c = use == SessionConfig.Use.EXPORT ? SessionConfig.export(new KernelFs(dir), new TestClock(), 60).open()
                : cfg.open()) {
            return c.refresh();
        }
    }

    @Test
    void aTreesSavedLogIsReadByTheScreenAndBatchButNotByTheExportWhoseCountersNeedTheLiveLog() {
        Trees.labFinal(dir);
        new Trees(dir).file("dmesg.txt", Corpus.text("lab-e2e/dmesg.txt"));
        for (SessionConfig.Use use : new SessionConfig.Use[] {SessionConfig.Use.SCREEN, SessionConfig.Use.BATCH}) {
            Frame f = first(use);
            assertThat(f.sources()).containsKey(SourceId.DMESG_FILE.id()).doesNotContainKey(SourceId.KMSG.id());
            assertThat(f.oomEvents()).isNotEmpty();
        }
        Frame e = first(SessionConfig.Use.EXPORT);
        assertThat(e.sources()).containsKey(SourceId.KMSG.id()).doesNotContainKey(SourceId.DMESG_FILE.id());
        assertThat(e.sources().get(SourceId.KMSG.id()).ok()).isFalse();
        assertThat(e.log().everRead()).isFalse();
    }

    @Test
    void everySourceAFrameNamesIsASourceId() {
        Trees.labFinal(dir);
        new Trees(dir).file("dev/kmsg", Corpus.text("lab/run-memcg-v2/kmsg.txt"));
        for (SessionConfig.Use use : SessionConfig.Use.values()) {
            Frame f = first(use);
            assertThat(f.sources().keySet()).allSatisfy(k -> assertThat(SourceId.of(k)).isPresent());
            assertThat(f.sources()).containsKeys(SourceId.SLABINFO.id(), SourceId.MEMINFO.id(), SourceId.SYSFS_SLAB.id(),
                    SourceId.KMSG.id(), SourceId.KMEMLEAK.id());
        }
    }
}
