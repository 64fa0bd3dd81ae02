package dev.kleaktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
/**
 * The export's session: the kernel log read from its end (a captured file whole) with kills
 * counted from the start, kmemleak read in the background (at start, on the log's notices),
 * all through the one collector.
 */
class ExportFollowingTest {
    static final String KMSG = "lab/run-memcg-v2/kmsg.txt";

    @TempDir
    Path dir;

    final StringWriter errText = new StringWriter();
    final PrintWriter err = new PrintWriter(errText, true);

    static Frame await(Collector c, Predicate<Frame> ok) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Frame f;
        while (!ok.test(f = c.refresh()) && System.nanoTime() < deadline) Thread.sleep(10);
        return f;
    }

    Collector export(TestClock clock) { return SessionConfig.export(new KernelFs(dir), clock, 60).open(); }

    @Test
    void countsTheLabsMemcgKillAndRereadsKmemleakWhenTheLogSaysSo() throws Exception {
        StringBuilder log = new StringBuilder();
        int seq = 0;
        // a drain takes at most 10,000 records: the lab's log (its kill, then the kernel's notice
        // of new suspects) comes in the second refresh
        for (; seq < 10_000; seq++) log.append(record(seq, "filler " + seq));
        for (String l : Corpus.text(KMSG).lines().toList()) log.append(record(seq++, text(l)));
        Trees t = new Trees(dir).file("dev/kmsg", log.toString())
                .file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt"));
        try (Collector c = export(new TestClock())) {
            Frame first = c.refresh();
            assertThat(first.kmemleak().state()).isEqualTo(SourceState.OK);
            assertThat(first.kmemleak().count()).isEqualTo(5L);
            assertThat(first.log().kills()).isZero();

            // the kernel's next scan found 742 more; its log says so, and that triggers a read
            t.file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.txt"));
            Frame second = c.refresh();
            assertThat(second.sources().get("kmsg")).isEqualTo(SourceState.OK);
            // the kill is the log's last record: still pending in the parser, counted now
            assertThat(second.log().memcg()).isEqualTo(1);
            assertThat(second.log().global()).isZero();
            assertThat(second.log().leakNotices()).isEqualTo(2);   // the lab kernel said so twice: 5, then 742 new
            assertThat(await(c, f -> Long.valueOf(747).equals(f.kmemleak().count())).kmemleak().count()).isEqualTo(747L);
            assertThat(c.refresh().log().kills()).isEqualTo(1);
        }
        assertThat(errText.toString()).isEmpty();
    }

    @Test
    void aKillPendingAtTheEndOfOnePollIsNotCountedAgainWhenFinished() {
        List<String> lab = Corpus.text(KMSG).lines().toList();
        String constraint = lab.stream().filter(l -> l.contains(";oom-kill:constraint=")).findFirst().orElseThrow();
        String kill = lab.stream().filter(l -> l.contains("Killed process 257")).findFirst().orElseThrow();
        StringBuilder log = new StringBuilder();
        int seq = 0;
        // a drain takes at most 10,000 records: fill the first one up to the kill line
        for (; seq < 10_000 - 4; seq++) log.append(record(seq, "filler " + seq));
        log.append(record(seq++, text(constraint).replace("CONSTRAINT_MEMCG", "CONSTRAINT_NONE")
                .replace("oom_memcg=/oomtest,", "")));
        log.append(record(seq++, text(kill).replace("Memory cgroup out of memory:", "Out of memory:")));
        log.append(record(seq++, text(constraint)));
        log.append(record(seq++, text(kill).replace("257 (memhog)", "258 (memhog2)")));
        // then more than the parser's reaper window, which finishes the second kill
        for (int i = 0; i < 600; i++, seq++) log.append(record(seq, "filler " + seq));
        new Trees(dir).file("dev/kmsg", log.toString());
        try (Collector c = export(new TestClock())) {
            Frame first = c.refresh();
            assertThat(first.log().global()).isEqualTo(1);   // finished by the next report
            assertThat(first.log().memcg()).isEqualTo(1);    // pending at the end of the drain
            Frame second = c.refresh();
            assertThat(second.log().global()).isEqualTo(1);
            assertThat(second.log().memcg()).isEqualTo(1);   // emitted now, but already counted
            assertThat(second.kmemleak().state().describe()).isEqualTo("not in the captured tree");
        }
    }

    @Test
    void missingSourcesAreStatesAndTheLogIsRetried() {
        try (Collector c = export(new TestClock())) {
            Frame f = c.refresh();
            assertThat(f.sources().get("kmsg").ok()).isFalse();
            assertThat(f.sources().get("kmsg").describe()).contains("not found");
            assertThat(f.log().everRead()).isFalse();
            assertThat(f.kmemleak().count()).isNull();

            new Trees(dir).file("dev/kmsg", Corpus.text(KMSG));
            Frame again = c.refresh();
            assertThat(again.sources().get("kmsg")).isEqualTo(SourceState.OK);
            assertThat(again.log().everRead()).isTrue();
        }
    }

    @Test
    void recordsLostToAFloodAreReportedOnceAndKillsAfterThemStillCount() {
        List<String> lab = Corpus.text(KMSG).lines().toList();
        StringBuilder log = new StringBuilder();
        for (int seq = 0; seq < 10; seq++) log.append(record(seq, "before " + seq));
        // sequence numbers 10..41 were overwritten before they could be read (EPIPE)
        int seq = 42;
        for (String l : lab.subList(lab.size() - 2, lab.size())) log.append(record(seq++, text(l)));
        new Trees(dir).file("dev/kmsg", log.toString());
        try (Collector c = export(new TestClock())) {
            Frame f = c.refresh();
            assertThat(f.log().memcg()).isEqualTo(1);
            assertThat(f.log().lost()).isEqualTo(32);   // the export says so on stderr (ExporterTest)
            assertThat(f.sources().get("kmsg")).isEqualTo(SourceState.OK);
            assertThat(c.refresh().log().lost()).isEqualTo(32);
        }
    }

    @Test
    void eachKillCountsOnceHoweverMuchOfItsReportTheLogKeptAndAReportWithoutAVictimNotAtAll() {
        // the VM's real memcg report (raw /dev/kmsg records), whole, then cut in three ways
        List<String> vm = Corpus.text("kmsg/kleaktop-vm-6.18.44-memcg-v1-tail-report.kmsg").lines()
                .filter(l -> !l.startsWith(" ")).toList();
        String header = vm.stream().filter(l -> l.contains(" invoked oom-killer:")).findFirst().orElseThrow();
        String oomKill = vm.stream().filter(l -> l.contains(";oom-kill:")).findFirst().orElseThrow();
        StringBuilder log = new StringBuilder();
        int seq = 0;
        for (String l : vm) log.append(record(seq++, text(l)));          // header, oom-kill:, Killed process: one kill
        log.append(record(seq++, text(header)));                         // a header alone: no victim, no kill
        log.append(record(seq++, text(header)));                         // a header and its oom-kill: line,
        log.append(record(seq++, text(oomKill)));                        //   the Killed process line lost: one kill
        log.append(record(seq++, text(header)));                         // no killable processes: no kill
        log.append(record(seq++, "Out of memory and no killable processes..."));
        new Trees(dir).file("dev/kmsg", log.toString());
        try (Collector c = export(new TestClock())) {
            Frame f = c.refresh();
            assertThat(f.log().memcg()).isEqualTo(2);
            assertThat(f.log().global()).isZero();
            assertThat(c.refresh().log().kills()).isEqualTo(2);
        }
    }

    static String text(String kmsgLine) { return kmsgLine.substring(kmsgLine.indexOf(';') + 1); }

    static String record(int seq, String text) { return "6," + seq + "," + (1_000_000L + seq * 1000L) + ",-;" + text + "\n"; }
}
