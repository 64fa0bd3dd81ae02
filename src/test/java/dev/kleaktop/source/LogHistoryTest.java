package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogHistoryTest {
    @TempDir
    Path root;

    @Test
    void capturedKmsgIsReadToTheEnd() throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.copy(Corpus.path("lab/run-memcg-v2/kmsg.txt"), root.resolve("dev/kmsg"));
        LogHistory.Oom oom = LogHistory.oomEvents(new KernelFs(root), Clock.systemUTC(), null, Duration.ofSeconds(5));
        assertThat(oom.state()).isEqualTo(SourceState.OK);
        assertThat(oom.source()).isEqualTo(root.resolve("dev/kmsg").toString());
        assertThat(oom.events()).singleElement().satisfies(e -> {
            assertThat(e.victimPid()).isEqualTo(257L);
            assertThat(e.uptimeS()).isEqualTo(31.199775);
        });
    }

    @Test
    void aSavedLogInsteadOfKmsg() {
        Path log = Corpus.path("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log");
        LogHistory.Oom oom = LogHistory.oomEvents(new KernelFs(root), Clock.systemUTC(), log, Duration.ofSeconds(5));
        assertThat(oom.state()).isEqualTo(SourceState.OK);
        assertThat(oom.events()).isEqualTo(Corpus.oom("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log"));
        LogHistory.Oom missing = LogHistory.oomEvents(new KernelFs(root), Clock.systemUTC(), root.resolve("x.log"),
                Duration.ofSeconds(5));
        assertThat(missing.state().ok()).isFalse();
        assertThat(missing.events()).isEmpty();
    }

    @Test
    void noKmsgUnderTheRootIsAState() {
        LogHistory.Oom oom = LogHistory.oomEvents(new KernelFs(root), Clock.systemUTC(), null, Duration.ofSeconds(5));
        assertThat(oom.state().ok()).isFalse();
        assertThat(oom.events()).isEmpty();
    }

    @Test
    @Tag("live")
    void theLiveLogIsReadUpToItsNewestRecordAndNoFurther() {
        assumeTrue(KmsgReader.isRoot() && Files.isReadable(Path.of("/dev/kmsg")), "needs root and /dev/kmsg");
        long t0 = System.nanoTime();
        LogHistory.Oom oom = LogHistory.oomEvents(KernelFs.live(), Clock.systemUTC(), null, Duration.ofSeconds(10));
        assertThat(oom.state()).as(oom.state().describe()).isEqualTo(SourceState.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(oom.events()).allSatisfy(e -> assertThat(e.time()).isNotNull());
    }
}
