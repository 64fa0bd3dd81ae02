package dev.kleaktop.store;

import dev.kleaktop.model.KmemleakGroup;
import dev.kleaktop.model.KmemleakRecord;
import dev.kleaktop.model.OomEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OOM events and kmemleak records and groups as ordered maps with SPEC's field names: the one
 * mapping for every json output (batch, {@code oom}, {@code kmemleak report}, {@code diff})
 * and the snapshot file ({@link RecordJson} reads them back). Strings stay raw: the json
 * encoder escapes control characters.
 */
public final class EventFields {
    private EventFields() {}

    public static Map<String, Object> oom(OomEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uptime_s", e.uptimeS());
        m.put("time", e.time());
        m.put("kind", e.kind());
        m.put("constraint", e.constraint());
        m.put("trigger_comm", e.triggerComm());
        m.put("gfp_mask", e.gfpMask());
        m.put("order", e.order());
        m.put("victim_pid", e.victimPid());
        m.put("victim_comm", e.victimComm());
        m.put("total_vm_kb", e.totalVmKb());
        m.put("anon_rss_kb", e.anonRssKb());
        m.put("file_rss_kb", e.fileRssKb());
        m.put("shmem_rss_kb", e.shmemRssKb());
        m.put("oom_score_adj", e.oomScoreAdj());
        m.put("oom_memcg", e.oomMemcg());
        m.put("task_memcg", e.taskMemcg());
        List<Object> slab = new ArrayList<>(e.unreclaimableSlab().size());
        for (OomEvent.UnreclaimableSlab s : e.unreclaimableSlab()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("used_kb", s.usedKb());
            row.put("total_kb", s.totalKb());
            slab.add(row);
        }
        m.put("unreclaimable_slab", slab);
        OomEvent.Reaped r = e.reaped();
        if (r == null) {
            m.put("reaped", null);
        } else {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("pid", r.pid());
            rm.put("comm", r.comm());
            rm.put("anon_rss_kb", r.anonRssKb());
            rm.put("file_rss_kb", r.fileRssKb());
            rm.put("shmem_rss_kb", r.shmemRssKb());
            m.put("reaped", rm);
        }
        m.put("complete", e.complete());
        m.put("missing", e.missing());
        return m;
    }

    public static List<Object> oom(List<OomEvent> events) {
        List<Object> out = new ArrayList<>(events.size());
        for (OomEvent e : events) out.add(oom(e));
        return out;
    }

    public static Map<String, Object> record(KmemleakRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", r.address());
        m.put("size", r.size());
        m.put("kind", r.kind());
        m.put("comm", r.comm());
        m.put("pid", r.pid());
        m.put("jiffies", r.jiffies());
        m.put("age_s", r.ageS());
        m.put("backtrace", r.backtrace());
        m.put("crc", r.crc());
        return m;
    }

    public static Map<String, Object> group(KmemleakGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", g.key());
        m.put("count", g.count());
        m.put("total_size", g.totalSize());
        m.put("top_frame", g.topFrame());
        m.put("title", g.title());
        m.put("comms", g.comms());
        m.put("sample_address", g.sampleAddress());
        m.put("backtrace", g.backtrace());
        return m;
    }

    public static List<Object> groups(List<KmemleakGroup> groups) {
        List<Object> out = new ArrayList<>(groups.size());
        for (KmemleakGroup g : groups) out.add(group(g));
        return out;
    }

    public static List<Object> records(List<KmemleakRecord> records) {
        List<Object> out = new ArrayList<>(records.size());
        for (KmemleakRecord r : records) out.add(record(r));
        return out;
    }
}
