package dev.kleaktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.testing.CliRun;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures are said in words, naming the file: never a Java exception's class name. */
class FailureWordsTest {
    @TempDir
    Path dir;

    Path snap;

    @BeforeEach
    void snapshot() {
        Path tree = new Trees(dir.resolve("tree")).identity("kmemlab", "6.1.192-kmemlab", "0d4b1a4e-6c55-4d7c-9c1b-8b2f0c6f2a10")
                .file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt")).root();
        snap = dir.resolve("a.json");
        CliRun r = CliRun.of("snapshot", "--root", tree.toString(), "-o", snap.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** The snapshot with its time replaced. */
    Path withTime(String name, String time) throws Exception {
        Map<String, Object> doc = JSON.std.mapFrom(Files.readAllBytes(snap));
        doc.put("time", time);
        Path f = dir.resolve(name);
        Files.write(f, JSON.builder().enable(JSON.Feature.WRITE_NULL_PROPERTIES).build().asBytes(doc));
        return f;
    }

    @Test
    void aSnapshotTimeTooFarAwayNamesTheFile() throws Exception {
        Path far = withTime("far.json", "+999999999-12-31T23:59:59Z");
        for (String[] args : new String[][] {{"diff", snap.toString(), far.toString()}, {"diff", far.toString(), snap.toString()},
                {"diff", far.toString(), "--root", dir.resolve("tree").toString()}, {"diff", snap.toString(), far.toString(), "--format", "json"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo("kleaktop: " + far
                    + ": time: out of range (years 1970 to 9999), found string \"+999999999-12-31T23:59:59Z\"\n");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void snapshotsCenturiesApartStillCompare() throws Exception {
        // past 292 years a Duration no longer fits in nanoseconds
        Path late = withTime("late.json", "9999-12-31T23:59:59Z");
        CliRun r = CliRun.of("diff", snap.toString(), late.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("{");
    }

    @Test
    void anUnforeseenFailureIsSaidInWords() {
        assertThat(Main.unexpected(new ArithmeticException("long overflow"), false))
                .isEqualTo("unexpected failure: long overflow (--debug shows where)");
        assertThat(Main.unexpected(new NullPointerException(), true)).isEqualTo("unexpected failure");
        assertThat(Main.unexpected(new java.io.UncheckedIOException(new java.io.IOException("Input/output error")), false))
                .isEqualTo("unexpected failure: Input/output error (--debug shows where)");
    }
}
