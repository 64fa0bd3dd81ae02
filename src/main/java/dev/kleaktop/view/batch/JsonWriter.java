package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.app.Frame;
import java.io.PrintWriter;
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
        out.println(JsonText.write(doc));
        out.flush();
    }
}
