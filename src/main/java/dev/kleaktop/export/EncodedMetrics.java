package dev.kleaktop.export;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * One refresh's metrics as scrapes get them: each format (and its gzip form) is encoded at
 * most once per refresh, and every scrape of that refresh is sent the same bytes through a
 * read-only view. However many scrapes run at once, the exposition exists once per format;
 * building a copy per scrape is what took {@code --top 0} with 10,000 caches past the heap
 * under 30 parallel scrapes.
 */
final class EncodedMetrics {

    /** The exposition formats on offer; protobuf is not (its 2 MB library is left out). */
    enum Format {
        TEXT(PrometheusTextFormatWriter.create()),
        OPENMETRICS(OpenMetricsTextFormatWriter.create());

        final ExpositionFormatWriter writer;

        Format(ExpositionFormatWriter writer) { this.writer = writer; }

        String contentType() { return writer.getContentType(); }

        /**
         * Content negotiation over what is on offer: the media range with the highest
         * {@code q} that one of the formats matches wins, so a Prometheus that lists protobuf
         * first gets its next choice; with no match (or no Accept), the classic text format.
         */
        static Format choose(String accept) {
            if (accept == null) return TEXT;
            Format chosen = null;
            double best = 0;
            for (String range : accept.split(",")) {
                String[] p = range.split(";");
                double q = 1;
                for (int i = 1; i < p.length; i++) {
                    if (p[i].trim().toLowerCase(Locale.ROOT).startsWith("q=")) q = RequestHead.quality(p[i]);
                }
                Format f = switch (p[0].trim().toLowerCase(Locale.ROOT)) {
                    case "application/openmetrics-text" -> OPENMETRICS;
                    case "text/plain", "text/*", "*/*" -> TEXT;
                    default -> null;
                };
                if (f != null && q > best) {
                    best = q;
                    chosen = f;
                }
            }
            return chosen == null ? TEXT : chosen;
        }
    }

    private final MetricSnapshots snapshots;
    /** Indexed by {@link #slot}; null until first asked for. */
    private final ByteBuffer[] bodies = new ByteBuffer[Format.values().length * 2];

    EncodedMetrics(MetricSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * The metrics of the next refresh, with the forms this one was asked for already encoded,
     * here on the caller's (sampling) thread rather than on the server's at the first scrape.
     */
    EncodedMetrics next(MetricSnapshots next) {
        EncodedMetrics n = new EncodedMetrics(next);
        for (int i = 0; i < bodies.length; i++) {
            ByteBuffer old;
            synchronized (this) {
                old = bodies[i];
            }
            if (old != null) n.bodies[i] = n.encode(i, old.capacity());
        }
        return n;
    }

    /** The body in this form: a read-only view of the shared bytes, positioned at their start. */
    ByteBuffer body(Format format, boolean gzip) {
        int i = slot(format, gzip);
        synchronized (this) {
            if (bodies[i] == null) bodies[i] = encode(i, 64 * 1024);
            return bodies[i].duplicate();
        }
    }

    private static int slot(Format format, boolean gzip) {
        return format.ordinal() * 2 + (gzip ? 1 : 0);
    }

    private ByteBuffer encode(int slot, int sizeHint) {
        Format format = Format.values()[slot / 2];
        // a little over last time's size: the buffer rarely grows (a growth copies it)
        Bytes bytes = new Bytes(sizeHint + sizeHint / 8 + 1024);
        try {
            OutputStream out = slot % 2 == 1 ? new GZIPOutputStream(bytes, 64 * 1024) : bytes;
            // the metric names are all classic ones, which need no escaping in any scheme
            format.writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // writing to memory does not fail
        }
        return bytes.view();
    }

    /** A byte array stream whose bytes are handed out without the copy toByteArray makes. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) { super(size); }

        ByteBuffer view() { return ByteBuffer.wrap(buf, 0, count).slice().asReadOnlyBuffer(); }
    }
}
