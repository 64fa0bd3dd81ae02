package dev.kleaktop.export;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the HTTP server tells about the connections it closed early: anyone who can connect
 * can make such events by the thousand, so they are counted and told in one line on stderr,
 * at most one a minute (the first at once), never as a stack trace. Only the server's
 * thread calls it.
 */
final class DroppedConnections {
    static final long PERIOD_NANOS = 60_000_000_000L;

    /** Why a connection was closed before its answer was complete. */
    enum Reason {
        HEAD_TIMEOUT, NOT_HTTP, HEAD_TOO_LARGE, WENT_AWAY, WRITE_TIMEOUT, OVER_LIMIT, FAILED
    }

    private final PrintWriter err;
    private final ServerLimits limits;
    private final long[] counts = new long[Reason.values().length];
    private long pending;
    private long lastReport;
    private boolean reported;

    DroppedConnections(PrintWriter err, ServerLimits limits) {
        this.err = err;
        this.limits = limits;
    }

    void count(Reason reason, long nowNanos) {
        counts[reason.ordinal()]++;
        pending++;
        flush(nowNanos);
    }

    /** Prints what was counted, unless a line was printed less than a minute ago. */
    void flush(long nowNanos) {
        if (pending == 0 || reported && nowNanos - lastReport < PERIOD_NANOS) return;
        List<String> parts = new ArrayList<>();
        for (Reason r : Reason.values()) {
            long n = counts[r.ordinal()];
            if (n > 0) parts.add(n + " " + describe(r));
        }
        err.println("kleaktop: export: closed " + pending + (pending == 1 ? " client connection" : " client connections")
                + (reported ? " in the last minute" : "") + ": " + String.join(", ", parts)
                + " (told at most once a minute)");
        err.flush();
        java.util.Arrays.fill(counts, 0);
        pending = 0;
        lastReport = nowNanos;
        reported = true;
    }

    private String describe(Reason r) {
        return switch (r) {
            case HEAD_TIMEOUT -> "sent no complete request within " + seconds(limits.headTimeoutMs());
            case NOT_HTTP -> "not HTTP/1 (TLS or other bytes)";
            case HEAD_TOO_LARGE -> "sent a request head over " + limits.headBytes() + " bytes";
            case WENT_AWAY -> "went away before the answer was sent";
            case WRITE_TIMEOUT -> "did not take the answer within " + seconds(limits.writeTimeoutMs());
            case OVER_LIMIT -> "oldest closed to admit new ones (limit " + limits.maxConnections() + " open)";
            case FAILED -> "failed on the server";
        };
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
