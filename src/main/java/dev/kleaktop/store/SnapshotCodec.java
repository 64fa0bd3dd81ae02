package dev.kleaktop.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The snapshot file format, version {@value #VERSION}: a snapshot to a json tree and back.
 * Writing keeps nulls (an unknown value is written as null, never left out), so a reader
 * can insist that every field is present. Reading is strict: the first thing that is
 * missing, mistyped or out of range stops it with a {@link SnapshotException}; a snapshot is
 * never half loaded.
 */
final class SnapshotCodec {
    static final String FORMAT = "kleaktop-snapshot";
    static final int VERSION = 1;

    private static final JSON WRITER = JSON.builder(JsonOutput.FACTORY)
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.PRETTY_PRINT_OUTPUT)
            .build();
    private static final JSON READER = JSON.builder()
            .enable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .build();
    /**
     * How deeply a snapshot's json may nest: the format itself goes 5 levels deep (a
     * kmemleak record's backtrace). Jackson's own default, 1000, is deep enough for its
     * recursive reader to overflow the launcher's 512 KiB thread stacks on a file of
     * {@code [[[[...} (StackOverflowError); 32 ends such a file at once with one line.
     */
    static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = factory();

    /** A json factory whose parsers refuse nesting deeper than {@link #MAX_DEPTH}. */
    static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
    }

    private SnapshotCodec() {}

    /** The file's bytes: pretty-printed json, UTF-8, ending with a newline. */
    static byte[] encode(Snapshot s) {
        try {
            byte[] json = WRITER.asBytes(toJson(s));
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (IOException e) {
            // Only maps, lists, strings, numbers and booleans are written: this cannot fail.
            throw new IllegalStateException("snapshot could not be encoded", e);
        }
    }

    static Map<String, Object> toJson(Snapshot s) {
        Sample sample = s.sample();
        Identity id = s.identity();
        Map<String, Object> doc = new LinkedHashMap<>();
        // Identity first: listing a directory reads only this head of each file.
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("time", DateTimeFormatter.ISO_INSTANT.format(sample.time()));
        doc.put("uptime_s", sample.uptimeS());
        doc.put("boot_id", id.bootId());
        doc.put("host", id.host());
        doc.put("kernel", id.kernel());
        doc.put("page_size", id.pageSize());
        doc.put("root", s.root());
        doc.put("slabinfo_version", sample.slab().version());
        doc.put("slabinfo_truncated", sample.slab().truncated());
        Map<String, Object> sources = new LinkedHashMap<>();
        for (Map.Entry<String, SourceState> e : sample.sources().entrySet()) {
            Map<String, Object> st = new LinkedHashMap<>();
            if (e.getValue() instanceof SourceState.Unavailable u) {
                st.put("state", "unavailable");
                st.put("reason", u.reason());
                st.put("fix", u.fix());
            } else {
                st.put("state", "ok");
            }
            sources.put(e.getKey(), st);
        }
        doc.put("sources", sources);
        doc.put("meminfo", new LinkedHashMap<>(sample.mem().fieldsKb()));
        List<Object> caches = new ArrayList<>(sample.slab().caches().size());
        for (SlabCache c : sample.slab().caches()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            if (c.id().index() > 0) m.put("index", c.id().index());
            m.put("active_objs", c.activeObjs());
            m.put("num_objs", c.numObjs());
            m.put("objsize", c.objSize());
            m.put("objperslab", c.objPerSlab());
            m.put("pagesperslab", c.pagesPerSlab());
            m.put("limit", c.limit());
            m.put("batchcount", c.batchCount());
            m.put("sharedfactor", c.sharedFactor());
            m.put("active_slabs", c.activeSlabs());
            m.put("num_slabs", c.numSlabs());
            m.put("sharedavail", c.sharedAvail());
            CacheAttrs a = s.attrs(c.name());
            m.put("aliases", a.aliases());
            m.put("reclaimable", a.reclaimable());
            caches.add(m);
        }
        doc.put("caches", caches);
        doc.put("kmemleak", RecordJson.kmemleak(s.kmemleakStatus(), s.kmemleak()));
        List<Object> ooms = new ArrayList<>(s.oomEvents().size());
        for (OomEvent e : s.oomEvents()) ooms.add(EventFields.oom(e));
        doc.put("oom_events", ooms);
        return doc;
    }

    /** Parses and checks a whole file. {@code file} is how the file is named in messages. */
    static Snapshot decode(byte[] bytes, String file) throws SnapshotException {
        if (bytes.length == 0) throw new SnapshotException(file, "empty file, not a kleaktop snapshot");
        Object tree = parse(bytes, file);
        return fromJson(tree, file);
    }

    /** The json tree of the whole file; trailing data after the top value is an error too. */
    static Object parse(byte[] bytes, String file) throws SnapshotException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            Object tree;
            try {
                tree = READER.anyFrom(p);
            } catch (StreamConstraintsException e) {
                throw new SnapshotException(file, "not a kleaktop snapshot: JSON nested deeper than " + MAX_DEPTH
                        + " levels (the limit for a snapshot)" + where(e.getLocation()), e);
            } catch (JsonProcessingException e) {
                if (truncated(e, bytes)) {
                    throw new SnapshotException(file, "truncated JSON: the file ends" + where(e.getLocation())
                            + " before the snapshot is complete", e);
                }
                throw new SnapshotException(file, "not valid JSON" + where(e.getLocation()) + ": "
                        + clean(e.getOriginalMessage()), e);
            }
            JsonLocation after = p.currentLocation();
            boolean extra;
            try {
                extra = p.nextToken() != null;
            } catch (JsonProcessingException e) {
                extra = true;
            }
            if (extra) {
                throw new SnapshotException(file, "not valid JSON: unexpected data after the end of the snapshot"
                        + where(after));
            }
            return tree;
        } catch (IOException e) {
            throw new SnapshotException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Jackson reports a cut-off file in two ways: an EOF exception, or a parse error at the very end. */
    private static boolean truncated(JsonProcessingException e, byte[] bytes) {
        if (e instanceof JsonEOFException) return true;
        String m = e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        return m != null && m.startsWith("Unexpected end-of-input")
                || at != null && at.getByteOffset() >= bytes.length && bytes.length > 0;
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) return "";
        return at.getColumnNr() < 1 ? " at line " + at.getLineNr()
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Jackson's message without its own location and source notes, on one short line. */
    static String clean(String msg) {
        if (msg == null) return "unreadable";
        String s = msg;
        int cut = s.indexOf(" (start marker at");
        if (cut >= 0) s = s.substring(0, cut);
        cut = s.indexOf('\n');
        if (cut >= 0) s = s.substring(0, cut);
        s = s.trim();
        if (s.length() > 160) s = s.substring(0, 160) + "...";
        return s.isEmpty() ? "unreadable" : s;
    }

    static Snapshot fromJson(Object tree, String file) throws SnapshotException {
        Strict j = new Strict(file);
        if (!(tree instanceof Map)) {
            throw j.fail("not a kleaktop snapshot (the JSON is " + Strict.describe(tree) + ", not an object)");
        }
        Map<String, Object> doc = j.object(tree, "");
        checkFormat(j, doc);

        Instant time = instant(j, j.required(doc, "time", "time"), "time");
        Double uptime = j.numberOrNull(j.required(doc, "uptime_s", "uptime_s"), "uptime_s");
        String bootId = j.stringOrNull(j.required(doc, "boot_id", "boot_id"), "boot_id");
        String host = j.stringOrNull(j.required(doc, "host", "host"), "host");
        String kernel = j.stringOrNull(j.required(doc, "kernel", "kernel"), "kernel");
        long pageSize = j.integer(j.required(doc, "page_size", "page_size"), "page_size");
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw j.fail("page_size: expected a power of two, found " + pageSize);
        }
        String root = j.stringOrNull(doc.get("root"), "root");
        String slabVersion = doc.containsKey("slabinfo_version")
                ? j.stringOrNull(doc.get("slabinfo_version"), "slabinfo_version") : null;
        Boolean truncated = j.booleanOrNull(doc.get("slabinfo_truncated"), "slabinfo_truncated");
        Map<String, SourceState> sources = sources(j, doc.get("sources"));

        Map<String, Object> memObj = j.requiredObject(doc, "meminfo", "meminfo");
        Map<String, Long> mem = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : memObj.entrySet()) {
            mem.put(e.getKey(), j.integer(e.getValue(), "meminfo." + e.getKey()));
        }

        List<Object> cacheList = j.requiredArray(doc, "caches", "caches");
        List<SlabCache> caches = new ArrayList<>(cacheList.size());
        Map<String, CacheAttrs> attrs = new HashMap<>();
        Set<CacheId> seen = new HashSet<>();
        for (int i = 0; i < cacheList.size(); i++) {
            String at = "caches[" + i + "]";
            Map<String, Object> c = j.object(cacheList.get(i), at);
            String name = j.string(j.required(c, "name", at + ".name"), at + ".name");
            long index = c.containsKey("index") ? j.count(c.get("index"), at + ".index") : 0;
            if (index > Integer.MAX_VALUE) throw j.fail(at + ".index: number out of range: " + index);
            CacheId id = new CacheId(name, (int) index);
            if (!seen.add(id)) throw j.fail(at + ": cache " + id + " appears twice");
            caches.add(new SlabCache(id,
                    count(j, c, "active_objs", at), count(j, c, "num_objs", at),
                    count(j, c, "objsize", at), count(j, c, "objperslab", at),
                    count(j, c, "pagesperslab", at), count(j, c, "limit", at),
                    count(j, c, "batchcount", at), count(j, c, "sharedfactor", at),
                    count(j, c, "active_slabs", at), count(j, c, "num_slabs", at),
                    count(j, c, "sharedavail", at)));
            List<Object> aliasList = j.requiredArray(c, "aliases", at + ".aliases");
            List<String> aliases = new ArrayList<>(aliasList.size());
            for (int k = 0; k < aliasList.size(); k++) {
                aliases.add(j.string(aliasList.get(k), at + ".aliases[" + k + "]"));
            }
            Boolean reclaimable = j.booleanOrNull(j.required(c, "reclaimable", at + ".reclaimable"), at + ".reclaimable");
            CacheAttrs a = new CacheAttrs(null, aliases, reclaimable);
            CacheAttrs before = attrs.putIfAbsent(name, a);
            if (before != null && !before.equals(a)) {
                throw j.fail(at + ": cache " + id + " has other aliases or reclaimable than its namesake");
            }
        }

        Map<String, Object> k = j.requiredObject(doc, "kmemleak", "kmemleak");
        String kmemleakStatus = j.string(j.required(k, "status", "kmemleak.status"), "kmemleak.status");
        KmemleakReport kmemleak = RecordJson.kmemleak(j, k);
        List<Object> oomList = j.requiredArray(doc, "oom_events", "oom_events");
        List<OomEvent> ooms = new ArrayList<>(oomList.size());
        for (int i = 0; i < oomList.size(); i++) ooms.add(RecordJson.oomEvent(j, oomList.get(i), "oom_events[" + i + "]"));

        SlabInfo slab = new SlabInfo(slabVersion == null ? "" : slabVersion, caches, Boolean.TRUE.equals(truncated));
        Sample sample = new Sample(time, uptime, slab, new MemInfo(mem), sources);
        return new Snapshot(new Identity(host, kernel, bootId, pageSize), sample, attrs, root, kmemleakStatus, kmemleak,
                ooms);
    }

    private static void checkFormat(Strict j, Map<String, Object> doc) throws SnapshotException {
        Object format = doc.get("format");
        if (format == null) throw j.fail("not a kleaktop snapshot (no \"format\" field)");
        if (!FORMAT.equals(format)) {
            throw j.fail("not a kleaktop snapshot (format is " + Strict.describe(format)
                    + ", expected \"" + FORMAT + "\")");
        }
        long version = j.integer(j.required(doc, "version", "version"), "version");
        if (version > VERSION) {
            throw j.fail("snapshot format version " + version + " is newer than this kleaktop reads (" + VERSION
                    + "); open it with a newer kleaktop");
        }
        if (version < 1) throw j.fail("version: expected 1, found " + version);
    }

    private static long count(Strict j, Map<String, Object> c, String key, String at) throws SnapshotException {
        String path = at + "." + key;
        return j.count(j.required(c, key, path), path);
    }

    private static Instant instant(Strict j, Object v, String path) throws SnapshotException {
        String s = j.string(v, path);
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw j.fail(path + ": expected an ISO-8601 UTC time such as 2026-11-26T01:45:12Z, found "
                    + Strict.describe(s));
        }
        // Instant takes years up to 999999999, beyond what a clock gives and than time arithmetic
        // (a diff's elapsed time, the screen's ages) can hold
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw j.fail(path + ": out of range (years 1970 to 9999), found " + Strict.describe(s));
        }
        return t;
    }

    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static Map<String, SourceState> sources(Strict j, Object v) throws SnapshotException {
        Map<String, SourceState> out = new LinkedHashMap<>();
        if (v == null) return out;
        Map<String, Object> m = j.object(v, "sources");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String at = "sources." + e.getKey();
            Map<String, Object> st = j.object(e.getValue(), at);
            String state = j.string(j.required(st, "state", at + ".state"), at + ".state");
            if (state.equals("ok")) {
                out.put(e.getKey(), SourceState.OK);
            } else if (state.equals("unavailable")) {
                out.put(e.getKey(), SourceState.unavailable(
                        j.stringOrNull(st.get("reason"), at + ".reason"), j.stringOrNull(st.get("fix"), at + ".fix")));
            } else {
                throw j.fail(at + ".state: expected \"ok\" or \"unavailable\", found " + Strict.describe(state));
            }
        }
        return out;
    }
}
