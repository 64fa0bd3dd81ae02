package dev.kleaktop.testing;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.LogRecord;
import dev.kleaktop.model.OomEvent;
import dev.kleaktop.source.SavedLogReader;
import dev.kleaktop.source.parse.KmemleakParser;
import dev.kleaktop.source.parse.OomParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Real kmemleak reports and OOM kills from the corpus, parsed by the product's parsers. */
public final class KernelData {
    private KernelData() {}

    /** The OOM kills of a saved kernel log, oldest first. */
    public static List<OomEvent> oom(String corpus) {
        List<LogRecord> recs = new ArrayList<>();
        try {
            SavedLogReader.read(new ByteArrayInputStream(Corpus.bytes(corpus)), recs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OomParser.parseAll(recs);
    }

    public static KmemleakReport kmemleak(String corpus) {
        return KmemleakParser.parse(Corpus.text(corpus));
    }
}
