package dev.kleaktop.source.kmsg;

import dev.kleaktop.source.FileRefusedException;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.source.parse.UptimeParser;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What opening {@code dev/kmsg} needs to know besides the device: why it was refused (with
 * {@code dmesg_restrict} and missing root spelled out), whether this process is root, and the
 * boot time that turns a record's uptime into a wall time.
 */
final class KmsgAccess {
    private KmsgAccess() {}

    /** Why opening failed, with dmesg_restrict and missing root spelled out. */
    static SourceException denied(KernelFs fs, IOException e, boolean root) {
        SourceException base = fs.translate(KernelFs.KMSG, e);
        boolean perm = e instanceof AccessDeniedException || "operation not permitted".equals(base.reason());
        if (!perm || root) return base;
        String shown = fs.display(KernelFs.KMSG);
        if ("1".equals(fs.readLine(KernelFs.DMESG_RESTRICT).orElse(""))) {
            return new SourceException(shown, "dmesg_restrict=1: needs root or CAP_SYSLOG",
                    "run as root, or sysctl kernel.dmesg_restrict=0", e);
        }
        return new SourceException(shown, "permission denied (needs root)", "run as root", e);
    }

    /** Clock now minus {@code proc/uptime}; null when the uptime cannot be read. */
    static Instant bootTime(KernelFs fs, Clock clock) {
        Optional<String> up;
        try {
            up = fs.readLine(KernelFs.UPTIME);
        } catch (FileRefusedException e) {
            return null;  // on the reader thread: the sampler, reading the same file, reports it
        }
        if (up.isEmpty()) return null;
        Double s = UptimeParser.parse(up.get());
        return s == null ? null : clock.instant().minusNanos(Math.round(s * 1e9));
    }

    /** Effective uid 0, from /proc/self/status (this process, not the --root tree). */
    static boolean isRoot() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    String[] f = l.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
