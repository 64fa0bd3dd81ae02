package dev.kleaktop.session;

import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.SeriesFile;
import dev.kleaktop.source.SeriesTree;
import dev.kleaktop.source.SourceException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A captured series as a sample source ({@code --series}): each {@link #advance()} puts the
 * next sample's files in the session's tree and its time on the session's clock, so that
 * the session's {@link Collector} samples it exactly as it samples the live box. A series of
 * {@code t=} stamps runs on a clock of seconds since boot (from the epoch, as only the
 * differences count); one of {@code time=} stamps on its wall-clock times.
 */
public final class SeriesPlayer implements AutoCloseable {
    private final SeriesFile file;
    private final SeriesTree tree;
    private final KernelFs fs;
    private final SeriesClock clock = new SeriesClock();
    private boolean ended;

    private SeriesPlayer(SeriesFile file, Path root) {
        this.file = file;
        this.tree = new SeriesTree(file.name());
        // without --root the series is the whole tree: nothing else is read from anywhere
        this.fs = new KernelFs(root != null ? root : Path.of(file.name()), tree);
    }

    /** Opens {@code series}; other files (sysfs, host name) from the tree under {@code root}, or none. */
    public static SeriesPlayer open(Path series, Path root) throws SourceException {
        return new SeriesPlayer(SeriesFile.open(series), root);
    }

    /** The session's tree: the current sample's files, the rest under the root. */
    public KernelFs fs() { return fs; }

    /** The session's clock: the current sample's time. */
    public Clock clock() { return clock; }

    public SeriesFile file() { return file; }

    /** The sample in the tree now, or null before the first. */
    public SeriesFile.Sample current() { return tree.sample(); }

    /** Whether the last sample has been read. */
    public boolean ended() { return ended; }

    /**
     * Puts the next sample in the tree and on the clock.
     *
     * @return false at the end of the series (the last sample stays)
     * @throws SourceException when the series cannot go on (it has ended then)
     */
    public boolean advance() throws SourceException {
        if (ended) return false;
        SeriesFile.Sample s;
        try {
            s = file.next();
        } catch (SourceException e) {
            ended = true;
            throw e;
        }
        if (s == null) {
            ended = true;
            return false;
        }
        tree.show(s);
        clock.now = s.time() != null ? s.time() : Instant.EPOCH.plusNanos(Math.round(s.uptimeS() * 1e9));
        return true;
    }

    @Override
    public void close() { file.close(); }

    /** The time of the sample in the tree. */
    private static final class SeriesClock extends Clock {
        volatile Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }
}
