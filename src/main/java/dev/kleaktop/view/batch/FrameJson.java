package dev.kleaktop.view.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.store.EventFields;
import dev.kleaktop.view.Column;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame as the batch json object SPEC names (time, uptime_s, host, ..., sources), streamed:
 * each cache goes to the output as it is encoded, so a refresh of 10,000 caches never exists
 * whole in memory, neither as maps nor as one string (that took the heap of {@code -b
 * --format json} 25 MiB above text's).
 */
public final class FrameJson {
    private FrameJson() {}

    /** Writes the frame's object (without a line end) through {@code g}. */
    public static void write(Frame frame, List<CacheRow> rows, double intervalS, JsonGenerator g) throws IOException {
        write(frame, rows, intervalS, false, g);
    }

    /** {@link #write(Frame, List, double, JsonGenerator)}, with the {@code ledger} object after the caches when asked. */
    public static void write(Frame frame, List<CacheRow> rows, double intervalS, boolean ledger, JsonGenerator g)
            throws IOException {
        Analysis a = frame.analysis();
        Identity id = a.identity();
        g.writeStartObject();
        java.time.Instant when = dev.kleaktop.view.Header.wallTime(a);
        JsonText.field(g, "time", when == null ? null : DateTimeFormatter.ISO_INSTANT.format(when.truncatedTo(ChronoUnit.MILLIS)));
        JsonText.field(g, "uptime_s", a.sample().uptimeS());
        JsonText.field(g, "host", id.host());
        JsonText.field(g, "kernel", id.kernel());
        JsonText.field(g, "interval_s", dev.kleaktop.view.Header.interval(a, intervalS));
        JsonText.field(g, "window_s", a.windowS());
        JsonText.field(g, "meminfo", meminfo(a.totals().mem()));
        g.writeFieldName("caches");
        g.writeStartArray();
        for (CacheRow r : rows) JsonText.value(g, Column.SPEC.record(r));
        g.writeEndArray();
        if (ledger) JsonText.field(g, "ledger", ledger(a.ledger()));
        Map<String, Object> kmemleak = new LinkedHashMap<>();
        kmemleak.put("status", frame.kmemleak().status());
        kmemleak.put("count", frame.kmemleak().count());
        kmemleak.put("groups", EventFields.groups(frame.kmemleak().report().groups()));
        JsonText.field(g, "kmemleak", kmemleak);
        JsonText.field(g, "oom_events", EventFields.oom(frame.oomEvents()));
        Map<String, Object> sources = new LinkedHashMap<>();
        for (Map.Entry<String, SourceState> e : frame.sources().entrySet()) {
            sources.put(e.getKey(), e.getValue().describe());
        }
        JsonText.field(g, "sources", sources);
        g.writeEndObject();
    }

    /**
     * {@code ledger}: each line present, by its field name ({@code unaccounted}, ...), with
     * {@code bytes}, {@code growth_bytes_per_s}, {@code delta_bytes} and the leak verdict as
     * caches have it.
     */
    public static Map<String, Object> ledger(List<dev.kleaktop.analysis.LedgerRow> lines) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (dev.kleaktop.analysis.LedgerRow r : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bytes", r.bytes());
            m.put("growth_bytes_per_s", dev.kleaktop.view.table.Values.round1(r.rateBytesPerS()));
            m.put("delta_bytes", r.deltaBytes());
            m.put("kernel", r.line().kernel());
            m.put("leak_suspect", r.leakSuspect());
            m.put("leak_level", dev.kleaktop.view.VerdictText.level(r.verdict()));
            m.put("leak_reason", dev.kleaktop.view.VerdictText.why(r.verdict()));
            out.put(r.line().field(), m);
        }
        return out;
    }

    public static Map<String, Object> meminfo(MemInfo m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mem_total_kb", m.memTotalKb());
        out.put("mem_available_kb", m.memAvailableKb());
        out.put("slab_kb", m.slabKb());
        out.put("sreclaimable_kb", m.sReclaimableKb());
        out.put("sunreclaim_kb", m.sUnreclaimKb());
        return out;
    }
}
