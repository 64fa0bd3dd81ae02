package dev.kleaktop.source.kmsg;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.parse.OomParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real memcg OOM kill on this machine, read back through /dev/kmsg. The kill happens only
 * inside a cgroup v1 memory group of 16 MiB made for the test; the child also runs under
 * {@code ulimit -v}, so that even if it never got into the group it could not grow past
 * 256 MiB. The group is removed whatever happens.
 */
@Tag("live")
class LiveOomTest {
    private static final Path MEMCG = Path.of("/sys/fs/cgroup/memory");

    @Test
    void memcgOomKillIsSeenLive() throws Exception {
        Assumptions.assumeTrue(KmsgAccess.isRoot(), "needs root");
        Assumptions.assumeTrue(Files.isRegularFile(MEMCG.resolve("memory.limit_in_bytes")),
                "needs the cgroup v1 memory controller at /sys/fs/cgroup/memory");
        Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/kmsg")), "needs /dev/kmsg");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/usr/bin/tail")),
                "needs /bin/sh and /usr/bin/tail");

        String name = "kleaktop-test-" + ProcessHandle.current().pid();
        Path group = MEMCG.resolve(name);
        Process child = null;
        try (KmsgReader kmsg = KmsgReader.open(KernelFs.live(), false, Clock.systemUTC())) {
            assertThat(kmsg.awaitCaughtUp(Duration.ofSeconds(20))).as("caught up with the history").isTrue();

            Files.createDirectory(group);
            Files.writeString(group.resolve("memory.limit_in_bytes"), "16777216");
            if (Files.exists(group.resolve("memory.memsw.limit_in_bytes"))) {
                Files.writeString(group.resolve("memory.memsw.limit_in_bytes"), "16777216");
            }
            String script = "ulimit -v 262144 || exit 97; "
                    + "echo $$ > " + group.resolve("cgroup.procs") + " || exit 99; "
                    + "grep -q '" + name + "' /proc/self/cgroup || exit 98; "
                    + "exec /usr/bin/tail /dev/zero";
            child = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
            long victim = child.pid();

            List<OomEvent> events = new ArrayList<>();
            OomParser parser = new OomParser(events::add);
            OomEvent found = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (found == null && System.nanoTime() < deadline) {
                for (LogRecord r : kmsg.drain().records()) parser.accept(r);
                List<OomEvent> seen = new ArrayList<>(events);
                parser.pending().ifPresent(seen::add);
                found = seen.stream().filter(e -> e.victimPid() != null && e.victimPid() == victim
                        && e.oomMemcg() != null && e.oomMemcg().contains(name)).findFirst().orElse(null);
                if (found == null) Thread.sleep(20);
            }
            assertThat(kmsg.state().ok()).as(kmsg.state().describe()).isTrue();
            assertThat(found).as("OOM event for pid " + victim + " (child exit " + exitOf(child) + ")").isNotNull();
            assertThat(found.victimComm()).isEqualTo("tail");
            assertThat(found.kind()).isEqualTo("memcg");
            assertThat(found.constraint()).isEqualTo("CONSTRAINT_MEMCG");
            assertThat(found.oomMemcg()).isEqualTo("/" + name);
            assertThat(found.taskMemcg()).isEqualTo("/" + name);
            assertThat(found.triggerComm()).isEqualTo("tail");
            assertThat(found.uptimeS()).isPositive();
            assertThat(found.time()).isNotNull();   // ISO wall time computed for live records
            assertThat(found.anonRssKb()).isPositive();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);   // SIGKILL
        } finally {
            if (child != null) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            removeGroup(group);
        }
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "running" : String.valueOf(p.exitValue());
    }

    private static void removeGroup(Path group) throws Exception {
        if (!Files.isDirectory(group)) return;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                    if (pid.isBlank()) continue;
                    Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(pid.trim()));
                    h.ifPresent(ProcessHandle::destroyForcibly);
                }
                Files.delete(group);
                return;
            } catch (IOException e) {
                Thread.sleep(100);   // the killed tasks may still be exiting
            }
        }
        Files.delete(group);   // last try: let the failure show
    }
}
