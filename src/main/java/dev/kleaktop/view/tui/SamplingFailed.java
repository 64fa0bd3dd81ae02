package dev.kleaktop.view.tui;

/**
 * Sampling stopped on an error of the JVM (out of memory): the screen ends with this one line
 * instead of the error's name and trace.
 */
public final class SamplingFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SamplingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
