package dev.kleaktop.view.batch;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes one refresh in batch mode ({@link BatchFormat#writer} gives the one of a format).
 * Implementations never print anywhere but {@code out}.
 */
public interface BatchWriter {
    /**
     * @param rows the caches to print, already filtered and sorted
     * @param first true for the first refresh of the run (csv prints its header then)
     */
    void write(Frame frame, List<CacheRow> rows, boolean first, PrintWriter out);
}
