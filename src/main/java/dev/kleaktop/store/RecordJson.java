package dev.kleaktop.store;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakRecord;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.OomEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kmemleak records and groups and OOM events in the snapshot file, both ways, with SPEC's
 * field names: written by {@link EventFields}, the one mapping every output uses, and read
 * back here. The snapshot's fields are pinned by a test, so a change to that mapping is seen
 * as a change of the file format (and of its version).
 */
final class RecordJson {
    private RecordJson() {}

    /** The snapshot's {@code kmemleak} object: status, counts, the kept records and every group. */
    static Map<String, Object> kmemleak(String status, KmemleakReport k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("record_count", k.recordCount());
        m.put("total_bytes", k.totalBytes());
        List<Object> records = new ArrayList<>(k.records().size());
        for (KmemleakRecord r : k.records()) records.add(EventFields.record(r));
        m.put("records", records);
        List<Object> groups = new ArrayList<>(k.groups().size());
        for (KmemleakGroup g : k.groups()) groups.add(EventFields.group(g));
        m.put("groups", groups);
        return m;
    }

    static KmemleakReport kmemleak(Strict j, Map<String, Object> k) throws SnapshotException {
        long count = j.count(j.required(k, "record_count", "kmemleak.record_count"), "kmemleak.record_count");
        long total = j.count(j.required(k, "total_bytes", "kmemleak.total_bytes"), "kmemleak.total_bytes");
        List<Object> rl = j.requiredArray(k, "records", "kmemleak.records");
        List<KmemleakRecord> records = new ArrayList<>(rl.size());
        for (int i = 0; i < rl.size(); i++) records.add(record(j, rl.get(i), "kmemleak.records[" + i + "]"));
        List<Object> gl = j.requiredArray(k, "groups", "kmemleak.groups");
        List<KmemleakGroup> groups = new ArrayList<>(gl.size());
        for (int i = 0; i < gl.size(); i++) groups.add(group(j, gl.get(i), "kmemleak.groups[" + i + "]"));
        if (records.size() > count) {
            throw j.fail("kmemleak.record_count: " + count + " is less than the " + records.size() + " records kept");
        }
        return new KmemleakReport(records, groups, count, total);
    }

    private static KmemleakRecord record(Strict j, Object v, String at) throws SnapshotException {
        Map<String, Object> m = j.object(v, at);
        return new KmemleakRecord(
                j.stringOrNull(j.required(m, "address", at + ".address"), at + ".address"),
                j.count(j.required(m, "size", at + ".size"), at + ".size"),
                j.stringOrNull(j.required(m, "kind", at + ".kind"), at + ".kind"),
                j.stringOrNull(j.required(m, "comm", at + ".comm"), at + ".comm"),
                j.integerOrNull(j.required(m, "pid", at + ".pid"), at + ".pid"),
                j.integerOrNull(j.required(m, "jiffies", at + ".jiffies"), at + ".jiffies"),
                j.numberOrNull(j.required(m, "age_s", at + ".age_s"), at + ".age_s"),
                j.strings(j.required(m, "backtrace", at + ".backtrace"), at + ".backtrace"),
                j.stringOrNull(j.required(m, "crc", at + ".crc"), at + ".crc"));
    }

    private static KmemleakGroup group(Strict j, Object v, String at) throws SnapshotException {
        Map<String, Object> m = j.object(v, at);
        return new KmemleakGroup(
                j.string(j.required(m, "key", at + ".key"), at + ".key"),
                j.count(j.required(m, "count", at + ".count"), at + ".count"),
                j.count(j.required(m, "total_size", at + ".total_size"), at + ".total_size"),
                j.stringOrNull(j.required(m, "top_frame", at + ".top_frame"), at + ".top_frame"),
                // absent from snapshots written before it existed: not known
                j.stringOrNull(m.get("title"), at + ".title"),
                j.strings(j.required(m, "comms", at + ".comms"), at + ".comms"),
                j.stringOrNull(j.required(m, "sample_address", at + ".sample_address"), at + ".sample_address"),
                j.strings(j.required(m, "backtrace", at + ".backtrace"), at + ".backtrace"));
    }

