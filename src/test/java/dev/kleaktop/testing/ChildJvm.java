package dev.kleaktop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts kleaktop in a separate JVM (same class path as the tests), so that signals, exit
 * codes and shutdown hooks are the real ones. Output goes to files in {@code dir}.
 */
public final class ChildJvm {
    /**
     * As bin/kleaktop and the jar's manifest give them: files are written through their
     * descriptors (store/DirWriter, sun.nio.ch) and opened non-blocking (source/NonBlockingOpen,
     * sun.nio.fs). Also as words for a shell command line.
     */
    public static final List<String> OPENS = List.of("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED");
    public static final String ADD_OPENS = String.join(" ", OPENS);

    private ChildJvm() {}

    public static Process start(Path dir, String... args) {
        return startMain(dir, "dev.kleaktop.cli.Main", args);
    }

    /** As {@link #start}, with another main class of the test class path (a test's own driver). */
    public static Process startMain(Path dir, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd)
                    .redirectOutput(dir.resolve("stdout").toFile())
                    .redirectError(dir.resolve("stderr").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String stderr(Path dir) {
        try {
            return Files.readString(dir.resolve("stderr"));
        } catch (IOException e) {
            return "";
        }
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once something accepts connections on 127.0.0.1:port, false at the deadline or when {@code p} died. */
    public static boolean awaitListening(int port, Process p, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (listening(port)) return true;
            Thread.sleep(50);
        }
        return listening(port);
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if it has not gone within {@code graceMs}. */
    public static void stop(Process p, long graceMs) throws InterruptedException {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        if (!p.waitFor(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
