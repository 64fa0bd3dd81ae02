package dev.kleaktop.source.parse;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Random, mangled and truncated input never escapes a parser as an exception. */
class ParserFuzzTest {
    private static final List<String> CORPUS_LINES = corpusLines();

    private static List<String> corpusLines() {
        List<String> out = new ArrayList<>();
        for (String dir : List.of("oom", "kmemleak", "kmsg")) {
            for (Path p : Corpus.files(dir)) out.addAll(Corpus.text(dir + "/" + p.getFileName()).lines().toList());
        }
        out.addAll(Corpus.text("lab/run-memcg-v2/kmsg.txt").lines().toList());
        return out;
    }

    /** Corpus lines, cut at random places and spliced with noise that looks like log syntax. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> corpus = Arbitraries.of(CORPUS_LINES);
        Arbitrary<String> cut = corpus.flatMap(l -> Arbitraries.integers().between(0, l.length())
                .map(i -> l.substring(0, i)));
        Arbitrary<String> noise = Arbitraries.strings().withChars("[]<>(),;:=\\x0123456789abcdef -.\"\u00a0\n\r\t")
                .withCharRange('\u0000', '\u007f').ofMaxLength(80);
        Arbitrary<String> keywords = Arbitraries.of("invoked oom-killer:", "Killed process ", "oom-kill:",
                "oom_reaper: reaped process ", "Unreclaimable slab info:", "unreferenced object ", "  comm \"",
                "  backtrace (crc ", "    [<", "total-vm:", "gfp_mask=", "Task in ", "[ 1.5] ", "6,1,2,-;", "\\x");
        Arbitrary<String> spliced = Arbitraries.oneOf(keywords, noise, cut).list().ofMaxSize(5)
                .map(parts -> String.join("", parts));
        return Arbitraries.frequencyOf(
                Tuple.of(3, corpus), Tuple.of(3, cut),
                Tuple.of(2, noise), Tuple.of(3, spliced),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
    }

    @Property(tries = 2000)
    void lineParserNeverThrows(@ForAll("lines") String line) {
        LogRecord r = LogLineParser.parse(line);
        assertThat(r.text()).isNotNull();
    }

    @Property(tries = 2000)
    void kmsgParserNeverThrows(@ForAll("lines") String line) {
        KmsgRecordParser.parse(line).ifPresent(r -> {
            assertThat(r.seq()).isNotNegative();
            assertThat(r.level()).isBetween(0, 7);
        });
    }

    @Property(tries = 300)
    void oomParserNeverThrows(@ForAll("logs") List<String> log) {
        List<OomEvent> events = new ArrayList<>();
        OomParser p = new OomParser(events::add);
        for (String l : log) p.accept(LogLineParser.parse(l));
        p.pending();
        p.finish();
        assertThat(events).allSatisfy(e -> assertThat(e.unreclaimableSlab()).isNotNull());
    }

    @Property(tries = 300)
    void kmemleakParserNeverThrows(@ForAll("logs") List<String> log) {
        KmemleakParser p = new KmemleakParser(5, null);
        log.forEach(p::accept);
        KmemleakReport r = p.finish();
        assertThat(r.records().size()).isLessThanOrEqualTo(5);
        assertThat(r.groups().stream().mapToLong(g -> g.count()).sum()).isEqualTo(r.recordCount());
    }

    @Provide
    Arbitrary<List<String>> logs() {
        return lines().list().ofMaxSize(60);
    }

    /** Any cut of a real kmemleak report parses, into no more records than the whole. */
    @Property(tries = 200)
    void truncatedKmemleakReports(@ForAll("kmemleakFiles") String text, @ForAll @IntRange(max = 100_000) int at) {
        String cut = text.substring(0, Math.min(at, text.length()));
        KmemleakReport whole = KmemleakParser.parse(text);
        KmemleakReport part = KmemleakParser.parse(cut);
        assertThat(part.recordCount()).isLessThanOrEqualTo(whole.recordCount());
        // no record from a cut header: every one has the address and size the kernel printed
        assertThat(part.records()).allSatisfy(r -> {
            assertThat(r.address()).matches("0x[0-9a-f]+");
            assertThat(r.size()).isPositive();
        });
    }

    @Provide
    Arbitrary<String> kmemleakFiles() {
        List<String> texts = new ArrayList<>();
        for (Path p : Corpus.files("kmemleak")) texts.add(Corpus.text("kmemleak/" + p.getFileName()));
        texts.add(Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt"));
        return Arbitraries.of(texts);
    }

    /**
     * A real report cut anywhere before its first kill line gives at most one event, a partial
     * one that invents nothing of the kill line; cut right after it, the event is there.
     */
    @Property(tries = 300)
    void oomReportCutBeforeItsKillGivesOnePartialEventAtMost(@ForAll("oomFiles") String rel,
                                                            @ForAll @IntRange(max = 10_000) int at) {
        List<LogRecord> recs = Corpus.records(rel);
        int kill = firstKill(recs);
        assertThat(kill).as(rel).isGreaterThanOrEqualTo(0);
        List<LogRecord> cut = recs.subList(0, kill == 0 ? 0 : at % kill);
        List<OomEvent> partial = OomParser.parseAll(cut);
        assertThat(partial).as(rel + " cut at " + cut.size()).hasSizeLessThanOrEqualTo(1);
        for (OomEvent e : partial) {
            assertThat(e.complete()).as(rel + " cut at " + cut.size()).isFalse();
            assertThat(e.missing()).contains(OomEvent.KILLED_PROCESS);
            assertThat(e.totalVmKb()).isNull();
            assertThat(e.anonRssKb()).isNull();
            assertThat(e.reaped()).isNull();
        }
        List<OomEvent> whole = OomParser.parseAll(recs.subList(0, kill + 1));
        assertThat(whole).isNotEmpty();
        assertThat(whole.get(whole.size() - 1).missing()).doesNotContain(OomEvent.KILLED_PROCESS);
    }

    @Example
    void everyKillFileIsUsedByTheTruncationProperty() {
        assertThat(oomFileNames()).hasSize(15);
    }

    @Provide
    Arbitrary<String> oomFiles() {
        return Arbitraries.of(oomFileNames());
    }

    private static List<String> oomFileNames() {
        List<String> names = new ArrayList<>();
        for (Path p : Corpus.files("oom")) {
            String rel = "oom/" + p.getFileName();
            if (firstKill(Corpus.records(rel)) >= 0) names.add(rel);
        }
        names.add("lab/run-memcg-v2/dmesg.txt");
        names.add("lab/run-memcg-v2/kmsg.txt");
        return names;
    }

    private static int firstKill(List<LogRecord> recs) {
        for (int i = 0; i < recs.size(); i++) if (recs.get(i).text().contains("Killed process ")) return i;
        return -1;
    }
}
