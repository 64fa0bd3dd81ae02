package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a snapshot file can be wrong gives one precise line, never a partial load. */
class CorruptSnapshotTest {
    static final JSON JSON_NULLS = JSON.builder().enable(JSON.Feature.WRITE_NULL_PROPERTIES).build();

    @TempDir
    Path tmp;

    Path file(byte[] bytes) throws IOException {
        Path f = tmp.resolve("s.json");
        Files.write(f, bytes);
        return f;
    }

    Path file(String text) throws IOException { return file(text.getBytes(StandardCharsets.UTF_8)); }

    @SuppressWarnings("unchecked")
    Path mutated(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> doc = JSON.std.mapFrom(Fixtures.labBytes());
        change.accept(doc);
        return file(JSON_NULLS.asBytes(doc));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cache(Map<String, Object> doc, int i) {
        return (Map<String, Object>) ((List<Object>) doc.get("caches")).get(i);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> oom(Map<String, Object> doc, int i) {
        return (Map<String, Object>) ((List<Object>) doc.get("oom_events")).get(i);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> group(Map<String, Object> doc, int i) {
        return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) doc.get("kmemleak")).get("groups")).get(i);
    }

    String problem(Path f) {
        try {
            SnapshotStore.load(f);
        } catch (SnapshotException e) {
            assertThat(e.file()).isEqualTo(f.toString());
            assertThat(e.getMessage()).isEqualTo(f + ": " + e.problem()).doesNotContain("\n");
            return e.problem();
        }
        throw new AssertionError("loaded a corrupt snapshot: " + f);
    }

    @Test
    void theUnchangedFixtureLoads() throws Exception {
        assertThat(SnapshotStore.load(file(Fixtures.labBytes()))).isEqualTo(Fixtures.lab());
        assertThat(SnapshotStore.load(mutated(d -> { }))).isEqualTo(Fixtures.lab());
    }

    @Test
    void emptyFile() throws Exception {
        assertThat(problem(file(""))).isEqualTo("empty file, not a kleaktop snapshot");
    }

    @Test
    void truncatedFileNamesWhereItEnds() throws Exception {
        byte[] full = Fixtures.labBytes();
        byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
        assertThat(problem(file(cut))).matches("truncated JSON: the file ends at line \\d+, column \\d+ before the snapshot is complete");
    }

