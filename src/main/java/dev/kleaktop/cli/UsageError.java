package dev.kleaktop.cli;

/** A usage error found after parsing (exit 2, one line). */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
