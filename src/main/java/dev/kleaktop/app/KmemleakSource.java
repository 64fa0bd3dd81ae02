package dev.kleaktop.app;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.source.KmemleakControl;
import dev.kleaktop.source.SourceException;
import dev.kleaktop.source.parse.KmemleakParser;
import dev.kleaktop.source.SavedLogReader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * kmemleak as kleaktop uses it: the live debugfs file (read, scan, clear) or a saved report
 * ({@code --kmemleak-file}, read only). Every call blocks (a scan takes seconds to minutes,
 * and reads wait for a running scan): callers that must stay responsive run them on another
 * thread.
 */
public final class KmemleakSource {
    private final KmemleakControl control;
    private final Path file;
    private final Clock clock;

    private KmemleakSource(KmemleakControl control, Path file, Clock clock) {
        this.control = control;
        this.file = file;
        this.clock = clock;
    }

    public static KmemleakSource live(KernelFs fs, boolean readOnly, Clock clock) {
        return new KmemleakSource(new KmemleakControl(fs, readOnly, System::nanoTime), null, clock);
    }

    public static KmemleakSource file(Path file, Clock clock) {
        return new KmemleakSource(null, file, clock);
    }

    /** True when scan and clear can be attempted (a live kmemleak, not a saved file). */
    public boolean canWrite() { return control != null; }

    /** Reads the report now. Never throws: a failure is the returned view's state. */
    public KmemleakView read() {
        try {
            return new KmemleakView(SourceState.OK, readReport(), clock.instant());
        } catch (SourceException e) {
            return new KmemleakView(e.toState(), KmemleakReport.EMPTY, clock.instant());
        }
    }

    /** Reads the report now, or says why it cannot. */
    public KmemleakReport readReport() throws SourceException {
        if (control != null) {
            SourceState st = control.state();
            if (st instanceof SourceState.Unavailable u) {
                throw new SourceException(control.path(), u.reason(), u.fix());
            }
            return control.report();
        }
        return readFile(file);
    }

    /** Writes {@code scan} and reads the report after it. Blocks for the whole scan. */
    public KmemleakControl.ScanResult scan() throws SourceException {
        if (control == null) throw new SourceException(file.toString(), "cannot scan a saved report", "");
        return control.scan();
    }

    /** Writes {@code clear}. */
    public void clear() throws SourceException {
        if (control == null) throw new SourceException(file.toString(), "cannot clear a saved report", "");
        control.clear();
    }

    static KmemleakReport readFile(Path file) throws SourceException {
        KmemleakParser parser = new KmemleakParser();
        SavedLogReader.readLines(file, parser::accept);
        return parser.finish();
    }
}
