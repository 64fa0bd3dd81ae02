package dev.kleaktop.testing;

import java.io.PrintStream;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints every skipped test with its reason on the console, one line each
 * ({@code SKIPPED TmuxTest#screenDraws: no tmux}), as the suite runs: surefire shows only a
 * count of skipped tests on the console and keeps the reasons in its XML reports, so a
 * machine without tmux, promtool or root would otherwise pass with parts untested and
 * nobody told why. Registered through META-INF/services for the JUnit Platform launcher.
 */
public final class SkipReporter implements TestExecutionListener {
    private final PrintStream out;

    public SkipReporter() {
        this(System.out);
    }

    SkipReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        report(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // a failed assumption (assumeTrue) ends a test as aborted, with the reason in its exception
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            report(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private void report(TestIdentifier test, String reason) {
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        // surefire's own prefix for assumption messages says nothing to a reader
        if (why.startsWith("Assumption failed: ")) why = why.substring("Assumption failed: ".length());
        out.println("SKIPPED " + name(test) + ": " + why);
        out.flush();
    }

    static String name(TestIdentifier test) {
        Optional<MethodSource> m = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        if (m.isPresent()) {
            String cls = m.get().getClassName();
            return cls.substring(cls.lastIndexOf('.') + 1) + "#" + m.get().getMethodName();
        }
        return test.getDisplayName();
    }
}
