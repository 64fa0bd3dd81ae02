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

    public static byte[] bytes(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + path)) {
            if (in == null) throw new IllegalArgumentException("no corpus file " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
