package dev.kleaktop.export;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: the text the library writes, and its sample lines keyed by series as printed. */
final class Exposition {
    private Exposition() {}

    static String text(MetricSnapshots s) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, s, EscapingScheme.UNDERSCORE_ESCAPING);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name{labels}} as printed (escaped) to its value; comment lines skipped. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int sp = line.lastIndexOf(' ');
            if (out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1))) != null) {
                throw new AssertionError("series twice: " + line);
            }
        }
        return out;
    }

    static Map<String, Double> samples(MetricSnapshots s) { return samples(text(s)); }
}