    @Test
    void garbageAndBinary() throws Exception {
        assertThat(problem(file("hello, world"))).startsWith("not valid JSON at line 1, column 1: Unrecognized token 'hello'");
        assertThat(problem(file(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2})))
                .startsWith("not valid JSON at line 1, column 1: Unexpected character");
        assertThat(problem(file("{\"format\": \"kleaktop-snapshot\"} trailing")))
                .startsWith("not valid JSON: unexpected data after the end of the snapshot at line 1");
        assertThat(problem(file("{\"format\": 1, \"format\": 2}"))).contains("Duplicate key");
    }

    @Test
    void notASnapshot() throws Exception {
        assertThat(problem(file("[1, 2]"))).isEqualTo("not a kleaktop snapshot (the JSON is an array, not an object)");
        assertThat(problem(file("{\"name\": \"x\"}"))).isEqualTo("not a kleaktop snapshot (no \"format\" field)");
        assertThat(problem(mutated(d -> d.put("format", "below-dump"))))
                .isEqualTo("not a kleaktop snapshot (format is string \"below-dump\", expected \"kleaktop-snapshot\")");
    }

    @Test
    void newerOrInvalidVersion() throws Exception {
        assertThat(problem(mutated(d -> d.put("version", 2))))
                .isEqualTo("snapshot format version 2 is newer than this kleaktop reads (1); open it with a newer kleaktop");
        assertThat(problem(mutated(d -> d.put("version", "1")))).isEqualTo("version: expected an integer, found string \"1\"");
        assertThat(problem(mutated(d -> d.remove("version")))).isEqualTo("missing field version");
        assertThat(problem(mutated(d -> d.put("version", 0)))).isEqualTo("version: expected 1, found 0");
    }

    @Test
    void missingFields() throws Exception {
        for (String f : List.of("time", "uptime_s", "boot_id", "host", "kernel", "page_size", "meminfo", "caches",
                "kmemleak", "oom_events")) {
            assertThat(problem(mutated(d -> d.remove(f)))).as(f).isEqualTo("missing field " + f);
        }
        assertThat(problem(mutated(d -> cache(d, 3).remove("num_slabs")))).isEqualTo("missing field caches[3].num_slabs");
        assertThat(problem(mutated(d -> cache(d, 0).remove("name")))).isEqualTo("missing field caches[0].name");
        assertThat(problem(mutated(d -> cache(d, 0).remove("aliases")))).isEqualTo("missing field caches[0].aliases");
        assertThat(problem(mutated(d -> ((Map<String, Object>) d.get("kmemleak")).remove("groups"))))
                .isEqualTo("missing field kmemleak.groups");
        assertThat(problem(mutated(d -> oom(d, 0).remove("victim_pid")))).isEqualTo("missing field oom_events[0].victim_pid");
        assertThat(problem(mutated(d -> group(d, 0).remove("top_frame")))).isEqualTo("missing field kmemleak.groups[0].top_frame");
    }

    @Test
    void timesBeyondWhatAClockGivesAreOutOfRange() throws Exception {
        // Instant takes them; the time arithmetic after loading (a diff's elapsed time) overflowed
        for (String t : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z")) {
            assertThat(problem(mutated(d -> d.put("time", t))))
                    .isEqualTo("time: out of range (years 1970 to 9999), found string \"" + t + "\"");
        }
        assertThat(SnapshotStore.load(mutated(d -> d.put("time", "9999-12-31T23:59:59Z"))).sample().time())
                .isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mistypedFields() throws Exception {
        assertThat(problem(mutated(d -> cache(d, 3).put("num_slabs", "45"))))
                .isEqualTo("caches[3].num_slabs: expected an integer, found string \"45\"");
        assertThat(problem(mutated(d -> cache(d, 3).put("num_slabs", 4.5))))
                .isEqualTo("caches[3].num_slabs: expected an integer, found number 4.5");
        assertThat(problem(mutated(d -> cache(d, 3).put("active_objs", -1))))
                .isEqualTo("caches[3].active_objs: expected a count (0 or more), found -1");
        assertThat(problem(mutated(d -> cache(d, 3).put("objsize", new java.math.BigInteger("123456789012345678901234")))))
                .isEqualTo("caches[3].objsize: number out of range: 123456789012345678901234");
        assertThat(problem(mutated(d -> d.put("caches", Map.of())))).isEqualTo("caches: expected an array, found an object");
        assertThat(problem(mutated(d -> d.put("host", 7)))).isEqualTo("host: expected a string, found number 7");
        assertThat(problem(mutated(d -> d.put("uptime_s", "long")))).isEqualTo("uptime_s: expected a number, found string \"long\"");
        assertThat(problem(mutated(d -> d.put("time", "yesterday"))))
                .isEqualTo("time: expected an ISO-8601 UTC time such as 2026-11-26T01:45:12Z, found string \"yesterday\"");
        assertThat(problem(mutated(d -> d.put("page_size", 0)))).isEqualTo("page_size: expected a power of two, found 0");
        assertThat(problem(mutated(d -> ((Map<String, Object>) d.get("meminfo")).put("Slab", "12 kB"))))
                .isEqualTo("meminfo.Slab: expected an integer, found string \"12 kB\"");
        assertThat(problem(mutated(d -> cache(d, 2).put("reclaimable", "yes"))))
                .isEqualTo("caches[2].reclaimable: expected true, false or null, found string \"yes\"");
        assertThat(problem(mutated(d -> d.put("oom_events", List.of(1)))))
                .isEqualTo("oom_events[0]: expected an object, found number 1");
        assertThat(problem(mutated(d -> oom(d, 1).put("order", 1L << 40))))
                .isEqualTo("oom_events[1].order: number out of range: 1099511627776");
        assertThat(problem(mutated(d -> group(d, 0).put("comms", List.of("a", 2)))))
                .isEqualTo("kmemleak.groups[0].comms[1]: expected a string, found number 2");
        assertThat(problem(mutated(d -> ((Map<String, Object>) d.get("kmemleak")).put("record_count", 1))))
                .isEqualTo("kmemleak.record_count: 1 is less than the 5 records kept");
    }

    @Test
    void aCacheTwiceIsCorrupt() throws Exception {
        assertThat(problem(mutated(d -> cache(d, 1).put("name", cache(d, 0).get("name")))))
                .isEqualTo("caches[1]: cache kleak_slab_obj appears twice");
    }

    @Test
    void unreadableFiles() throws Exception {
        assertThat(problem(tmp.resolve("absent.json"))).isEqualTo("not found");
        assertThat(problem(tmp)).isEqualTo("is a directory, not a snapshot file");
    }

    @Test
    void aSnapshotFromANewerKleaktopWithExtraFieldsStillLoads() throws Exception {
        // Additions within version 1 are ignored, so older readers keep working.
        assertThat(SnapshotStore.load(mutated(d -> d.put("zram", Map.of("x", 1))))).isEqualTo(Fixtures.lab());
    }

    @Test
    void loadingNeverThrowsAnythingButItsOwnError() {
        assertThatThrownBy(() -> SnapshotCodec.decode("{\"format\":\"kleaktop-snapshot\",\"version\":1,\"time\":null}"
                .getBytes(StandardCharsets.UTF_8), "f")).isInstanceOf(SnapshotException.class)
                .hasMessage("f: time: expected a string, found null");
    }
}
