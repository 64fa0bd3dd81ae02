package dev.kleaktop.source;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.source.parse.LogLineParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a saved kernel log ({@code --dmesg-file}): {@code dmesg} with any of its time
 * formats, {@code journalctl -k}, syslog, or raw /dev/kmsg records. Streams line by line
 * through {@link LogLineParser}, so a file of any size is read in bounded memory, and hands
 * each record to a consumer. Lines are not joined: journalctl's indented continuation lines
 * become records of their own with no time, which is what the parsers downstream expect.
 * The dictionary lines of raw kmsg records ({@code  SUBSYSTEM=...}) are metadata and are
 * dropped, and so are empty lines. Invalid UTF-8 is replaced, never an error. Blocks on I/O: call it off the UI thread.
 */
public final class SavedLogReader {
    /** Longer lines are cut; no kernel message comes near this. */
    static final int MAX_LINE = 64 * 1024;

    /**
     * What one read saw.
     *
     * @param lines     lines read
     * @param records   records handed to the consumer
     * @param cutLines  lines longer than the limit, cut
     */
    public record Result(long lines, long records, long cutLines) {}

    private SavedLogReader() {}

    /** Reads {@code file} to the end; the error names the file and what to do. */
    public static Result read(Path file, Consumer<LogRecord> sink) throws SourceException {
        return withFile(file, in -> read(in, sink));
    }

    /**
     * Streams the lines of a saved kmemleak report (or a kernel log holding one) into
     * {@code sink}, with the same limits and errors as a saved log.
     */
    public static void readLines(Path file, Consumer<String> sink) throws SourceException {
        withFile(file, in -> {
            LineReader lines = new LineReader(in, 16 * 1024, false);
            String l;
            while ((l = lines.next()) != null) sink.accept(l);
            return null;
        });
    }

    private interface StreamBody<T> {
        T apply(InputStream in) throws IOException;
    }

    private static <T> T withFile(Path file, StreamBody<T> body) throws SourceException {
        if (Files.isDirectory(file)) {
            throw new SourceException(file.toString(), "is a directory", "give the path of a saved file");
        }
        // a FIFO's open waits for a writer forever, and /dev/zero never ends
        String special = file.toFile().isFile() ? null : KernelFs.specialKind(file);
        if (special != null) {
            throw new SourceException(file.toString(), "not a regular file (" + special + ")",
                    "give the path of a saved file");
        }
        try (InputStream in = open(file)) {
            return body.apply(in);
        } catch (NoSuchFileException e) {
            throw new SourceException(file.toString(), "not found", "", e);
        } catch (AccessDeniedException e) {
            throw new SourceException(file.toString(), "permission denied", "make the file readable", e);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? "read failed" : e.getReason();
            throw new SourceException(file.toString(), reason, "", e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? "read failed" : e.getMessage();
            throw new SourceException(file.toString(), reason, "", e);
        }
    }

    /** Non-blocking where the JVM lets us: a file swapped for a FIFO after the check above must not hold the open. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = NonBlockingOpen.read(file);
        return in != null ? in : Files.newInputStream(file);
    }

    /** Reads a stream to the end (standard input, a decompressed file...). Does not close it. */
    public static Result read(InputStream in, Consumer<LogRecord> sink) throws IOException {
        LineReader lr = new LineReader(in, MAX_LINE, true);
        long lines = 0;
        long records = 0;
        boolean afterKmsg = false;
        String line;
        while ((line = lr.next()) != null) {
            lines++;
            // empty lines carry nothing (NUL-separated kmsg captures leave one between records)
            if (line.isEmpty() || (afterKmsg && isKmsgDictionary(line))) continue;
            LogRecord r = LogLineParser.parse(line);
            afterKmsg = r.seq() >= 0;
            sink.accept(r);
            records++;
        }
        return new Result(lines, records, lr.cutLines());
    }

    /** {@code " KEY=value"} after a kmsg record: one space, an upper-case key, '='. */
    static boolean isKmsgDictionary(String line) {
        if (line.length() < 3 || line.charAt(0) != ' ') return false;
        int eq = line.indexOf('=');
        if (eq < 2) return false;
        for (int i = 1; i < eq; i++) {
            char c = line.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }
}
