package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.SnapshotDiff;
import dev.kleaktop.analysis.SnapshotDiff.CacheDelta;
import dev.kleaktop.analysis.SnapshotDiff.MemDelta;
import dev.kleaktop.store.EventFields;
import dev.kleaktop.view.DiffColumn;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code kleaktop diff --format json}: one object with SPEC's "Diff json" field names. */
public final class DiffJson {
    private DiffJson() {}

    /**
     * @param rows    the caches to include, in order (filtered and cut to {@code --top})
     * @param oldFile the file OLD was read from
     * @param newFile the file NEW was read from, or null when NEW was sampled now
     */
    public static Map<String, Object> toMap(SnapshotDiff d, List<CacheDelta> rows, String oldFile, String newFile) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("old", side(d.oldSide(), oldFile));
        doc.put("new", side(d.newSide(), newFile));
        doc.put("elapsed_s", d.elapsedS());
        doc.put("elapsed_basis", d.elapsedBasis());
        doc.put("across_reboot", d.acrossReboot());
        List<Object> caches = new ArrayList<>(rows.size());
        for (CacheDelta c : rows) caches.add(DiffColumn.SPEC.record(c));
        doc.put("caches", caches);
        Map<String, Object> mem = new LinkedHashMap<>();
        for (MemDelta m : d.meminfo()) mem.put(SnapshotDiff.MEMINFO_FIELDS.get(m.field()), m.deltaKb());
        doc.put("meminfo_delta", mem);
        doc.put("kmemleak_new", EventFields.groups(d.kmemleakNew()));
        doc.put("oom_events_new", EventFields.oom(d.oomEventsNew()));
        doc.put("warnings", d.warnings());
        return doc;
    }

    /** The object on one line, as batch json prints. */
    public static void write(SnapshotDiff d, List<CacheDelta> rows, String oldFile, String newFile, PrintWriter out) {
        out.println(JsonText.write(toMap(d, rows, oldFile, newFile)));
        out.flush();
    }

    private static Map<String, Object> side(SnapshotDiff.Side s, String file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", s.time() == null ? null : DateTimeFormatter.ISO_INSTANT.format(s.time()));
        m.put("host", s.host());
        m.put("kernel", s.kernel());
        m.put("boot_id", s.bootId());
        m.put("uptime_s", s.uptimeS());
        m.put("kmemleak_status", s.kmemleakStatus());
        m.put("log_status", s.logStatus());
        m.put("file", file);
        return m;
    }
}
