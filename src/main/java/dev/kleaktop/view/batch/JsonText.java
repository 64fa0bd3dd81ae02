package dev.kleaktop.view.batch;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one json encoder of the outputs: jackson-jr, nulls kept, one line per document. */
public final class JsonText {
    private static final JSON JSON_STD = JSON.builder().enable(JSON.Feature.WRITE_NULL_PROPERTIES).build();

    private JsonText() {}

    public static String write(Object doc) {
        try {
            return JSON_STD.asString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
