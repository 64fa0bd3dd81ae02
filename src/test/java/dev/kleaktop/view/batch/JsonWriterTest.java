package dev.kleaktop.view.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.testing.Frames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch json is streamed: each cache reaches the output while the frame is being written. */
class JsonWriterTest {
    @TempDir
    java.nio.file.Path dir;

    private static String write(Frame f, List<CacheRow> rows, StringWriter sink) {
        BatchWriter w = BatchFormat.JSON.writer(new BatchContext(1.5, ZoneOffset.UTC, 0));
        w.write(f, rows, true, new PrintWriter(sink));
        return sink.toString();
    }

    @Test
    void theLineHasSpecsFieldsInOrderWithTheirValues() {
        Frame f = Frames.last(dir);
        List<CacheRow> rows = f.analysis().rows().stream().filter(r -> r.name().equals(Frames.EVIL)).toList();
        String out = write(f, rows, new StringWriter());
        assertThat(out).endsWith(System.lineSeparator()).hasLineCount(1);
        String cache = "{\"name\":\"evil\\u001B[2J\\u001B]0;pwned\\u0007cache\",\"active_objs\":10,\"num_objs\":10,"
                + "\"objsize\":64,\"objperslab\":64,\"pagesperslab\":1,\"active_slabs\":1,\"num_slabs\":1,"
                + "\"size_bytes\":4096,\"active_bytes\":640,\"use_pct\":100,\"growth_bytes_per_s\":0.0,"
                + "\"growth_objs_per_s\":0.0,\"delta_bytes\":0,\"delta_objs\":0,\"reclaimable\":null,\"aliases\":[],"
                + "\"leak_suspect\":false,\"leak_level\":\"none\",\"leak_reason\":\"not growing: its floor did not rise quarter after quarter of the 12s horizon, nor of its newer half\"}";
        assertThat(out.trim()).isEqualTo("{\"time\":\"2026-11-26T00:49:17.480Z\",\"uptime_s\":117.48,"
                + "\"host\":\"kmemlab\",\"kernel\":\"6.1.192-kmemlab\",\"interval_s\":1.5,\"window_s\":10.0,"
                + "\"meminfo\":{\"mem_total_kb\":499536,\"mem_available_kb\":477472,\"slab_kb\":12668,"
                + "\"sreclaimable_kb\":2764,\"sunreclaim_kb\":9904},"
                + "\"caches\":[" + cache + "],"
                + "\"kmemleak\":{\"status\":\"not read\",\"count\":null,\"groups\":[]},\"oom_events\":[],"
                + "\"sources\":{\"slabinfo\":\"ok\",\"meminfo\":\"ok\",\"sysfs_slab\":\"ok\","
                + "\"kmsg\":\"permission denied (run as root)\"}}");
    }

    @Test
    void eachCacheIsWrittenOutBeforeTheLastOneIsRead() throws Exception {
        Frame f = Frames.last(dir);
        List<CacheRow> all = f.analysis().rows();
        List<CacheRow> many = new ArrayList<>();
        while (many.size() < 2000) many.addAll(all);
        StringWriter sink = new StringWriter();
        int[] outWhenLastRead = {-1};
        List<CacheRow> watched = new AbstractList<>() {
            @Override
            public CacheRow get(int i) {
                if (i == many.size() - 1) outWhenLastRead[0] = sink.getBuffer().length();
                return many.get(i);
            }

            @Override
            public int size() { return many.size(); }
        };
        String out = write(f, watched, sink);
        // all but the generator's buffer of the 2,000 caches had gone out: never the whole frame in memory
        assertThat(out.length()).isGreaterThan(500_000);
        assertThat(outWhenLastRead[0]).isGreaterThan(out.length() - 20_000);
        // and the streamed line is the one document the whole-frame encoder would write
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(out.trim())).containsKeys("caches", "sources");
    }
}
