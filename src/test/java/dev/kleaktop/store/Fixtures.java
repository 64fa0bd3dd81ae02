package dev.kleaktop.store;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.MeminfoParser;
import dev.kleaktop.source.parse.SlabinfoParser;
import dev.kleaktop.testing.Corpus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A snapshot built from the lab's real slabinfo and meminfo, without touching the file system. */
final class Fixtures {
    private Fixtures() {}

    static Snapshot lab() {
        try {
            Sample sample = new Sample(Instant.parse("2026-11-26T01:45:12Z"), 1234.56,
                    SlabinfoParser.parse(Corpus.text("slabinfo/slabinfo.2-final.txt")),
                    MeminfoParser.parse(Corpus.text("slabinfo/meminfo.2-final.txt")),
                    Map.of("slabinfo", SourceState.OK, "meminfo", SourceState.OK));
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("key", "kleak_alloc+0x2c/0x60 [kleak]");
            group.put("count", 12);
            Map<String, Object> kmemleak = new LinkedHashMap<>();
            kmemleak.put("status", "ok");
            kmemleak.put("records", List.of());
            kmemleak.put("groups", List.of(group));
            return Snapshot.of(new Identity("kmemlab", "6.1.192-kmemlab", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10", 4096),
                    sample, n -> n.startsWith("kmalloc")
                            ? new CacheAttrs(null, List.of(":0000" + n.length()), false, null, null, null, null, null)
                            : CacheAttrs.UNKNOWN,
                    "/", kmemleak, List.of());
        } catch (dev.kleaktop.source.parse.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] labBytes() { return SnapshotCodec.encode(lab()); }
}
