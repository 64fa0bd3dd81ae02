package dev.kleaktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.model.OomEvent;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.SavedLogReader;
import dev.kleaktop.source.parse.Corpus;
import dev.kleaktop.source.parse.OomParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLogTest {
    @TempDir
    Path dir;

    @Test
    void awaitHistoryReadsACapturedKmsgFileToItsEndBeforeTheFirstFrame() throws Exception {
        String rel = "lab-e2e/kmsg.txt";
        Path kmsg = dir.resolve(KernelFs.KMSG);
        Files.createDirectories(kmsg.getParent());
        Files.copy(Corpus.path(rel), kmsg);
        List<OomEvent> expected = Corpus.oom(rel);
        assertThat(expected).isNotEmpty();
        try (KernelLog log = KernelLog.kmsg(new KernelFs(dir), null)) {
            assertThat(log.awaitHistory(Duration.ofSeconds(10))).isTrue();
            assertThat(log.events()).extracting(OomEvent::victimPid)
                    .containsExactlyElementsOf(expected.stream().map(OomEvent::victimPid).toList());
            assertThat(log.newSinceStart()).isZero();
        }
    }

    @Test
    void theLiveHistoryIsCompleteAfterAwaitHistoryAndParsedOffTheCallersThread() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/dev/kmsg")) && isRoot(), "needs a readable /dev/kmsg (root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dmesg")) || Files.isExecutable(Path.of("/bin/dmesg")),
                "needs util-linux dmesg for an independent reading");
        try (KernelLog log = KernelLog.kmsg(KernelFs.live(), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            assertThat(log.awaitHistory(Duration.ofSeconds(20))).isTrue();
            List<OomEvent> got = log.events();
            // the same history through another reader and the parser on this thread: dmesg -r
            // prints the raw records the kernel had a moment later (a new OOM report in between
            // would only add to it)
            Path raw = dir.resolve("dmesg.txt");
            Process p = new ProcessBuilder("dmesg", "-r").redirectOutput(raw.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<OomEvent> all = new ArrayList<>();
            OomParser parser = new OomParser(all::add);
            SavedLogReader.read(raw, parser::accept);
            parser.finish();
            List<OomEvent> lastKept = all.subList(Math.max(0, all.size() - KernelLog.MAX_EVENTS), all.size());
            assertThat(got.size()).isEqualTo(Math.min(all.size(), KernelLog.MAX_EVENTS));
            assertThat(got).extracting(OomEvent::victimPid).startsWith(
                    lastKept.stream().map(OomEvent::victimPid).limit(got.size()).toArray(Long[]::new));
            assertThat(log.newSinceStart()).isZero();
            // records are handed over without wall times; the events get theirs
            assertThat(got).allSatisfy(e -> assertThat(e.time()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"));
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(20);
        }
    }

    @Test
    void aOneShotReadThatStopsWaitingBeforeTheReaderCaughtUpSaysSoAndAWholeOneDoesNot() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/dev/kmsg")) && isRoot(), "needs a readable /dev/kmsg (root)");
        try (KernelLog log = KernelLog.kmsgNotStarted(KernelFs.live(), Clock.systemUTC())) {
            // its reader is not started: nothing can catch up within no time at all
            log.readAll(Duration.ZERO);
            assertThat(log.historyCut()).isTrue();
            log.start();
            log.readAll(Duration.ofSeconds(20));
            assertThat(log.historyCut()).isFalse();
        }
        Path kmsg = dir.resolve(KernelFs.KMSG);
        Files.createDirectories(kmsg.getParent());
        Files.copy(Corpus.path("lab-e2e/kmsg.txt"), kmsg);
        try (KernelLog log = KernelLog.kmsg(new KernelFs(dir), null)) {
            assertThat(log.readAll()).isNotEmpty();
            assertThat(log.historyCut()).isFalse();
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
