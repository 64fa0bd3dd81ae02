package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Text;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * RFC 4180 csv: a header once, then one row per cache per refresh, the first column being
 * the refresh's time. Lists (aliases) are joined with spaces; unknown values are empty.
 */
final class CsvWriter implements BatchWriter {
    CsvWriter(BatchContext ctx) {
        // nothing to configure: csv has no header lines
    }

    @Override
    public void write(Frame frame, List<CacheRow> rows, boolean first, PrintWriter out) {
        List<Column> fields = Column.SPEC.csvFields();
        if (first) {
            StringBuilder h = new StringBuilder("time");
            for (Column c : fields) h.append(',').append(c.field());
            out.println(h);
        }
        java.time.Instant when = dev.kleaktop.view.Header.wallTime(frame.analysis());
        // a series of t= stamps has no date: its seconds since boot
        String time = when == null ? String.valueOf(frame.analysis().sample().uptimeS())
                : DateTimeFormatter.ISO_INSTANT.format(when.truncatedTo(ChronoUnit.MILLIS));
        StringBuilder b = new StringBuilder(200);
        for (CacheRow r : rows) {
            b.setLength(0);
            b.append(time);
            for (Column c : fields) b.append(',').append(cell(c.raw(r)));
            out.println(b);
        }
        out.flush();
    }

    static String cell(Object v) {
        if (v == null) return "";
        String s;
        if (v instanceof Collection<?> c) {
            StringBuilder b = new StringBuilder();
            for (Object o : c) {
                if (b.length() > 0) b.append(' ');
                b.append(o);
            }
            s = b.toString();
        } else {
            s = v.toString();
        }
        s = Text.escape(s);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf(' ') >= 0 && s.trim().length() != s.length()) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
