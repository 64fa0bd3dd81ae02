package dev.kleaktop.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.source.parse.MeminfoParser;
import dev.kleaktop.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static MemInfo corpus(String rel) throws Exception {
        return MeminfoParser.parse(Files.readString(Corpus.path(rel)));
    }

    private static Map<Ledger, Long> lines(MemInfo m) {
        Map<Ledger, Long> out = new EnumMap<>(Ledger.class);
        for (Ledger l : Ledger.values()) {
            Long kb = l.kb(m);
            if (kb != null) out.put(l, kb);
        }
        return out;
    }

    @Test
    void aRealLabMeminfoSplitsIntoItsLinesAndTheRestIsUnaccounted() throws Exception {
        // the lab guest (6.1, kmemleak on) after its leak module grew a cache
        MemInfo m = corpus("lab-e2e/meminfo.1-after-growth.txt");
        Map<Ledger, Long> l = lines(m);
        assertThat(l.get(Ledger.FREE)).isEqualTo(m.kb("MemFree"));
        assertThat(l.get(Ledger.PAGE_CACHE)).isEqualTo(m.kb("Cached") + m.kb("Buffers") - m.kb("Shmem"));
        assertThat(l.get(Ledger.SLAB_UNRECLAIMABLE)).isEqualTo(m.kb("SUnreclaim")).isPositive();
        assertThat(l.get(Ledger.PAGE_TABLES)).isEqualTo(m.kb("PageTables") + m.kb("SecPageTables"));
        long others = 0;
        for (var e : l.entrySet()) if (e.getKey() != Ledger.UNACCOUNTED) others += e.getValue();
        assertThat(l.get(Ledger.UNACCOUNTED)).isEqualTo(m.memTotalKb() - others);
        // on a real kernel the rest is a few percent of MemTotal, never below zero
        assertThat(l.get(Ledger.UNACCOUNTED)).isPositive().isLessThan(m.memTotalKb() / 10);
    }

    @Test
    void aCurrentKernelsMeminfoCapturedOnThisVmHasEveryLineAndASmallUnaccounted() throws Exception {
        MemInfo m = corpus("vm/meminfo-6.18.txt");
        Map<Ledger, Long> l = lines(m);
        assertThat(l).containsOnlyKeys(Ledger.values());   // 6.18 prints every field the ledger reads
        assertThat(l.get(Ledger.PAGE_TABLES)).isEqualTo(m.kb("PageTables") + m.kb("SecPageTables"));
        assertThat(l.get(Ledger.KERNEL_RECLAIMABLE)).isEqualTo(m.kb("KReclaimable") - m.kb("SReclaimable"));
        assertThat(l.get(Ledger.UNACCOUNTED)).isPositive().isLessThan(m.memTotalKb() / 10);
    }

    @Test
    void anOlderKernelsMeminfoLeavesOutTheLinesItHasNoFieldsFor() {
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("MemTotal", 1000L);
        f.put("MemFree", 600L);
        f.put("Cached", 100L);
        f.put("Buffers", 10L);
        f.put("Slab", 50L);
        f.put("SReclaimable", 20L);
        f.put("SUnreclaim", 30L);
        Map<Ledger, Long> l = lines(new MemInfo(f));
        assertThat(l).doesNotContainKeys(Ledger.ZSWAP, Ledger.PERCPU, Ledger.HUGETLB, Ledger.SHMEM,
                Ledger.KERNEL_RECLAIMABLE, Ledger.USER);
        assertThat(l.get(Ledger.PAGE_CACHE)).isEqualTo(110);   // no Shmem: nothing subtracted
        assertThat(l.get(Ledger.UNACCOUNTED)).isEqualTo(1000 - 600 - 110 - 20 - 30);
        assertThat(Ledger.UNACCOUNTED.kb(MemInfo.empty())).isNull();
        assertThat(Ledger.PAGE_CACHE.formula()).isEqualTo("Cached + Buffers - Shmem");
    }

    @Test
    void theAnalyzerGivesEachLineItsRateAndDeltaAndFlagsASteadilyGrowingKernelLineOnly() {
        Analyzer a = new Analyzer(AnalyzerTest.ID, 60, n -> CacheAttrs.UNKNOWN);
        Analysis last = null;
        // 300 s: the verdict looks back 240 s
        for (int i = 0; i <= 60; i++) {
            Map<String, Long> f = new LinkedHashMap<>();
            f.put("MemTotal", 4_000_000L);
            f.put("MemFree", 3_000_000L - i * 20480L);  // falls by 20 MiB a sample
            f.put("AnonPages", 100_000L + i * 10240L);  // user memory grows: never a suspect
            f.put("SUnreclaim", 50_000L);
            double t = i * 5.0;
            last = a.add(new Sample(AnalyzerTest.T0.plusMillis(Math.round(t * 1000)), t,
                    new SlabInfo("2.1", List.of(), false), new MemInfo(f), Map.of()));
        }
        Map<Ledger, LedgerRow> by = new EnumMap<>(Ledger.class);
        for (LedgerRow r : last.ledger()) by.put(r.line(), r);
        // unaccounted = 4,000,000 - free - anon - slab: grows by 10 MiB a sample, 10 MiB / 5 s
        LedgerRow u = by.get(Ledger.UNACCOUNTED);
        assertThat(u.rateBytesPerS()).isCloseTo(10 * 1024 * 1024 / 5.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(u.deltaBytes()).isEqualTo(600L * 1024 * 1024);
        assertThat(u.leakSuspect()).isTrue();
        assertThat(by.get(Ledger.USER).rateBytesPerS()).isPositive();
        assertThat(by.get(Ledger.USER).leakSuspect()).isFalse();
        assertThat(by.get(Ledger.SLAB_UNRECLAIMABLE).leakSuspect()).isFalse();
        assertThat(by.get(Ledger.SLAB_UNRECLAIMABLE).deltaBytes()).isZero();
        assertThat(u.totalBytes()).isEqualTo(4_000_000L * 1024);
    }

    /**
     * The real test: pipe buffers are pages no meminfo counter names. 4000 pipes with
     * 64 KiB each raise unaccounted by about 250 MB; closing them gives it back.
     */
    @Test
    void pipeBuffersOnThisKernelRaiseUnaccountedAndClosingThemGivesItBack() throws Exception {
        Path meminfo = Path.of("/proc/meminfo");
        assumeTrue(Files.isReadable(meminfo), "needs /proc/meminfo");
        // pages freed lately sit on the per-CPU free lists, counted nowhere, and drain at some
        // 16 MB/s (measured here): start from a settled figure
        long before = settled(meminfo);
        List<Pipe> pipes = new ArrayList<>();
        long filledKb = 0;
        try {
            ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
            for (int i = 0; i < 4000; i++) {
                Pipe p;
                try {
                    p = Pipe.open();
                } catch (java.io.IOException tooMany) {
                    break;   // a lower file limit than the usual: test with what there is
                }
                pipes.add(p);
                p.sink().configureBlocking(false);
                chunk.clear();
                while (chunk.hasRemaining() && p.sink().write(chunk) > 0) { /* fill the pipe */ }
                filledKb += chunk.position() / 1024;
            }
            assumeTrue(filledKb >= 64 * 1024, "could fill only " + filledKb + " kB of pipes");
            long during = unaccountedKb(meminfo);
            // most of what the pipes hold shows as unaccounted (some pages came off the per-CPU
            // lists, which were uncounted already)
            assertThat(during - before).as("unaccounted grew, kB, with %d kB in pipes", filledKb)
                    .isGreaterThan(filledKb / 2);
        } finally {
            for (Pipe p : pipes) {
                p.sink().close();
                p.source().close();
            }
        }
        // the freed pages go through the per-CPU lists too: back within some 20 s
        long after = unaccountedKb(meminfo);
        for (int i = 0; i < 200 && after - before >= filledKb / 4; i++) {
            Thread.sleep(250);
            after = unaccountedKb(meminfo);
        }
        assertThat(after - before).as("unaccounted after closing, kB").isLessThan(filledKb / 4);
    }

    /** Unaccounted once two readings half a second apart differ by less than 4 MB (at most ~40 s). */
    private static long settled(Path meminfo) throws Exception {
        long last = unaccountedKb(meminfo);
        for (int i = 0; i < 80; i++) {
            Thread.sleep(500);
            long now = unaccountedKb(meminfo);
            if (Math.abs(now - last) < 4096) return now;
            last = now;
        }
        return last;
    }

    private static long unaccountedKb(Path meminfo) throws Exception {
        return Ledger.UNACCOUNTED.kb(MeminfoParser.parse(Files.readString(meminfo)));
    }
}
