package dev.kleaktop.source.parse;

/** Input that cannot be understood at all (wrong format); the message names the line. */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public ParseException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** 1-based line number, or 0 when not tied to a line. */
    public int line() { return line; }
}
