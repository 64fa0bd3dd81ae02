package dev.kleaktop.view.batch;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.store.EventFields;
import dev.kleaktop.view.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code kleaktop oom} and {@code kleaktop kmemleak} print, in text or json: lines, not
 * printing (the commands write them where they write). Field names are SPEC's, from {@link
 * EventFields}.
 */
public final class EventOutput {
    private EventOutput() {}

    /**
     * The OOM events of a log.
     *
     * @param source  the log, as named to the user
     * @param dropped events not kept (more than {@code kept} were logged)
     */
    public static List<String> oom(BatchFormat format, List<OomEvent> events, String source, long dropped, int kept) {
        if (format == BatchFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("events", EventFields.oom(events));
            return List.of(JsonText.write(doc));
        }
        List<String> out = new ArrayList<>(EventTables.oom(events, source));
        if (dropped > 0) out.add("(" + dropped + " older events not listed; the newest " + kept + " are)");
        return out;
    }

    /** A kmemleak report read from {@code where}. */
    public static List<String> report(BatchFormat format, KmemleakReport r, String where) {
        if (format == BatchFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", "ok");
            doc.put("count", r.recordCount());
            doc.put("total_bytes", r.totalBytes());
            doc.put("records", EventFields.records(r.records()));
            doc.put("groups", EventFields.groups(r.groups()));
            return List.of(JsonText.write(doc));
        }
        List<String> out = new ArrayList<>();
        out.add("kmemleak: " + EventTables.kmemleakSummary(r) + " (" + Text.escape(where) + ")");
        if (r.groups().isEmpty()) return out;
        out.add("");
        out.addAll(EventTables.kmemleakGroups(r.groups()));
        if (r.truncated()) {
            out.add("");
            out.add("(" + r.records().size() + " of " + r.recordCount()
                    + " records kept whole; every record is counted in the groups)");
        }
        return out;
    }

    /** A kmemleak scan's result. */
    public static List<String> scan(BatchFormat format, KmemleakControl.ScanResult s, String where) {
        double secs = s.duration().toNanos() / 1e9;
        if (format == BatchFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", "ok");
            doc.put("duration_s", Math.round(secs * 1000) / 1000.0);
            doc.put("suspects_before", s.suspectsBefore());
            doc.put("suspects_after", s.suspectsAfter());
            doc.put("new_suspects", s.newSuspects());
            doc.put("groups", EventFields.groups(s.report().groups()));
            return List.of(JsonText.write(doc));
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "kmemleak scan took %.2fs: %d new suspects; now %s (%s)", secs,
                s.newSuspects(), EventTables.kmemleakSummary(s.report()), Text.escape(where)));
        if (!s.report().groups().isEmpty()) {
            out.add("");
            out.addAll(EventTables.kmemleakGroups(s.report().groups()));
        }
        return out;
    }

    /** After a kmemleak clear: the report as it is now. */
    public static List<String> cleared(BatchFormat format, KmemleakReport after, String where) {
        if (format == BatchFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", "ok");
            doc.put("cleared", true);
            doc.put("count", after.recordCount());
            return List.of(JsonText.write(doc));
        }
        return List.of("kmemleak cleared: " + after.recordCount() + " suspects reported now (" + Text.escape(where) + ")");
    }
}
