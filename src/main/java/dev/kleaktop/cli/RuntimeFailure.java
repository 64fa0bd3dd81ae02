package dev.kleaktop.cli;

/** A runtime failure to report as {@code kleaktop: <what>: <why>} with exit 1. */
final class RuntimeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuntimeFailure(String message) {
        super(message);
    }

    RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
