package dev.kleaktop.view.batch;

import java.util.Locale;

/** The formats of {@code --format}. */
public enum BatchFormat {
    TEXT, JSON, CSV;

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
