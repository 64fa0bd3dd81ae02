package dev.kleaktop.view.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** One json object per refresh, one per line, with SPEC's field names, streamed to {@code out}. */
final class JsonWriter implements BatchWriter {
    private final BatchContext ctx;

    JsonWriter(BatchContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(Frame frame, List<CacheRow> rows, boolean first, PrintWriter out) {
        try (JsonGenerator g = JsonText.generator(out)) {
            FrameJson.write(frame, rows, ctx.intervalS(), ctx.ledger(), g);
        } catch (IOException e) {
            // a PrintWriter never throws; only a bug in encoding could get here
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
