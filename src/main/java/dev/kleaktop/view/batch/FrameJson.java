package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.Analysis;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.app.Frame;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.view.EventFields;
import dev.kleaktop.view.Fields;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A frame as the batch json object SPEC names (time, uptime_s, host, ..., sources). */
public final class FrameJson {
    private FrameJson() {}

    public static Map<String, Object> toMap(Frame frame, List<CacheRow> rows, double intervalS) {
        Analysis a = frame.analysis();
        Identity id = a.identity();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", DateTimeFormatter.ISO_INSTANT.format(a.sample().time().truncatedTo(ChronoUnit.MILLIS)));
        doc.put("uptime_s", a.sample().uptimeS());
        doc.put("host", id.host());
        doc.put("kernel", id.kernel());
        doc.put("interval_s", intervalS);
        doc.put("window_s", a.windowS());
        doc.put("meminfo", meminfo(a.totals().mem()));
        List<Object> caches = new ArrayList<>(rows.size());
        for (CacheRow r : rows) caches.add(Fields.cache(r));
        doc.put("caches", caches);
        Map<String, Object> kmemleak = new LinkedHashMap<>();
        kmemleak.put("status", frame.kmemleak().status());
        kmemleak.put("count", frame.kmemleak().count());
        kmemleak.put("groups", EventFields.groups(frame.kmemleak().report().groups()));
        doc.put("kmemleak", kmemleak);
        doc.put("oom_events", EventFields.oom(frame.oomEvents()));
        Map<String, Object> sources = new LinkedHashMap<>();
        for (Map.Entry<String, SourceState> e : frame.sources().entrySet()) {
            sources.put(e.getKey(), e.getValue().describe());
        }
        doc.put("sources", sources);
        return doc;
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
