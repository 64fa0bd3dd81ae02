package dev.kleaktop.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link InterruptedWriteTest}: {@code snapshot -o TARGET --force} that stops
 * with its temporary file complete and forced, just before publishing it, until a signal ends
 * the JVM. It writes the temporary file's path to READY when it gets there.
 */
public final class SlowWriteMain {
    private SlowWriteMain() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Path ready = Path.of(args[1]);
        new SnapshotStore(temp -> {
            // whole or not at all: the test waits for the file and reads it at once
            Path part = ready.resolveSibling(ready.getFileName() + ".part");
            Files.writeString(part, temp.toString());
            Files.move(part, ready, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            throw new IOException("not signalled in time");
        }).write(Fixtures.lab(), target, true);
    }
}
