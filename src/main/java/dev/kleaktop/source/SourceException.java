package dev.kleaktop.source;

import dev.kleaktop.model.SourceState;

/**
 * A kernel file could not be read or written. Carries a short reason and the fix to show
 * the user; never a stack trace.
 */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String fix;

    public SourceException(String path, String reason, String fix) {
        super(reason);
        this.path = path;
        this.fix = fix == null ? "" : fix;
    }

    public SourceException(String path, String reason, String fix, Throwable cause) {
        super(reason, cause);
        this.path = path;
        this.fix = fix == null ? "" : fix;
    }

    /** The path as the user gave or sees it (under --root). */
    public String path() { return path; }

    public String reason() { return getMessage(); }

    public String fix() { return fix; }

    public SourceState toState() { return SourceState.unavailable(reason(), fix); }
}
