package dev.kleaktop.view.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.session.Collector;
import dev.kleaktop.session.Frame;
import dev.kleaktop.session.SeriesPlayer;
import dev.kleaktop.session.SessionConfig;
import dev.kleaktop.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen's replay of a series: a sample per interval, paused, stepped, played to the end. */
class SeriesFeedTest {
    @TempDir
    Path dir;

    static void await(BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) Thread.sleep(10);
        assertThat(done.getAsBoolean()).as("within 10 s").isTrue();
    }

    static double t(Frame f) { return f.analysis().sample().uptimeS(); }

    @Test
    void pausesStepsAndJumpsToTheEnd() throws Exception {
        String slab = Corpus.text("slabinfo/slabinfo.2-final.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) b.append("### t=").append(10 + i).append('\n').append(slab);
        Path p = dir.resolve("s.txt");
        Files.writeString(p, b);
        try (SeriesPlayer player = SeriesPlayer.open(p, null);
             Collector c = new SessionConfig(player.fs(), player.clock(), 60, SessionConfig.Use.SCREEN, null, null, true)
                     .open()) {
            SeriesFeed feed = new SeriesFeed(c, player, 3600);  // an hour between samples: only what is asked for
            assertThat(feed.replay()).isTrue();
            feed.start();
            assertThat(feed.awaitFirst(10_000)).isTrue();
            assertThat(t(feed.latest())).isEqualTo(10.0);
            assertThat(feed.playback()).isEqualTo("sample 1 t=10s");
            feed.pause(true);
            feed.step();
            await(() -> t(feed.latest()) == 11.0);
            feed.step();
            feed.step();
            await(() -> t(feed.latest()) == 13.0);
            assertThat(feed.playback()).isEqualTo("sample 4 t=13s");
            feed.toEnd();
            await(() -> feed.playback().startsWith("series ended"));
            assertThat(t(feed.latest())).isEqualTo(29.0);
            assertThat(feed.playback()).isEqualTo("series ended: 20 samples");
            feed.step();  // past the end: nothing, and no error
            Thread.sleep(50);
            assertThat(t(feed.latest())).isEqualTo(29.0);
            feed.close();
        }
    }

    @Test
    void playingTakesASamplePerIntervalAndAProblemEndsItShown() throws Exception {
        String slab = Corpus.text("slabinfo/slabinfo.2-final.txt");
        Path p = dir.resolve("s.txt");
        Files.writeString(p, "### t=10\n" + slab + "### t=11\n" + slab + "### t=5\n" + slab);
        try (SeriesPlayer player = SeriesPlayer.open(p, null);
             Collector c = new SessionConfig(player.fs(), player.clock(), 60, SessionConfig.Use.SCREEN, null, null, true)
                     .open()) {
            SeriesFeed feed = new SeriesFeed(c, player, 0.01);
            feed.start();
            await(() -> feed.playback() != null && feed.playback().startsWith("series ended"));
            assertThat(t(feed.latest())).isEqualTo(11.0);
            assertThat(feed.playback()).startsWith("series ended: 2 samples; stopped at " + p + ":235: time goes back (t=5.0 after t=11.0 at line 118)");
            feed.close();
        }
    }
}
