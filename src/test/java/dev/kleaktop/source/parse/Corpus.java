package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.source.SavedLogReader;
import dev.kleaktop.source.SourceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus (see {@link dev.kleaktop.testing.Corpus}, which finds and reads its files) as the
 * log parsers' tests want it: directories of files, saved logs as records, OOM events.
 */
public final class Corpus {
    private Corpus() {}

    public static Path path(String rel) { return dev.kleaktop.testing.Corpus.path(rel); }

    /** Every file of a corpus directory, sorted by name. */
    public static List<Path> files(String dir) {
        try (Stream<Path> s = Files.list(path(dir))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A saved log read the way {@code --dmesg-file} reads it. */
    public static List<LogRecord> records(Path file) {
        List<LogRecord> out = new ArrayList<>();
        try {
            SavedLogReader.read(file, out::add);
        } catch (SourceException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static List<LogRecord> records(String rel) { return records(path(rel)); }

    public static List<OomEvent> oom(String rel) { return OomParser.parseAll(records(rel)); }

    public static String text(String rel) { return dev.kleaktop.testing.Corpus.text(rel); }
}
