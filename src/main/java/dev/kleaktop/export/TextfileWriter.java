package dev.kleaktop.export;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the metrics for node_exporter's textfile collector. node_exporter may read the
 * file at any moment, so it must never see it half-written: each write goes to a temporary
 * file in the same directory (named so that the collector, which reads only
 * {@code *.prom}, ignores it), is flushed to disk, and is renamed over the target, which
 * replaces it atomically. The file is mode 0644 so an unprivileged node_exporter can read it.
 */
public final class TextfileWriter {
    private final Path target;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public TextfileWriter(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    public Path target() { return target; }

    public void write(MetricSnapshots snapshots) throws IOException {
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                // Classic Prometheus names (underscores) are what node_exporter's parser takes.
                writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
                out.flush();
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
