package dev.kleaktop.session;

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
    private final boolean captured;
    private final boolean readOnly;

    private KmemleakSource(KmemleakControl control, Path file, Clock clock, boolean captured, boolean readOnly) {
        this.control = control;
        this.file = file;
        this.clock = clock;
        this.captured = captured;
        this.readOnly = readOnly;
    }

    /**
     * kmemleak under the root. Under a captured tree ({@code --root} other than /) the file is
     * a saved report, not the kernel's control file: scan and clear are refused there, since
     * writing would overwrite the capture.
     */
    public static KmemleakSource live(KernelFs fs, boolean readOnly, Clock clock) {
        return new KmemleakSource(new KmemleakControl(fs, readOnly, System::nanoTime), null, clock, !fs.isLive(),
                readOnly);
    }

    public static KmemleakSource file(Path file, Clock clock) {
        return new KmemleakSource(null, file, clock, true, false);
    }

    /** True when scan and clear can be attempted (the running kernel's kmemleak). */
    public boolean canWrite() { return control != null && !captured; }

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
        refuseIfSaved("scan");
        return control.scan();
    }

    /** Writes {@code clear}. */
    public void clear() throws SourceException {
        refuseIfSaved("clear");
        control.clear();
    }

    private void refuseIfSaved(String what) throws SourceException {
        if (control == null) throw new SourceException(file.toString(), "cannot " + what + " a saved report", "");
        if (captured && !readOnly) { // under --read-only the control refuses with that reason
            throw new SourceException(control.path(), "cannot " + what + " a captured tree (--root)",
                    "run on the live system without --root");
        }
    }

    static KmemleakReport readFile(Path file) throws SourceException {
        KmemleakParser parser = new KmemleakParser();
        SavedLogReader.readLines(file, parser::accept);
        return parser.finish();
    }
}