    static OomEvent oomEvent(Strict j, Object v, String at) throws SnapshotException {
        Map<String, Object> m = j.object(v, at);
        List<Object> sl = j.requiredArray(m, "unreclaimable_slab", at + ".unreclaimable_slab");
        List<OomEvent.UnreclaimableSlab> slab = new ArrayList<>(sl.size());
        for (int i = 0; i < sl.size(); i++) {
            String a = at + ".unreclaimable_slab[" + i + "]";
            Map<String, Object> row = j.object(sl.get(i), a);
            slab.add(new OomEvent.UnreclaimableSlab(
                    j.string(j.required(row, "name", a + ".name"), a + ".name"),
                    j.integer(j.required(row, "used_kb", a + ".used_kb"), a + ".used_kb"),
                    j.integer(j.required(row, "total_kb", a + ".total_kb"), a + ".total_kb")));
        }
        Object rv = j.required(m, "reaped", at + ".reaped");
        OomEvent.Reaped reaped = null;
        if (rv != null) {
            String a = at + ".reaped";
            Map<String, Object> r = j.object(rv, a);
            reaped = new OomEvent.Reaped(
                    j.integerOrNull(j.required(r, "pid", a + ".pid"), a + ".pid"),
                    j.stringOrNull(j.required(r, "comm", a + ".comm"), a + ".comm"),
                    j.integerOrNull(j.required(r, "anon_rss_kb", a + ".anon_rss_kb"), a + ".anon_rss_kb"),
                    j.integerOrNull(j.required(r, "file_rss_kb", a + ".file_rss_kb"), a + ".file_rss_kb"),
                    j.integerOrNull(j.required(r, "shmem_rss_kb", a + ".shmem_rss_kb"), a + ".shmem_rss_kb"));
        }
        return new OomEvent(
                j.numberOrNull(j.required(m, "uptime_s", at + ".uptime_s"), at + ".uptime_s"),
                str(j, m, "time", at), str(j, m, "kind", at), str(j, m, "constraint", at),
                str(j, m, "trigger_comm", at), str(j, m, "gfp_mask", at),
                j.intOrNull(j.required(m, "order", at + ".order"), at + ".order"),
                lng(j, m, "victim_pid", at), str(j, m, "victim_comm", at),
                lng(j, m, "total_vm_kb", at), lng(j, m, "anon_rss_kb", at), lng(j, m, "file_rss_kb", at),
                lng(j, m, "shmem_rss_kb", at),
                j.intOrNull(j.required(m, "oom_score_adj", at + ".oom_score_adj"), at + ".oom_score_adj"),
                str(j, m, "oom_memcg", at), str(j, m, "task_memcg", at), slab, reaped,
                completeOf(j, m, at), missingOf(j, m, at));
    }

    /** {@code complete}: absent from snapshots written before it existed, then null (not known). */
    private static Boolean completeOf(Strict j, Map<String, Object> m, String at) throws SnapshotException {
        Object v = m.get("complete");
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        throw j.mistyped(at + ".complete", "true, false or null", v);
    }

    /** {@code missing}: absent from older snapshots, then null (not known). */
    private static List<String> missingOf(Strict j, Map<String, Object> m, String at) throws SnapshotException {
        Object v = m.get("missing");
        return v == null ? null : j.strings(v, at + ".missing");
    }

    private static String str(Strict j, Map<String, Object> m, String key, String at) throws SnapshotException {
        return j.stringOrNull(j.required(m, key, at + "." + key), at + "." + key);
    }

    private static Long lng(Strict j, Map<String, Object> m, String key, String at) throws SnapshotException {
        return j.integerOrNull(j.required(m, key, at + "." + key), at + "." + key);
    }
}
