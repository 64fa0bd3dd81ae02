package dev.kleaktop.store;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.SavedLogReader;
import dev.kleaktop.source.parse.KmemleakParser;
import dev.kleaktop.source.parse.MeminfoParser;
import dev.kleaktop.source.parse.OomParser;
import dev.kleaktop.source.parse.SlabinfoParser;
import dev.kleaktop.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A snapshot built from real kernel output without touching the file system: the lab's
 * slabinfo and meminfo, its first kmemleak report, and OOM kills from two saved logs (one
 * with an unreclaimable-slab table, one with an oom_reaper line).
 */
final class Fixtures {
    static final String KMEMLEAK = "lab/run-memcg-v2/kmemleak.scan1.txt";
    static final List<String> OOM_LOGS = List.of(
            "oom/saxonsoc-readme-riscv-5.0.9-unreclaimable-slab.log",
            "oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log");

    private Fixtures() {}

    static KmemleakReport kmemleak() {
        return KmemleakParser.parse(Corpus.text(KMEMLEAK));
    }

    static List<OomEvent> ooms() {
        List<OomEvent> out = new ArrayList<>();
        for (String f : OOM_LOGS) {
            List<LogRecord> records = new ArrayList<>();
            try {
                SavedLogReader.read(new ByteArrayInputStream(Corpus.bytes(f)), records::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.addAll(OomParser.parseAll(records));
        }
        return out;
    }

    static Snapshot lab() {
        try {
            Sample sample = new Sample(Instant.parse("2026-11-26T01:45:12Z"), 1234.56,
                    SlabinfoParser.parse(Corpus.text("slabinfo/slabinfo.2-final.txt")),
                    MeminfoParser.parse(Corpus.text("slabinfo/meminfo.2-final.txt")),
                    Map.of("slabinfo", SourceState.OK, "meminfo", SourceState.OK));
            return Snapshot.of(new Identity("kmemlab", "6.1.192-kmemlab", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10", 4096),
                    sample, n -> n.startsWith("kmalloc")
                            ? new CacheAttrs(null, List.of(":0000" + n.length()), false)
                            : CacheAttrs.UNKNOWN,
                    "/", "ok", kmemleak(), ooms());
        } catch (dev.kleaktop.source.parse.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] labBytes() { return SnapshotCodec.encode(lab()); }
}
