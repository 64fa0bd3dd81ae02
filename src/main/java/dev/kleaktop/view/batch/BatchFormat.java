package dev.kleaktop.view.batch;

import java.util.Locale;

/** The formats of {@code --format}. */
public enum BatchFormat {
    TEXT, JSON, CSV;

    /** The writer of this format. */
    public BatchWriter writer(BatchContext ctx) {
        return switch (this) {
            case TEXT -> new TextWriter(ctx);
            case JSON -> new JsonWriter(ctx);
            case CSV -> new CsvWriter(ctx);
        };
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
