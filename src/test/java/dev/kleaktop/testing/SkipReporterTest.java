package dev.kleaktop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The console line for each skipped test, through a real launcher run of a small test class. */
class SkipReporterTest {
    /** Run only by the test below (surefire leaves nested classes out of the suite). */
    static class Sample {
        @Test
        void needsTmux() {
            Assumptions.assumeTrue(false, "no tmux on this machine");
        }

        @Test
        @Disabled("waits for the lab kernel")
        void disabled() {}

        @Test
        void runs() {}
    }

    @Test
    void printsEachSkippedTestWithItsReason() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            // without the registered listeners: this run's skips are not the suite's
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build(),
                    new SkipReporter(out));
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).containsExactlyInAnyOrder(
                "SKIPPED SkipReporterTest$Sample#needsTmux: no tmux on this machine",
                "SKIPPED SkipReporterTest$Sample#disabled: waits for the lab kernel");
    }
}
