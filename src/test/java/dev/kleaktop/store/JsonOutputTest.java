package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.TwoTrees;
import dev.kleaktop.view.batch.JsonText;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DEL and the C1 controls (U+007F-U+009F) leave every json kleaktop writes escaped (backslash-u): a
 * terminal acts on raw C1 (U+009B is CSI) when the json is shown; they read back unchanged.
 */
class JsonOutputTest {
    /** DEL, NEL, CSI and OSC around a plain name. */
    static final String NAME = "del\u007f nel\u0085 csi\u009b[2J osc\u009d0;x\u009c end";
    static final String ESCAPED = "del\\u007F nel\\u0085 csi\\u009B[2J osc\\u009D0;x\\u009C end";

    @TempDir
    Path dir;

    /** No character from U+007F to U+009F written raw. */
    static void assertNoRawDelOrC1(String json) {
        assertThat(json.chars().filter(c -> c >= 0x7f && c <= 0x9f).count()).as(json).isZero();
    }

    @Test
    void theOutputsEncoderEscapesDelAndC1WholeAndStreamed() throws Exception {
        String whole = JsonText.write(Map.of("name", NAME));
        assertThat(whole).isEqualTo("{\"name\":\"" + ESCAPED + "\"}");
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonText.generator(out)) {
            g.writeStartObject();
            JsonText.field(g, "name", NAME);
            g.writeEndObject();
        }
        assertThat(out.toString()).isEqualTo(whole);
        // what JSON already required is unchanged: C0 as \\u00XX, the rest of Latin-1 raw
        assertThat(JsonText.write(List.of("\u001b\u00a0\u00e9"))).isEqualTo("[\"\\u001B\u00a0\u00e9\"]");
        assertThat(JSON.std.listFrom(whole.replace("{\"name\":", "[").replace("}", "]"))).containsExactly(NAME);
    }

    @Test
    void aSnapshotFileEscapesThemAndReadsBackTheSameName() throws Exception {
        Sample sample = new Sample(Instant.parse("2026-11-26T01:45:12Z"), 12.5,
                new SlabInfo("2.1", List.of(new SlabCache(CacheId.of(NAME), 1, 1, 64, 64, 1, 0, 0, 0, 1, 1, 0)), false),
                new MemInfo(Map.of("Slab", 4L)), Map.of("slabinfo", SourceState.OK, "meminfo", SourceState.OK));
        Snapshot s = Snapshot.of(new Identity("h\u0085st", "6.1", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10", 4096),
                sample, n -> CacheAttrs.UNKNOWN, "/", "ok", KmemleakReport.EMPTY, List.of());
        String json = new String(SnapshotCodec.encode(s), StandardCharsets.UTF_8);
        assertNoRawDelOrC1(json);
        assertThat(json).contains("\"name\" : \"" + ESCAPED + "\"").contains("\"h\\u0085st\"");
        Snapshot back = SnapshotCodec.decode(SnapshotCodec.encode(s), "x.json");
        assertThat(back.sample().slab().caches().get(0).name()).isEqualTo(NAME);
        assertThat(back.identity().host()).isEqualTo("h\u0085st");
    }

    @Test
    void batchAndDiffJsonOfATreeWithSuchANameEscapeThem() throws Exception {
        Path old = TwoTrees.older(dir.resolve("old")).root();
        Files.writeString(old.resolve("proc/slabinfo"), TwoTrees.line(NAME.replace(' ', '_'), 1, 1, 64, 64, 1, 1),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String escaped = ESCAPED.replace(' ', '_');
        CliRun batch = CliRun.of("-b", "-n", "1", "--root", old.toString(), "--format", "json");
        assertThat(batch.code()).as(batch.err()).isZero();
        assertNoRawDelOrC1(batch.out());
        assertThat(batch.out()).contains("\"name\":\"" + escaped + "\"");

        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThat(CliRun.of("snapshot", "--root", old.toString(), "-o", a.toString()).code()).isZero();
        assertThat(CliRun.of("snapshot", "--root", TwoTrees.newer(dir.resolve("new")).root().toString(), "-o",
                b.toString()).code()).isZero();
        String file = Files.readString(a);
        assertNoRawDelOrC1(file);
        assertThat(file).contains(escaped);
        CliRun diff = CliRun.of("diff", a.toString(), b.toString(), "--format", "json");
        assertThat(diff.code()).as(diff.err()).isZero();
        assertNoRawDelOrC1(diff.out());
        assertThat(diff.out()).contains("\"name\":\"" + escaped + "\"");
    }

    @Test
    void oomJsonOfAVictimWithSuchACommEscapesIt() throws Exception {
        String log = dev.kleaktop.testing.Corpus.text("oom/lkml-cgroups-mhocko-5.2-rc7-memcg-v1-reaper.log")
                .replace("(leaker)", "(leak\u009b\u007fer)");
        Path f = dir.resolve("kern.log");
        Files.writeString(f, log, StandardCharsets.UTF_8);
        CliRun oom = CliRun.of("oom", "--dmesg-file", f.toString(), "--format", "json");
        assertThat(oom.code()).as(oom.err()).isZero();
        assertNoRawDelOrC1(oom.out());
        assertThat(oom.out()).contains("\"victim_comm\":\"leak\\u009B\\u007Fer\"");
    }
}
