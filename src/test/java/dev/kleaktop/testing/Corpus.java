package dev.kleaktop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real kernel output copied byte-exact from ../shared/corpus into src/test/resources/corpus. */
public final class Corpus {
    private Corpus() {}

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** Where a corpus file is on disk, for code that reads files itself. */
    public static java.nio.file.Path path(String path) {
        java.net.URL u = Corpus.class.getResource("/corpus/" + path);
        if (u == null) throw new IllegalArgumentException("no corpus file " + path);
        try {
            return java.nio.file.Path.of(u.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + path)) {
            if (in == null) throw new IllegalArgumentException("no corpus file " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
