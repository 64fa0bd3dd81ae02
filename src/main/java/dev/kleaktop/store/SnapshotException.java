package dev.kleaktop.store;

/**
 * A snapshot file could not be read, understood or written. The message is one line,
 * {@code FILE: what is wrong}, ready to print after {@code kleaktop: }; callers that show it
 * on a terminal still escape it, since it can quote bytes from the file.
 */
public final class SnapshotException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String problem;

    public SnapshotException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public SnapshotException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (or directory) as the user named it. */
    public String file() { return file; }

    /** What is wrong with it, without the file name. */
    public String problem() { return problem; }
}
