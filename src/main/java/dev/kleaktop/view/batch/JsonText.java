package dev.kleaktop.view.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.store.JsonOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The one json encoder of the outputs: jackson-jr over {@link JsonOutput}'s factory (its
 * escapes), nulls kept, one line per document. Large documents are streamed: a
 * {@link #generator} writes straight to the output and {@link #value} puts each part where
 * the generator stands, encoded exactly as {@link #write} would encode it inside a document.
 */
public final class JsonText {
    private static final JSON JSON_STD = JSON.builder(JsonOutput.FACTORY)
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES)
            // a streamed document is flushed once, at its end, not after each of its parts
            .disable(JSON.Feature.FLUSH_AFTER_WRITE_VALUE)
            .build();

    private JsonText() {}

    public static String write(Object doc) {
        try {
            return JSON_STD.asString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generator writing to {@code out} that leaves {@code out} open when closed (closing it
     * flushes what it holds). One per document: a generator separates the documents it
     * writes with a blank, where the outputs put a newline.
     */
    public static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = JsonOutput.FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    /** Writes a map, list, string, number, boolean or null where {@code g} stands. */
    public static void value(JsonGenerator g, Object v) throws IOException {
        JSON_STD.write(v, g);
    }

    /** Writes {@code "name":value} into the object {@code g} is in. */
    public static void field(JsonGenerator g, String name, Object v) throws IOException {
        g.writeFieldName(name);
        value(g, v);
    }
}
