package dev.kleaktop.source.parse;

import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.source.SavedLogReader;
import dev.kleaktop.source.SourceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real kernel output copied into src/test/resources/corpus, found on the class path. */
public final class Corpus {
    private Corpus() {}

    public static Path path(String rel) {
        URL u = Corpus.class.getResource("/corpus/" + rel);
        if (u == null) throw new IllegalArgumentException("no corpus file " + rel);
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

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

    public static String text(String rel) {
        try {
            return Files.readString(path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
