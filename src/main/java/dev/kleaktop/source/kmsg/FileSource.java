package dev.kleaktop.source.kmsg;

import dev.kleaktop.source.LineReader;

import java.io.IOException;
import java.io.InputStream;

/** A captured file: records split at newlines or NULs; dictionary lines dropped. */
final class FileSource implements RecordSource {
    private final InputStream in;
    private final LineReader lines;

    FileSource(InputStream in) {
        this.in = in;
        this.lines = new LineReader(in, RECORD_BUFFER, true);
    }

    @Override
    public String next() throws IOException {
        String l;
        while ((l = lines.next()) != null) {
            if (!l.isEmpty() && l.charAt(0) != ' ') return l;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
