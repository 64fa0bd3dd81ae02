package dev.kleaktop.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs external tools (promtool, prometheus, systemd-analyze) from tests, bounded in time. */
public final class Tools {
    private Tools() {}

    /** The executable on PATH, if there is one. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Exit code and merged stdout/stderr. */
    public record Result(int code, String output) {}

    /** Runs to completion (killed after {@code timeout}), feeding {@code stdin} when not null. */
    public static Result run(List<String> command, Path cwd, String stdin, Duration timeout) {
        try {
            Path log = Files.createTempFile("kleaktop-tool", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                if (cwd != null) pb.directory(cwd.toFile());
                Process p = pb.start();
                try {
                    if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                    p.getOutputStream().close();
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new AssertionError(command + " did not finish in " + timeout);
                    }
                    return new Result(p.exitValue(), Files.readString(log));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                } finally {
                    p.destroyForcibly();
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
