package dev.kleaktop.source;

/**
 * A file kleaktop refuses to read: larger than the limit for its kind, or not a regular file
 * (a FIFO, whose open would wait for a writer forever; a device that never ends). Unchecked,
 * because the readers that answer "unknown" for a file that is missing or unreadable
 * ({@link KernelFs#readLine}) must not answer "unknown" here: the tree is broken or hostile,
 * and the run ends with this one line, {@code PATH: why}.
 */
public final class FileRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String reason;

    FileRefusedException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /**
     * The message alone: it names the file and why, and the exception's class name would only
     * add an internal word where a caller prints the exception itself (the exporter's "refresh
     * failed: " line).
     */
    @Override
    public String toString() { return getMessage(); }

    /** The file as messages name it. */
    public String path() { return path; }

    /** Why, without the path: e.g. {@code larger than 4 KiB (the limit for this file)}. */
    public String reason() { return reason; }
}
