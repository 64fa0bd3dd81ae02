package dev.kleaktop.source.kmsg;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.source.parse.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmsgReaderTest {

    private static KernelFs tree(Path root, String corpusFile) throws IOException {
        Path kmsg = root.resolve(KernelFs.KMSG);
        Files.createDirectories(kmsg.getParent());
        Files.copy(Corpus.path(corpusFile), kmsg);
        return new KernelFs(root);
    }

    private static List<LogRecord> all(KmsgReader r) {
        List<LogRecord> out = new ArrayList<>();
        KmsgReader.Batch b;
        do {
            b = r.drain();
            out.addAll(b.records());
        } while (!b.records().isEmpty());
        return out;
    }

    @Test
    void capturedTreeIsReadOnceToTheEnd(@TempDir Path root) throws Exception {
        KernelFs fs = tree(root, "lab/run-memcg-v2/kmsg.txt");
        try (KmsgReader r = KmsgReader.open(fs, false, Clock.systemUTC())) {
            KmsgReader.Batch b = r.drain();
            assertThat(b.records()).hasSize(396);
            assertThat(b.lost()).isZero();
            assertThat(b.records().get(395).text()).startsWith("Memory cgroup out of memory: Killed process 257 (memhog)");
            assertThat(b.records()).allSatisfy(x -> assertThat(x.wallTime()).isNull());   // not the live clock
            assertThat(r.ended()).isTrue();
            assertThat(r.lastSeq()).isEqualTo(395);
            assertThat(r.drain().records()).isEmpty();
            assertThat(r.state()).isEqualTo(SourceState.OK);
        }
    }

    @Test
    void capturedNulSeparatedRecordsWithGapsCountAsLost(@TempDir Path root) throws Exception {
        KernelFs fs = tree(root, "kmsg/util-linux-tests-dmesg-cid-kmsg-input-caller-id-EDITED.kmsg");
        try (KmsgReader r = KmsgReader.open(fs, true, null)) {
            KmsgReader.Batch b = r.drain();
            assertThat(b.records()).hasSize(58);
            assertThat(b.records()).noneMatch(x -> x.text().startsWith(" SUBSYSTEM=") || x.text().startsWith(" DEVICE="));
            // the edited file jumps 0..10, 300.. and even steps back (2935 -> 2930): only forward
            // gaps are losses
            long gaps = 0;
            for (int i = 1; i < 58; i++) {
                gaps += Math.max(0, b.records().get(i).seq() - b.records().get(i - 1).seq() - 1);
            }
            assertThat(gaps).isEqualTo(2883);
            assertThat(b.lost()).isEqualTo(gaps);
            assertThat(b.records().get(1).text()).startsWith("Command line: initrd=\\ucode.img");
        }
        KernelFs go = tree(root.resolve("go"), "kmsg/go-kmsg-parser-testdata-sample1.kmsg");
        try (KmsgReader r = KmsgReader.open(go, true, null)) {
            assertThat(r.drain().lost()).isEqualTo(2651 - 1805 - 1);
        }
    }

    @Test
    void missingDeviceAndPermissionReasons(@TempDir Path root) throws Exception {
        KernelFs fs = new KernelFs(root);
        assertThatThrownBy(() -> KmsgReader.open(fs, true, null)).isInstanceOf(SourceException.class)
                .hasMessage("not found");
        Path restrict = root.resolve(KernelFs.DMESG_RESTRICT);
        Files.createDirectories(restrict.getParent());
        Files.writeString(restrict, "1\n");
        IOException denied = new AccessDeniedException(fs.display(KernelFs.KMSG));
        assertThat(KmsgAccess.denied(fs, denied, false).reason()).isEqualTo("dmesg_restrict=1: needs root or CAP_SYSLOG");
        assertThat(KmsgAccess.denied(fs, denied, false).fix()).contains("dmesg_restrict=0");
        IOException eperm = new java.nio.file.FileSystemException(fs.display(KernelFs.KMSG), null,
                "Operation not permitted");
        assertThat(KmsgAccess.denied(fs, eperm, false).reason()).isEqualTo("dmesg_restrict=1: needs root or CAP_SYSLOG");
        Files.writeString(restrict, "0\n");
        assertThat(KmsgAccess.denied(fs, denied, false).reason()).isEqualTo("permission denied (needs root)");
        assertThat(KmsgAccess.denied(fs, denied, true).reason()).isEqualTo("permission denied");
    }

    /** A device that hands out what the test queues; an IOException in the queue is thrown. */
    static final class FakeDevice implements RecordSource {
        final BlockingQueue<Object> next = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public String next() throws IOException {
            try {
                Object o;
                while ((o = next.poll(10, TimeUnit.MILLISECONDS)) == null) {
                    if (closed) throw new java.nio.channels.AsynchronousCloseException();
                }
                if (o instanceof IOException e) throw e;
                return (String) o;
            } catch (InterruptedException e) {
                throw new java.nio.channels.ClosedByInterruptException();
            }
        }

        @Override
        public void close() { closed = true; }
    }

    private static List<LogRecord> drainUntil(KmsgReader r, int n, long[] lost) throws InterruptedException {
        List<LogRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.size() < n && System.nanoTime() < deadline) {
            KmsgReader.Batch b = r.drain();
            out.addAll(b.records());
            lost[0] += b.lost();
            if (b.records().isEmpty()) Thread.sleep(5);
        }
        return out;
    }

    @Test
    void brokenPipeMeansOverwrittenRecordsCountedFromTheGap() throws Exception {
        FakeDevice dev = new FakeDevice();
        KmsgReader r = new KmsgReader(dev, true, true, null, System::nanoTime);
        r.start();
        try {
            dev.next.add("6,100,1000000,-;one");
            dev.next.add("6,101,1000001,-;two");
            dev.next.add(new IOException("Broken pipe"));
            dev.next.add("6,140,2000000,-;after the overrun");
            dev.next.add("garbled record");
            dev.next.add("4,141,2000001,c,caller=T7;next \\x1b");
            long[] lost = {0};
            List<LogRecord> got = drainUntil(r, 4, lost);
            assertThat(got).extracting(LogRecord::seq).containsExactly(100L, 101L, 140L, 141L);
            assertThat(got.get(3).text()).isEqualTo("next \u001b");
            assertThat(lost[0]).isEqualTo(38);
            assertThat(r.state()).isEqualTo(SourceState.OK);
        } finally {
            r.close();
        }
        assertThat(dev.closed).isTrue();
    }

    @Test
    void fromTheEndDropsTheHistory() throws Exception {
        FakeDevice dev = new FakeDevice();
        for (int i = 0; i < 50; i++) dev.next.add("6," + i + "," + i + ",-;history " + i);
        Instant boot = Instant.parse("2026-01-01T00:00:00Z");
        try (KmsgReader r = new KmsgReader(dev, true, false, boot, System::nanoTime)) {
            r.start();
            assertThat(r.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            assertThat(r.lastSeq()).isEqualTo(49);
            dev.next.add("6,50,1500000,-;new one");
            dev.next.add("6,53,2000000,-;new two");
            long[] lost = {0};
            List<LogRecord> got = drainUntil(r, 2, lost);
            assertThat(got).extracting(LogRecord::text).containsExactly("new one", "new two");
            assertThat(got.get(0).wallTime()).isEqualTo("2026-01-01T00:00:01.500Z");
            assertThat(lost[0]).isEqualTo(2);
        }
    }

    @Test
    void fromTheStartDeliversTheHistory() throws Exception {
        FakeDevice dev = new FakeDevice();
        for (int i = 0; i < 5000; i++) dev.next.add("6," + i + ",0,-;h" + i);   // more than the queue holds
        try (KmsgReader r = new KmsgReader(dev, true, true, null, System::nanoTime)) {
            r.start();
            assertThat(r.awaitCaughtUp(Duration.ofSeconds(1))).isTrue();
            long[] lost = {0};
            List<LogRecord> got = drainUntil(r, 5000, lost);
            assertThat(got).hasSize(5000);
            assertThat(lost[0]).isZero();
        }
    }

    @Test
    void aReadErrorBecomesTheState() throws Exception {
        FakeDevice dev = new FakeDevice();
        dev.next.add("6,1,0,-;ok");
        dev.next.add(new IOException("Input/output error"));
        try (KmsgReader r = new KmsgReader(dev, true, true, null, System::nanoTime)) {
            r.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<LogRecord> got = new ArrayList<>();
            while (r.state().ok() && System.nanoTime() < deadline) {
                got.addAll(r.drain().records());
                Thread.sleep(5);
            }
            assertThat(got).hasSize(1);
            assertThat(r.state()).isEqualTo(SourceState.unavailable("Input/output error", ""));
        }
    }

    @Test
    void liveDeviceOpensAndDoesNotBlockTheCaller() throws Exception {
        Path dev = Path.of("/dev/kmsg");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(dev) && KmsgAccess.isRoot(),
                "needs a readable /dev/kmsg (root)");
        try (KmsgReader r = KmsgReader.open(KernelFs.live(), true, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC))) {
            long t0 = System.nanoTime();
            List<LogRecord> got = new ArrayList<>(r.drain().records());
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(1));
            long[] lost = {0};
            if (got.isEmpty()) got.addAll(drainUntil(r, 1, lost));
            assertThat(got).as(r.state().describe()).isNotEmpty();
            assertThat(got.get(0).wallTime()).isNotNull();
        }
    }

    @Test
    void aSinkTakesEveryRecordOnTheReaderThreadAndDrainCountsTheLost() throws Exception {
        FakeDevice dev = new FakeDevice();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant boot = Instant.parse("2026-01-01T00:00:00Z");
        try (KmsgReader r = new KmsgReader(dev, true, true, boot, System::nanoTime, rec -> {
            seen.add(rec.text() + "@" + rec.wallTime());
            threads.add(Thread.currentThread().getName());
        }, Duration.ofHours(1))) {
            r.start();
            dev.next.add("6,10,1000000,-;one");
            dev.next.add("6,11,2000000,-;two");
            dev.next.add(new IOException("Broken pipe"));
            dev.next.add("6,20,3000000,-;after a gap");
            long lost = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((seen.size() < 3 || lost < 8) && System.nanoTime() < deadline) {
                KmsgReader.Batch b = r.drain();
                assertThat(b.records()).isEmpty();
                lost += b.lost();
                Thread.sleep(2);
            }
            // handed over as read; the wall time is asked for when one is shown
            assertThat(seen).containsExactly("one@null", "two@null", "after a gap@null");
            assertThat(r.wallTimeOf(3.0)).isEqualTo("2026-01-01T00:00:03Z");
            assertThat(r.wallTimeOf(null)).isNull();
            assertThat(threads).containsOnly("kleaktop-kmsg");
            assertThat(lost).isEqualTo(8);
        }
        assertThatThrownBy(() -> new KmsgReader(dev, true, false, null, System::nanoTime, x -> { }, SETTLE_FOR_TESTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final Duration SETTLE_FOR_TESTS = Duration.ofMillis(100);

    @Test
    void asleepInTheReadMeansIdleWithoutWaitingForTheSettleTime() throws Exception {
        FakeDevice dev = new FakeDevice();
        for (int i = 0; i < 100; i++) dev.next.add("6," + i + ",0,-;h" + i);
        // a settle time no test would wait for: only the "asleep" signal can make it idle
        try (KmsgReader r = new KmsgReader(dev, true, false, null, System::nanoTime, null, Duration.ofHours(1))) {
            r.asleepWhen(k -> dev.next.isEmpty());
            assertThat(r.idle()).isFalse();
            r.start();
            assertThat(r.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            assertThat(r.lastSeq()).isEqualTo(99);
            assertThat(r.idle()).isTrue();
            dev.next.add("6,100,0,-;new");
            assertThat(drainUntil(r, 1, new long[1])).extracting(LogRecord::text).containsExactly("new");
        }
    }

    @Test
    void quietForTheSettleTimeMeansIdleWhenNoSleepIsSeen() throws Exception {
        FakeDevice dev = new FakeDevice();
        dev.next.add("6,1,0,-;only");
        try (KmsgReader r = new KmsgReader(dev, true, true, null, System::nanoTime, null, Duration.ofMillis(30))) {
            r.asleepWhen(k -> false);
            r.start();
            List<LogRecord> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!r.idle() && System.nanoTime() < deadline) {
                got.addAll(r.drain().records());
                Thread.sleep(5);
            }
            assertThat(r.idle()).isTrue();
            assertThat(got).extracting(LogRecord::text).containsExactly("only");
        }
    }

    @Test
    void theKernelSaysWhenTheReaderSleepsInDevkmsgRead() throws Exception {
        Path dev = Path.of("/dev/kmsg");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(dev) && KmsgAccess.isRoot(),
                "needs a readable /dev/kmsg (root)");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/thread-self")), "needs /proc/thread-self");
        assertThat(HistoryEnd.ownTid()).isPositive();
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        try (KmsgReader r = new KmsgReader(new DeviceSource(new java.io.FileInputStream(dev.toFile()), false),
                true, true, null, System::nanoTime,
                     rec -> n.incrementAndGet(), Duration.ofHours(1))) {
            r.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!r.idle() && System.nanoTime() < deadline) Thread.sleep(2);
            // with an hour of settle time, only the kernel's wchan can have said so
            assertThat(r.idle()).as("idle through wchan " + HistoryEnd.KMSG_WAIT).isTrue();
            assertThat(n.get()).isPositive();
        }
    }

    @Test
    void theHistoryEndsExactlyWhereTheSourceSaysSoAndOnlyNewRecordsFollowFromTheEnd() throws Exception {
        FakeDevice dev = new FakeDevice();
        for (int i = 0; i < 20; i++) dev.next.add("6," + i + ",0,-;old " + i);
        dev.next.add(RecordSource.HISTORY_END);
        try (KmsgReader r = new KmsgReader(dev, true, false, null, System::nanoTime, null, Duration.ofHours(1))) {
            r.asleepWhen(k -> false);
            r.start();
            assertThat(r.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            assertThat(r.idle()).isTrue();
            dev.next.add("6,20,0,-;new");
            assertThat(drainUntil(r, 1, new long[1])).extracting(LogRecord::text).containsExactly("new");
        }
        FakeDevice dev2 = new FakeDevice();
        dev2.next.add("6,1,0,-;a");
        dev2.next.add(RecordSource.HISTORY_END);
        List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KmsgReader r = new KmsgReader(dev2, true, true, null, System::nanoTime, rec -> got.add(rec.text()),
                Duration.ofHours(1))) {
            r.asleepWhen(k -> false);
            r.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!r.idle() && System.nanoTime() < deadline) Thread.sleep(2);
            assertThat(r.idle()).isTrue();
            assertThat(got).containsExactly("a");
        }
    }

    @Test
    void theLiveDeviceTellsTheEndOfItsHistoryAndCloseEndsTheReaderThread() throws Exception {
        Path dev = Path.of("/dev/kmsg");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(dev) && KmsgAccess.isRoot(),
                "needs a readable /dev/kmsg (root)");
        for (boolean nonBlocking : new boolean[] {true, false}) {
            DeviceSource src = new DeviceSource(new java.io.FileInputStream(dev.toFile()), nonBlocking);
            // the build exports sun.nio.ch to the tests as the jar's manifest does to kleaktop
            src.prepare();
            assertThat(src.readsNonBlocking()).isEqualTo(nonBlocking);
            java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
            KmsgReader r = new KmsgReader(src, true, true, null, System::nanoTime, rec -> n.incrementAndGet(),
                    Duration.ofHours(1));
            if (nonBlocking) r.asleepWhen(k -> false);  // only the device's own word may end it
            r.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!r.idle() && System.nanoTime() < deadline) Thread.sleep(2);
            assertThat(r.idle()).as("idle, non-blocking " + nonBlocking).isTrue();
            assertThat(n.get()).isPositive();
            assertThat(src.readsNonBlocking()).isFalse();  // blocking (and interruptible) from here on
            // the reader now waits in the kernel; close must end it (a thread left in a native
            // read would hold up the JVM's exit)
            r.close();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (r.readerAlive() && System.nanoTime() < until) Thread.sleep(5);
            assertThat(r.readerAlive()).as("reader thread ended, non-blocking " + nonBlocking).isFalse();
        }
    }
}
