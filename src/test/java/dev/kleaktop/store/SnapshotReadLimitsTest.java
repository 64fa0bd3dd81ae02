package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, items 6 and 10 for snapshot files: a snapshot is read within a limit that fits
 * the launcher's heap, counted while reading; json nesting is bounded; and a FIFO or device
 * is refused instead of waited on or read forever.
 */
class SnapshotReadLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void aValidSnapshotOverTheLimitIsRefusedNamingTheLimit() throws Exception {
        Path f = tmp.resolve("big.json");
        byte[] json = SnapshotCodec.encode(Fixtures.lab());
        // valid json: the snapshot followed by whitespace, past the limit
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(json);
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i <= SnapshotStore.MAX_BYTES >> 20; i++) out.write(spaces);
        }
        assertThatThrownBy(() -> SnapshotStore.load(f)).isInstanceOf(SnapshotException.class)
                .hasMessage(f + ": larger than 16 MiB (the limit for a snapshot)");
        // within it, the same snapshot loads
        Files.write(f, json);
        assertThat(SnapshotStore.load(f).sample().slab().caches()).isNotEmpty();
    }

    @Test
    void deepNestingEndsWithOneLineNotAStackOverflow() throws Exception {
        Path f = tmp.resolve("deep.json");
        byte[] open = new byte[1 << 20];
        Arrays.fill(open, (byte) '[');
        Files.write(f, open);
        assertThatThrownBy(() -> SnapshotStore.load(f)).isInstanceOf(SnapshotException.class)
                .hasMessage(f + ": not a kleaktop snapshot: JSON nested deeper than 32 levels (the limit for a snapshot)");
        Files.writeString(f, "{\"a\":".repeat(40) + "1" + "}".repeat(40), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SnapshotStore.load(f)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("JSON nested deeper than 32 levels");
    }

    @Test
    void aFifoOrADeviceIsRefusedBeforeItIsOpened() throws Exception {
        Path fifo = tmp.resolve("fifo.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> SnapshotStore.load(fifo)).isInstanceOf(SnapshotException.class)
                    .hasMessage(fifo + ": not a regular file (a FIFO or pipe); save the snapshot to a file first");
            assertThatThrownBy(() -> SnapshotStore.load(Path.of("/dev/zero"))).isInstanceOf(SnapshotException.class)
                    .hasMessage("/dev/zero: not a regular file (a character device); save the snapshot to a file first");
        });
    }
}
