package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LogAndKmemleakEventsTest {
    static final String KMSG = "lab/run-memcg-v2/kmsg.txt";

    @TempDir
    Path dir;

    final StringWriter errText = new StringWriter();
    final PrintWriter err = new PrintWriter(errText, true);

    static KernelEvents.KmemleakCount await(KernelEvents ev, Predicate<KernelEvents.KmemleakCount> ok) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        KernelEvents.KmemleakCount c;
        while (!ok.test(c = ev.kmemleakCount()) && System.nanoTime() < deadline) Thread.sleep(10);
        return c;
    }

    @Test
    void countsTheLabsMemcgKillAndRereadsKmemleakWhenTheLogSaysSo() throws Exception {
        Trees t = new Trees(dir).file("dev/kmsg", Corpus.text(KMSG))
                .file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.scan1.txt"));
        try (LogAndKmemleakEvents ev = new LogAndKmemleakEvents(new KernelFs(dir), new TestClock(), err)) {
            KernelEvents.KmemleakCount first = ev.kmemleakCount();
            assertThat(first.state()).isEqualTo(SourceState.OK);
            assertThat(first.suspects()).isEqualTo(5L);

            // the kernel's next scan found 742 more; its log says so, and that triggers a read
            t.file("sys/kernel/debug/kmemleak", Corpus.text("lab/run-memcg-v2/kmemleak.txt"));
            KernelEvents.OomKills k = ev.pollOomKills();
            assertThat(k.state()).isEqualTo(SourceState.OK);
            // the kill is the log's last record: still pending in the parser, counted now
            assertThat(k.memcg()).isEqualTo(1);
            assertThat(k.global()).isZero();
            assertThat(await(ev, c -> Long.valueOf(747).equals(c.suspects())).suspects()).isEqualTo(747L);

            KernelEvents.OomKills again = ev.pollOomKills();
            assertThat(again.memcg() + again.global()).isZero();
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
        try (LogAndKmemleakEvents ev = new LogAndKmemleakEvents(new KernelFs(dir), new TestClock(), err)) {
            KernelEvents.OomKills first = ev.pollOomKills();
            assertThat(first.global()).isEqualTo(1);   // finished by the next report
            assertThat(first.memcg()).isEqualTo(1);    // pending at the end of the drain
            KernelEvents.OomKills second = ev.pollOomKills();
            assertThat(second.global()).isZero();
            assertThat(second.memcg()).isZero();       // emitted now, but already counted
            assertThat(ev.kmemleakCount().state().describe()).isEqualTo("not in the captured tree");
        }
    }

    @Test
    void missingSourcesAreStatesAndTheLogIsRetried() {
        TestClock clock = new TestClock();
        try (LogAndKmemleakEvents ev = new LogAndKmemleakEvents(new KernelFs(dir), clock, err, Duration.ofMinutes(10))) {
            KernelEvents.OomKills k = ev.pollOomKills();
            assertThat(k.state().ok()).isFalse();
            assertThat(k.state().describe()).contains("not found");
            assertThat(ev.kmemleakCount().suspects()).isNull();

            new Trees(dir).file("dev/kmsg", Corpus.text(KMSG));
            assertThat(ev.pollOomKills().state()).isEqualTo(SourceState.OK);
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
        try (LogAndKmemleakEvents ev = new LogAndKmemleakEvents(new KernelFs(dir), new TestClock(), err)) {
            KernelEvents.OomKills k = ev.pollOomKills();
            assertThat(k.memcg()).isEqualTo(1);
            assertThat(k.state()).isEqualTo(SourceState.OK);
            ev.pollOomKills();
        }
        assertThat(errText.toString()).isEqualTo("kleaktop: export: " + dir.resolve("dev/kmsg")
                + ": 32 records overwritten before they could be read; OOM kills among them are not counted"
                + System.lineSeparator());
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
        try (LogAndKmemleakEvents ev = new LogAndKmemleakEvents(new KernelFs(dir), new TestClock(), err)) {
            KernelEvents.OomKills k = ev.pollOomKills();
            assertThat(k.memcg()).isEqualTo(2);
            assertThat(k.global()).isZero();
            KernelEvents.OomKills again = ev.pollOomKills();
            assertThat(again.memcg() + again.global()).isZero();
        }
    }

    static String text(String kmsgLine) { return kmsgLine.substring(kmsgLine.indexOf(';') + 1); }

    static String record(int seq, String text) { return "6," + seq + "," + (1_000_000L + seq * 1000L) + ",-;" + text + "\n"; }
}
