package dev.kleaktop.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A snapshot directory as the {@code D} key's list shows it: its snapshots newest first, each
 * known from the head of its file (time, host, kernel) without loading the rest. Loading and
 * saving are {@link SnapshotStore}'s.
 */
public final class SnapshotDir {
    private SnapshotDir() {}

    /** Made on first use (a JSON factory costs milliseconds). */
    private static final class Io {
        static final JsonFactory FACTORY = SnapshotCodec.factory();
    }

    /**
     * One file of a snapshot directory, as {@link #list} reads it from the head of the file.
     *
     * @param time    when the snapshot was taken, or null when the file could not be read
     * @param problem why the file is not a usable snapshot, or null when it looks fine
     */
    public record Listing(Path path, Instant time, String host, String kernel, String bootId, long sizeBytes,
                          String problem) {
        public boolean ok() { return problem == null; }
    }

    /**
     * The {@code *.json} files of a snapshot directory, newest first by the time inside. Only
     * the head of each file is read. Files that are not snapshots come last (newest first by
     * modification time) with their problem; a missing directory is an empty list.
     */
    public static List<Listing> list(Path dir) throws SnapshotException {
        List<Listing> out = new ArrayList<>();
        if (!Files.exists(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || !Files.isRegularFile(p)) continue;
                out.add(head(p));
            }
        } catch (NotDirectoryException e) {
            throw new SnapshotException(dir.toString(), "not a directory", e);
        } catch (IOException e) {
            throw SnapshotStore.failure(dir, e);
        }
        // Snapshots newest first; files that are not snapshots after them, newest first too.
        out.sort(Comparator.comparing((Listing l) -> !l.ok())
                .thenComparing(Comparator.comparing(SnapshotDir::sortTime).reversed())
                .thenComparing(l -> l.path().getFileName().toString(), Comparator.reverseOrder()));
        return out;
    }

    private static Instant sortTime(Listing l) {
        if (l.time() != null) return l.time();
        try {
            return Files.getLastModifiedTime(l.path()).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** Reads the identity fields at the head of a file without loading the rest. */
    static Listing head(Path p) {
        long size = -1;
        String format = null, host = null, kernel = null, bootId = null, timeText = null;
        Object version = null;
        try (JsonParser jp = Io.FACTORY.createParser(Files.newInputStream(p))) {
            size = Files.size(p);
            if (jp.nextToken() != JsonToken.START_OBJECT) return bad(p, size, "not a kleaktop snapshot");
            int wanted = 7;
            while (wanted > 0 && jp.nextToken() == JsonToken.FIELD_NAME) {
                String field = jp.currentName();
                JsonToken t = jp.nextToken();
                String text = t == JsonToken.VALUE_STRING ? jp.getText() : null;
                Object number = t != null && t.isNumeric() ? jp.getNumberValue() : null;
                jp.skipChildren();
                switch (field) {
                    case "format" -> { format = text; wanted--; }
                    case "version" -> { version = number != null ? number : text; wanted--; }
                    case "time" -> { timeText = text; wanted--; }
                    case "host" -> { host = text; wanted--; }
                    case "kernel" -> { kernel = text; wanted--; }
                    case "boot_id" -> { bootId = text; wanted--; }
                    case "uptime_s" -> wanted--;
                    default -> { }
                }
            }
        } catch (IOException e) {
            return bad(p, size, "unreadable: " + (e instanceof FileSystemException f && f.getReason() != null
                    ? f.getReason() : SnapshotCodec.clean(e.getMessage())));
        }
        if (!SnapshotCodec.FORMAT.equals(format)) return bad(p, size, "not a kleaktop snapshot");
        if (!(version instanceof Integer v) || v < 1 || v > SnapshotCodec.VERSION) {
            return bad(p, size, "unsupported snapshot version " + version);
        }
        Instant time;
        try {
            time = timeText == null ? null : Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            time = null;
        }
        if (time == null) return bad(p, size, "no valid time");
        return new Listing(p, time, host, kernel, bootId, size, null);
    }

    private static Listing bad(Path p, long size, String problem) {
        return new Listing(p, null, null, null, null, size, problem);
    }
}
