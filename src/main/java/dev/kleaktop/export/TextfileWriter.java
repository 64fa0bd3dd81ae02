package dev.kleaktop.export;

import dev.kleaktop.store.DirWriter;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Writes the metrics for node_exporter's textfile collector. node_exporter may read the
 * file at any moment, so it must never see it half-written: each write goes to a temporary
 * file in the same directory (named so that the collector, which reads only
 * {@code *.prom}, ignores it), is flushed to disk, and is renamed over the target, which
 * replaces it atomically. The file is mode 0644 so an unprivileged node_exporter can read it.
 * The file handling is {@link DirWriter}'s: the directory must not let another user swap the
 * file as it is written, and only a regular file is replaced.
 */
public final class TextfileWriter {
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");
    /** A temporary file this old was left by a writer that was SIGKILLed (a write takes milliseconds). */
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path target;
    private final boolean allowUnsafeDir;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public TextfileWriter(Path target) {
        this(target, false);
    }

    /**
     * @param allowUnsafeDir write even into a directory that another user owns or can write
     *                       to (not sticky), where they could swap the file as it is written
     */
    public TextfileWriter(Path target, boolean allowUnsafeDir) {
        this.target = target.toAbsolutePath().normalize();
        this.allowUnsafeDir = allowUnsafeDir;
    }

    public Path target() { return target; }

    public void write(MetricSnapshots snapshots) throws IOException {
        String name = target.getFileName().toString();
        try (DirWriter dir = DirWriter.open(target.getParent(), allowUnsafeDir)) {
            dir.checkTarget(name, true);
            dir.sweep("." + globQuoted(name) + ".*.tmp", Instant.now().minus(STALE_TEMP));
            try (DirWriter.Temp tmp = dir.create(name, MODE)) {
                OutputStream out = Channels.newOutputStream(tmp.channel());
                // Classic Prometheus names (underscores) are what node_exporter's parser takes.
                writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
                out.flush();
                tmp.publishReplacing(name);
            }
            dir.sync();
        }
    }

    /** The name as a glob that matches only itself. */
    private static String globQuoted(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
