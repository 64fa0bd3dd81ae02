package dev.kleaktop.view.batch;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.app.Frame;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** One json object per refresh, one per line, with SPEC's field names. */
final class JsonWriter implements BatchWriter {
    private final BatchContext ctx;

    JsonWriter(BatchContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(Frame frame, List<CacheRow> rows, boolean first, PrintWriter out) {
        Map<String, Object> doc = FrameJson.toMap(frame, rows, ctx.intervalS());
        try {
            out.println(Json.write(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** The jackson-jr instance every writer shares: keeps nulls, writes no pretty printing. */
    static final class Json {
        private static final JSON JSON_STD = JSON.builder().enable(JSON.Feature.WRITE_NULL_PROPERTIES).build();

        private Json() {}

        static String write(Object o) throws IOException { return JSON_STD.asString(o); }
    }
}
