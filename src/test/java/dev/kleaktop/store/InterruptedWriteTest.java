package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.kleaktop.testing.ChildJvm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 18: {@code snapshot -o X --force} interrupted by a signal in the middle of
 * its write must not leave its full-size hidden temporary file behind (it used to stay until
 * a later write swept it, an hour on). A real JVM, real signals, real shutdown.
 */
@Timeout(120)
class InterruptedWriteTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT,2", "TERM,15", "HUP,1"})
    void aSignalDuringAForcedWriteRemovesTheTemporaryFileAndKeepsTheOldOne(String signal, int number) throws Exception {
        assumeFalse(ignoredHere(number), "SIG" + signal + " is ignored by this test JVM, so by its children too");
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path target = Files.writeString(out.resolve("x.json"), "the old snapshot");
        Path ready = tmp.resolve("ready");
        Process p = ChildJvm.startMain(tmp, SlowWriteMain.class.getName(), target.toString(), ready.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(Files.exists(ready)).as(ChildJvm.stderr(tmp)).isTrue();
            Path temp = Path.of(Files.readString(ready));
            // mid-write: the whole snapshot is in the hidden temporary file
            assertThat(temp.getParent()).isEqualTo(out);
            assertThat(temp.getFileName().toString()).matches("\\.x\\.json\\.[0-9]+\\.tmp");
            assertThat(Files.size(temp)).isEqualTo(Fixtures.labBytes().length);

            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIG" + signal).isTrue();
            assertThat(p.exitValue()).isEqualTo(128 + number);
            assertThat(names(out)).containsExactly("x.json");
            assertThat(Files.readString(target)).isEqualTo("the old snapshot");
        } finally {
            ChildJvm.stop(p, 5_000);
        }
    }

    /** Whether this JVM ignores the signal (SigIgn in /proc/self/status): a child would inherit that. */
    static boolean ignoredHere(int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) return new BigInteger(line.substring(7).strip(), 16).testBit(signal - 1);
        }
        return false;
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
