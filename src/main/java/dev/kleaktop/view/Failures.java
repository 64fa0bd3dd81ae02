package dev.kleaktop.view;

/**
 * A failure in words for a status line or an error message, never a Java class name:
 * running out of heap names the heap limit, a stack overflow says the input was nested too
 * deeply, anything else is its message, or {@code fallback} when it has none.
 */
public final class Failures {
    private Failures() {}

    public static String why(Throwable e, String fallback) {
        if (e instanceof OutOfMemoryError) return "out of memory (" + heapLimit() + ")";
        if (e instanceof StackOverflowError) return "input nested too deeply (stack overflow)";
        String m = e.getMessage();
        return m == null || m.isBlank() ? fallback : m.strip();
    }

    /** The JVM's heap limit in words, e.g. {@code the heap limit is 96 MiB}. */
    public static String heapLimit() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? "no heap limit set" : "the heap limit is " + (max >> 20) + " MiB";
    }
}
